"""The rich-text editor speaks Vietnamese and has room to write in."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITABLE = ".prose-editor .ProseMirror[contenteditable=true]"
ENGLISH = re.compile(
    r"\b(bold|italic|undo|redo|paragraph|heading|list|table|column|row|cells?|link|yes|no|"
    r"insert|delete|merge|split|toggle|quote|rule)\b",
    re.IGNORECASE,
)


def test_every_label_of_the_editor_and_its_table_dialog_is_vietnamese(page, live_server):
    User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-quan-tri-2026")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "mat-khau-quan-tri-2026")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.wait_for_selector(".prose-menubar")
    labels = page.eval_on_selector_all(
        ".prose-menubar [title], .prose-menubar [aria-label], .prose-menubar__option",
        "els => els.flatMap(e => [e.title, e.getAttribute('aria-label'), "
        "e.classList.contains('prose-menubar__option') ? e.textContent : ''])",
    )
    english = [label for label in labels if label and ENGLISH.search(label)]
    assert not english, english
    assert "In đậm" in labels and "Chèn bảng" in labels and "Tiêu đề cấp 2" in labels
    editable = page.locator(EDITABLE)
    assert editable.bounding_box()["height"] >= 200
    editable.click()
    page.click('.prose-menubar [data-name="table"]')
    dialog = page.locator("dialog")
    assert "Thuộc tính bảng" in dialog.inner_text() and "Chèn bảng" in dialog.inner_text()
    assert not ENGLISH.search(dialog.inner_text()), dialog.inner_text()
    dialog.locator("select").select_option(label="Có")
    dialog.locator("button[type=submit]").click()
    assert "<th" in page.input_value("#id_body")  # "Có" still means a header row
