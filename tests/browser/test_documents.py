"""The register's journey: the secretary enters a document with its PDF, leadership publishes
it, and a citizen finds it by a word of the PDF typed without diacritics."""

import pytest
from django.urls import reverse

from documents.models import Document
from staff import roles
from tests.conftest import DESKTOP, PHONE
from tests.documents.conftest import pdf_bytes
from tests.staff.conftest import PASSWORD, make_official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_TEXT = "Kế hoạch phát triển Tổ công nghệ số cộng đồng ở các ấp, sóc năm 2026"


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.locator("#user-tools").wait_for()


def test_secretary_enters_leadership_publishes_citizen_finds_it(page, live_server, axe, screenshot):
    make_official(roles.SECRETARY, "thuky")
    make_official(roles.LEADER, "lanhdao")

    log_in(page, live_server, "thuky")
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("admin:documents_document_add"))
    page.select_option("#id_doc_type", label="Kế hoạch")
    page.fill("#id_number", "03/KH-BCĐ")
    page.select_option("#id_issuer", label="Ban Chỉ đạo xã")
    page.fill("#id_title", "Kế hoạch phát triển Tổ công nghệ số cộng đồng năm 2026")
    page.fill("#id_issued_on", "05/01/2026")
    page.fill("#id_effective_from", "04/01/2026")  # before the issue date
    page.fill("[name='files-0-title']", "Toàn văn")
    pdf = {"name": "ke-hoach-03.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(PDF_TEXT)}
    page.set_input_files("[name='files-0-file']", files=[pdf])
    assert page.locator("#id_is_published").count() == 0  # the secretary cannot publish
    page.click("input[name=_save]")
    page.get_by_text("Ngày có hiệu lực không được trước ngày ban hành.").wait_for()
    screenshot(page, "documents-admin-error")
    page.fill("#id_effective_from", "10/01/2026")
    page.set_input_files("[name='files-0-file']", files=[pdf])  # browsers never keep a file
    page.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()
    assert "Tìm được" in page.text_content("#result_list")
    document = Document.objects.get(number="03/KH-BCĐ")
    assert not document.is_published and document.files.get().has_text

    log_in(page, live_server, "lanhdao")
    page.goto(live_server.url + reverse("admin:documents_document_changelist"))
    page.check(f"input[name=_selected_action][value='{document.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.get_by_text("Đã công bố 1 văn bản").wait_for()
    screenshot(page, "documents-admin-published")

    page.context.clear_cookies()
    for viewport in (PHONE, DESKTOP):
        width = viewport["width"]
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/")
        page.fill("#search-q", "to cong nghe so cong dong")
        page.press("#search-q", "Enter")
        page.get_by_role("link", name="Kế hoạch số 03/KH-BCĐ", exact=False).first.click()
        page.wait_for_url(f"**{document.get_absolute_url()}")
        main = page.text_content("main")
        assert "Còn hiệu lực" in main and "Toàn văn" in main and "(PDF, " in main
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"documents-detail-{width}")
        axe(page)
        page.goto(live_server.url + reverse("documents:list") + "?loai=ke-hoach&nam=2026")
        assert "Kế hoạch số 03/KH-BCĐ" in page.text_content("main")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"documents-list-{width}")
        axe(page)
    response = page.request.get(live_server.url + document.files.get().get_absolute_url())
    assert response.ok and response.body().startswith(b"%PDF-")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_demo_register_and_resolution_57_fit_and_pass_axe(
    page, live_server, demo, axe, screenshot, viewport
):
    width = viewport["width"]
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("documents:list"))
    page.get_by_role("link", name="Về đột phá phát triển khoa học", exact=False).click()
    main = page.text_content("main")
    assert "57-NQ/TW" in main and "Còn hiệu lực" in main
    assert "22/12/2024" in main and "Bộ Chính trị" in main and "Được xem xét tại cuộc họp" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"documents-demo-nq57-{width}")
    axe(page)
