"""A citizen on a phone (360 px) and a desktop (1280 px): search, protocol order, the header,
the dashboard's height, sharing and printing; axe (WCAG 2.2 AA) on every public page."""

import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
SEED_ORDER = ["Trần Văn Phương", "Lưu Quốc Nhật", "Huỳnh Văn Minh"]
ARTICLE = "/tin-tuc/ban-chi-dao-danh-gia-ket-qua-nam-2025-trien-khai-nhiem-vu-nam-2026/"
MEETING = "/cuoc-hop/hop-ban-chi-dao-danh-gia-nam-2025/"
PUBLIC_PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/chuyen-muc/hoat-dong-ban-chi-dao/",
    ARTICLE,
    "/cuoc-hop/",
    MEETING,
    "/ket-luan-chi-dao/",
    "/ban-chi-dao/",
    "/chi-so/2025/",
    "/chi-so/chi-tieu/ty-le-ho-so-truc-tuyen/",
    "/tim-kiem/?q=tap+huan",
    "/tim-kiem/?q=khongcotunay",
    "/so-do-cong/",
    "/trang-khong-co/",
]


def in_order(texts, names):
    text = "\n".join(texts)
    return [text.index(name) for name in names] == sorted(text.index(name) for name in names)


@VIEWPORTS
def test_zero_results_say_what_to_try(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/tim-kiem/?q=khongcotunay&loai=khong-co")
    main = page.locator("main").inner_text()
    assert "Không tìm thấy kết quả cho «khongcotunay»" in main
    assert "dùng ít từ hơn" in main and "kiểm tra chính tả" in main
    assert "Bộ lọc “khong-co” không có trên cổng" in main


@VIEWPORTS
def test_a_name_finds_the_committee_and_the_meeting_he_chaired(
    page, live_server, demo, screenshot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm kiếm trên cổng").fill("Tran Van Phuong")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/tim-kiem/?q=Tran+Van+Phuong*")
    links = page.locator(".result__title a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/ban-chi-dao/" in hrefs and MEETING in hrefs
    assert page.locator(".result mark", has_text="Phương").count() >= 1
    screenshot(page, f"search-name-{viewport['width']}")


@VIEWPORTS
def test_protocol_order_on_the_committee_and_meeting_pages(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/ban-chi-dao/")
    assert in_order(page.locator(".member__name").all_inner_texts(), SEED_ORDER)
    page.goto(live_server.url + MEETING)
    assert in_order(page.locator(".attendance strong").all_inner_texts(), SEED_ORDER)


@VIEWPORTS
def test_header_is_compact_and_the_menu_one_line(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    header = page.locator("header.site-header").bounding_box()
    items = page.locator(".site-nav__list li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, "the menu is on one line"
    brand = page.locator(".brand").inner_text()
    if viewport == PHONE:
        assert header["height"] <= 160
        assert brand.startswith("Ban Chỉ đạo KHCN, ĐMST và CĐS")
    else:
        assert "Ban Chỉ đạo về phát triển khoa học" in brand
    assert brand == brand.strip() and "BAN CHỈ" not in brand
    placeholder = page.locator("#search-q")
    assert placeholder.evaluate("e => e.scrollWidth <= e.clientWidth")


@VIEWPORTS
def test_dashboard_height_and_how_a_rate_is_computed(page, live_server, demo, screenshot, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/chi-so/2025/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    main = page.locator("main").inner_text()
    assert main.count("Chưa có chỉ tiêu") == 1
    assert "1.688 / 2.945 hồ sơ" in main and "Cuộc họp 15/01/2026" in main
    screenshot(page, f"dashboard-2025-{viewport['width']}")
    if viewport == PHONE:
        assert height <= 2743, f"{height} px: at most half of the 5,487 px it was"
    page.goto(live_server.url + "/")
    assert "1.688 / 2.945 hồ sơ" in page.locator(".home-figures").inner_text()
    screenshot(page, f"home-demo-{viewport['width']}")


@VIEWPORTS
def test_share_links_and_the_enhanced_buttons(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    for path in (ARTICLE, MEETING):
        page.goto(live_server.url + path)
        bar = page.get_by_role("group", name="Chia sẻ và in")
        facebook = bar.get_by_role("link", name="Facebook")
        assert facebook.get_attribute("href").startswith(
            "https://www.facebook.com/sharer/sharer.php?u="
        )
        assert (
            bar.get_by_role("link", name="Thư điện tử")
            .get_attribute("href")
            .startswith("mailto:?subject=")
        )
        assert bar.get_by_role("button", name="In").is_visible()
        bar.get_by_role("button", name="Chép liên kết").click()
        expect(bar.get_by_role("status")).to_have_text("Đã chép liên kết.")
        assert page.evaluate("navigator.clipboard.readText()").endswith(path)


@VIEWPORTS
def test_print_drops_navigation_and_carries_address_and_dates(page, live_server, demo, viewport):
    page.set_viewport_size(viewport)
    for path in (ARTICLE, MEETING, "/chi-so/2025/"):
        page.goto(live_server.url + path)
        page.emulate_media(media="print")
        for hidden in (".site-nav", ".breadcrumbs", ".share", ".search-box"):
            assert page.locator(hidden).first.is_hidden(), (path, hidden)
        line = page.locator(".print-meta")
        assert line.is_visible() and path in line.inner_text()
        if path != "/chi-so/2025/":
            assert "Cập nhật lần cuối:" in line.inner_text()
        page.emulate_media(media="screen")
        assert line.is_hidden()


@VIEWPORTS
def test_every_public_page_passes_axe_with_wcag22(page, live_server, demo, axe, viewport):
    page.set_viewport_size(viewport)
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        axe(page)
