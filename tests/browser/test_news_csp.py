"""The editor and the news pages work under the real Content-Security-Policy (no bypass)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from news.models import Category
from tests.news.factories import make_article, uploaded_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITABLE = ".prose-editor .ProseMirror[contenteditable=true]"


@pytest.fixture
def strict_page(browser):
    context = browser.new_context(locale="vi-VN")  # CSP enforced, unlike the default context
    page = context.new_page()
    page.refused = []
    page.on(
        "console",
        lambda m: page.refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: page.refused.append(str(error)))
    yield page
    context.close()


def test_editor_loads_and_edits_under_the_admin_policy(strict_page, live_server):
    User.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-bien-tap-2026")
    page = strict_page
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-bien-tap-2026")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:news_article_add"))
    editable = page.locator(EDITABLE)
    editable.click()
    page.keyboard.type("Chữ gõ trong trình soạn thảo")
    page.locator(".prose-editor .prose-menubar").first.wait_for()
    assert "Chữ gõ trong trình soạn thảo" in page.input_value("#id_body")
    assert page.refused == []


def test_news_pages_load_under_the_public_policy(strict_page, live_server):
    category = Category.objects.order_by("pk").first()
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Ảnh")
    page = strict_page
    for url in (reverse("news:list"), category.get_absolute_url(), article.get_absolute_url()):
        page.goto(live_server.url + url)
    # A lazy image may still be on its way when the page has loaded: wait for it.
    page.wait_for_function(
        "() => { const img = document.querySelector('.article__cover img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert page.refused == []
