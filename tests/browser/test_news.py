"""An editor writes an article from a Word paste, previews and publishes it; a citizen reads it."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from news.models import Article, Tag
from tests.browser.editor import EDITABLE, WORD_PASTE, paste
from tests.conftest import DESKTOP, PHONE
from tests.news.factories import image_bytes
from tests.portal.samples import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-bien-tap-2026"
TITLE = "Ban Chỉ đạo đánh giá chuyển đổi số năm 2025"


def log_in(page, live_server):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))


@pytest.fixture
def newsroom(settings, tmp_path):
    """The demo meeting to link to, a tag, and an editor who may publish."""
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Tag.objects.create(name="Chuyển đổi số 2025")
    User.objects.create_superuser("bientap", "bientap@example.vn", PASSWORD)


def write_article(page):
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Sapo: Ban Chỉ đạo nhìn lại kết quả năm 2025.")
    page.locator(EDITABLE).click()
    paste(page, WORD_PASTE.read_text(), "Kết quả chuyển đổi số năm 2025")
    page.set_input_files(
        "#id_cover", files=[{"name": "hop.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    page.fill("#id_cover_alt", "Các thành viên Ban Chỉ đạo tại cuộc họp")
    page.fill("#id_cover_caption", "Quang cảnh cuộc họp")
    page.select_option("#id_category", label="Hoạt động Ban Chỉ đạo")
    # Tags are chosen by typing a few letters (the admin's autocomplete).
    page.click("#id_tags + .select2 .select2-selection")
    page.keyboard.type("2025")
    page.locator(".select2-results__option", has_text="Chuyển đổi số 2025").click()
    page.select_option("#id_meeting", index=1)
    page.fill("#id_author", "Lê Đức Hoàng")
    page.fill("#id_signature", "Hải Bình - TTDV")
    page.fill("#id_source", "Trung tâm Dịch vụ tổng hợp xã Minh Đức")
    page.fill("#id_attachments-0-title", "Báo cáo kết quả năm 2025")
    page.set_input_files(
        "#id_attachments-0-file",
        files=[{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
    )


def assert_word_structure_kept(body):
    assert "mso-" not in body and "Mso" not in body
    assert "class=" not in body and "style=" not in body and "·" not in body
    assert "<h2>Kết quả chuyển đổi số năm 2025</h2>" in body
    assert "<h2>Nhiệm vụ năm 2026</h2>" in body
    assert "<strong>Nghị quyết số 57-NQ/TW</strong>" in body
    assert "<em>triển khai nhiệm vụ năm 2026</em>" in body
    assert re.search(r"<ul><li><p>100% cán bộ, công chức", body)
    assert re.search(
        r'<ol[^>]*><li><p>Khắc phục hạ tầng chưa đồng bộ:</p><ol [^>]*type="a"><li><p>rà soát', body
    )
    assert '<th scope="col"><p><strong>Chỉ tiêu</strong></p></th>' in body
    assert "<table>" in body and "<th" in body and "Tổ công nghệ số cộng đồng" in body
    assert 'href="https://dichvucong.gov.vn/"' in body


def test_editor_publishes_from_word_and_a_citizen_reads_it(
    page, browser, live_server, newsroom, axe, screenshot
):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:news_article_add"))
    write_article(page)
    screenshot(page, "news-admin-editor")
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/change/$"))

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT
    assert_word_structure_kept(article.body)

    page.click("text=Xem trước")
    assert page.locator("h1").text_content() == TITLE
    assert "Bản xem trước" in page.locator(".news-preview").text_content()
    screenshot(page, "news-admin-preview")
    page.go_back()

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/news/article/$"))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    citizen = browser.new_context(viewport=PHONE, bypass_csp=True, locale="vi-VN")
    reader = citizen.new_page()
    reader.goto(live_server.url + reverse("news:list"))
    axe(reader)
    screenshot(reader, "news-list-360")
    reader.click(f"text={TITLE}")
    reader.wait_for_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    text = reader.locator("main").inner_text()
    for shown in (
        TITLE,
        "Sapo: Ban Chỉ đạo nhìn lại kết quả năm 2025.",
        "Kết quả chuyển đổi số năm 2025",
        "Tác giả",
        "Lê Đức Hoàng",
        "Hải Bình - TTDV",
        "Nguồn tin",
        "Trung tâm Dịch vụ tổng hợp xã Minh Đức",
        "Chuyển đổi số 2025",
        "Báo cáo kết quả năm 2025",
        "Lượt xem: 1",
        "Bài viết đưa tin về cuộc họp",
        "Quang cảnh cuộc họp",
        "Những tin cũ hơn",
    ):
        assert shown in text, shown
    assert re.search(r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} \d\d:\d\d", text)
    cover = reader.locator(".article__cover img")
    assert cover.get_attribute("alt") == "Các thành viên Ban Chỉ đạo tại cuộc họp"
    assert reader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe(reader)
    screenshot(reader, "news-article-360")
    reader.set_viewport_size(DESKTOP)
    cover.scroll_into_view_if_needed()
    reader.wait_for_function("document.querySelector('.article__cover img').complete")
    # Served through the view that checks the article is published, not from /media/.
    assert cover.evaluate("img => img.naturalWidth") > 0
    assert cover.evaluate("img => img.currentSrc").startswith(live_server.url + "/tep/tin-tuc/anh/")
    screenshot(reader, "news-article-1280")
    reader.emulate_media(media="print")
    screenshot(reader, "news-article-print")
    reader.emulate_media(media="screen")
    reader.goto(live_server.url + reverse("news:list"))
    screenshot(reader, "news-list-1280")
    citizen.close()
