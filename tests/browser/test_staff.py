"""An editor sends an article for review; a reviewer publishes it; the history names both."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from news.models import Article
from staff import roles
from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-rat-dai-2026"
TITLE = "Xã Minh Đức ra mắt Tổ công nghệ số cộng đồng ở ấp Một"
EDITABLE = ".prose-editor .ProseMirror[contenteditable=true]"


@pytest.fixture
def officials(db):
    User = get_user_model()
    for username, first, last, role in (
        ("lan.bt", "Lan", "Phạm Thị", roles.EDITOR),
        ("minh.dt", "Minh", "Võ Văn", roles.REVIEWER),
    ):
        user = User.objects.create_user(
            username, password=PASSWORD, first_name=first, last_name=last, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))


def log_out(page):
    page.click("#logout-form button")
    page.wait_for_url(re.compile(r"/dang-xuat/|/logout/"))


def test_editor_submits_reviewer_publishes_history_names_both(
    page, live_server, officials, screenshot
):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, "lan.bt")
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Tổ công nghệ số cộng đồng hướng dẫn người dân dùng VNeID.")
    page.locator(EDITABLE).click()
    page.keyboard.type("Tổ gồm năm thành viên, hỗ trợ người dân tại nhà văn hóa ấp.")
    page.select_option("#id_category", label="Chuyển đổi số")
    # The editor may only send for review: publishing is not hers to choose.
    page.select_option("#id_status", label="Chờ duyệt")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/news/article/$"))
    assert Article.objects.get(title=TITLE).status == Article.Status.REVIEW
    log_out(page)

    log_in(page, live_server, "minh.dt")
    work_list = page.locator(".work-list")
    assert "Bài viết chờ duyệt: 1" in work_list.inner_text()
    screenshot(page, "staff-worklist-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "staff-worklist-360")
    page.set_viewport_size(DESKTOP)
    work_list.get_by_role("link", name=TITLE).click()
    page.select_option("#id_status", label="Đã đăng")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/news/article/$"))
    article = Article.objects.get(title=TITLE)
    assert Article.objects.published().filter(pk=article.pk).exists()

    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    page.click("a.historylink")
    page.wait_for_url(re.compile(r"/history/$"))
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    newest, first = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "Võ Văn Minh (minh.dt)" in newest and "Chờ duyệt" in newest and "Đã đăng" in newest
    assert "Phạm Thị Lan (lan.bt)" in first and "Đã tạo" in first
    screenshot(page, "staff-history-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "staff-history-360")
