import io

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE
from tests.indicators.conftest import FakeCommand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_FIGURES = ["2.945", "1.688", "57,32%", "trên 98%", "91,24%", "19"]


@pytest.fixture
def seeded():
    from django.apps import apps

    from indicators import demo
    from indicators.starting_data import create_catalogue

    # Another app's post_migrate handler may fail after a flush and stop ours from running.
    create_catalogue(apps=apps)
    demo.load(FakeCommand())


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_leader_reads_the_year_and_downloads_excel(
    page, live_server, axe, screenshot, seeded, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/chi-so/2025/")
    # The tiles on a desktop, the stacked table (which stands for them) on a phone.
    shown = ".indicator-tiles" if viewport == DESKTOP else "#bang-2025"
    text = "\n".join(page.locator(shown).all_inner_texts())
    for figure in SEED_FIGURES:
        assert figure in text
    table = page.locator("#bang-2025")
    rate = table.locator("[data-code=ty-le-ho-so-truc-tuyen]").inner_text()
    assert rate.split()[0] == "57,32%" and "1.688 / 2.945 hồ sơ" in rate
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"indicators-2025-{viewport['width']}")
    axe(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == "chi-so-2025.xlsx"
    with open(download.path(), "rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).active
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert rows["ho-so-tiep-nhan"]["Giá trị"] == 2945
    assert rows["ho-so-truc-tuyen"]["Giá trị"] == 1688
    assert rows["ty-le-ho-so-truc-tuyen"]["Giá trị"] == pytest.approx(57.32)
    assert (rows["ho-so-dung-han"]["Dấu"], rows["ho-so-dung-han"]["Giá trị"]) == ("trên", 98)
    assert rows["dan-co-tai-khoan-vneid"]["Giá trị"] == pytest.approx(91.24)
    assert rows["to-cong-nghe-so-cong-dong"]["Giá trị"] == 19


def test_indicator_page_is_accessible(page, live_server, axe, screenshot, seeded):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/chi-so/chi-tieu/ty-le-ho-so-truc-tuyen/")
    assert "57,32%" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "indicators-detail-360")
    axe(page)


def test_dashboard_prints_on_at_most_two_a4_pages(page, live_server, seeded, tmp_path):
    page.goto(live_server.url + "/chi-so/2025/")
    page.emulate_media(media="print")
    assert page.locator(".indicator-group").first.is_hidden()
    pdf = page.pdf(format="A4", path=tmp_path / "chi-so.pdf")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") <= 2
    page.screenshot(path="test-artifacts/indicators-2025-print.png", full_page=True)


def test_official_imports_a_workbook_after_a_preview(
    page, live_server, screenshot, seeded, tmp_path
):
    from django.contrib.auth import get_user_model

    from indicators.models import Value

    get_user_model().objects.create_superuser("thuky", "", "mat-khau-dai-1")
    book = openpyxl.Workbook()
    book.active.append(["Mã chỉ số", "Năm", "Giá trị", "Dấu", "Nguồn", "Ghi chú"])
    book.active.append(["ho-so-tiep-nhan", 2024, 2800, "", "Báo cáo năm 2024", ""])
    book.active.append(["ho-so-truc-tuyen", 2024, 3000, "", "Báo cáo năm 2024", ""])
    path = tmp_path / "so-lieu-2024.xlsx"
    book.save(path)

    page.goto(live_server.url + "/quan-tri/login/?next=/quan-tri/indicators/value/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.set_input_files("#id_workbook", str(path))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.locator("#content-main")).to_contain_text("không được lớn hơn")
    screenshot(page, "indicators-import-errors")
    assert not Value.objects.filter(year=2024).exists()

    book.active["C3"] = 1500
    book.save(path)
    page.set_input_files("#id_workbook", str(path))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.get_by_role("button", name="Xác nhận lưu tất cả")).to_be_visible()
    screenshot(page, "indicators-import-preview")
    assert not Value.objects.filter(year=2024).exists()
    page.get_by_role("button", name="Xác nhận lưu tất cả").click()
    expect(page.locator("body")).to_contain_text("Đã lưu 2 số liệu.")
    assert Value.objects.filter(year=2024, is_published=False).count() == 2


def test_indicator_pages_load_under_the_real_content_security_policy(browser, live_server, seeded):
    """Without bypass_csp: the charts and styles need nothing the policy refuses."""
    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    for path in ("/chi-so/", "/chi-so/2025/", "/chi-so/chi-tieu/ty-le-ho-so-truc-tuyen/"):
        page.goto(live_server.url + path)
        assert page.locator("svg.chart__svg").count() == 1
    context.close()
    assert refused == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_official_fills_the_blank_template_and_imports_it(
    page, live_server, screenshot, seeded, tmp_path, viewport
):
    """One click on the import page gives last year's template; filled, it imports."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from indicators.models import Value

    year = timezone.localdate().year - 1
    get_user_model().objects.create_superuser("thuky", "", "mat-khau-dai-1")
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/quan-tri/login/?next=/quan-tri/indicators/value/nhap-excel/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("input[type=submit]")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"indicators-import-{viewport['width']}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải mẫu Excel trống").click()
    download = download_info.value
    assert download.suggested_filename == f"mau-nhap-so-lieu-{year}.xlsx"

    with open(download.path(), "rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "dan-co-tai-khoan-vneid":
            row[5].value = 93.5
        if row[1].value == "ho-so-dung-han":
            row[4].value, row[5].value = "trên", 98
    path = tmp_path / "mau.xlsx"
    book.save(path)
    page.set_input_files("#id_workbook", str(path))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    preview = page.locator("#content-main table")
    expect(preview).to_contain_text("Tỷ lệ người dân có tài khoản định danh điện tử VNeID")
    expect(preview).to_contain_text("93,5%")
    expect(preview).to_contain_text("trên 98%")
    screenshot(page, f"indicators-import-template-preview-{viewport['width']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.get_by_role("button", name="Xác nhận lưu tất cả").click()
    expect(page.locator("body")).to_contain_text("Đã lưu 2 số liệu.")
    codes = ["dan-co-tai-khoan-vneid", "ho-so-dung-han"]
    values = Value.objects.filter(year=year, indicator__code__in=codes)
    saved = {v.indicator.code: v.formatted for v in values}
    assert saved == {"dan-co-tai-khoan-vneid": "93,5%", "ho-so-dung-han": "trên 98%"}
