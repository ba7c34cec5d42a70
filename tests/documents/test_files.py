"""Files of a document: checked on upload, their text read for search, served by the portal."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import uploads
from documents.models import DocumentFile
from portal.search import search
from tests.communes.helpers import first_commune

from .conftest import docx_bytes, pdf_bytes, scanned_pdf_bytes, upload

pytestmark = pytest.mark.django_db

PDF_TEXT = "Kế hoạch phát triển Tổ công nghệ số cộng đồng ở các ấp"


def add_file(document, name, content, **fields):
    document_file = DocumentFile(document=document, file=upload(name, content), **fields)
    document_file.full_clean()
    document_file.save()
    return document_file


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.exe", b"MZ...", "Chỉ nhận PDF hoặc Word (.docx)"),
        ("ke-hoach.pdf", b"<html>not a pdf</html>", "không phải PDF thật"),
        ("ke-hoach.docx", b"PK\x03\x04 broken", "không phải DOCX thật"),
        ("ke-hoach.docx", pdf_bytes("abc"), "không phải DOCX thật"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(make_document, name, content, message):
    with pytest.raises(ValidationError) as error:
        add_file(make_document(), name, content)
    assert message in " ".join(error.value.message_dict["file"])


def test_a_file_over_the_limit_is_refused(make_document, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        add_file(make_document(), "lon.pdf", pdf_bytes("x" * 200))
    assert "vượt quá giới hạn" in " ".join(error.value.message_dict["file"])


def test_pdf_text_is_read_on_upload(make_document):
    document_file = add_file(make_document(), "ke-hoach.pdf", pdf_bytes(PDF_TEXT, "Trang hai"))
    assert document_file.has_text and document_file.pages_read == 2
    assert PDF_TEXT in document_file.text
    assert document_file.size == len(pdf_bytes(PDF_TEXT, "Trang hai"))


def test_only_the_first_pages_are_read(make_document, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 2)
    pages = [f"Trang so {n}" for n in range(1, 6)]
    document_file = add_file(make_document(), "dai.pdf", pdf_bytes(*pages))
    assert document_file.pages_read == 2
    assert "Trang so 2" in document_file.text and "Trang so 3" not in document_file.text


def test_a_scanned_pdf_is_flagged_to_staff(make_document, admin_client):
    document = make_document(number="07/KH-BCĐ")
    document_file = add_file(document, "ban-quet.pdf", scanned_pdf_bytes())
    assert not document_file.has_text and document_file.text == ""
    html = admin_client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "Có bản quét không có chữ" in html
    change = reverse("admin:documents_document_change", args=[document.pk])
    assert "Không có chữ: bản quét" in admin_client.get(change).content.decode()


def test_a_damaged_pdf_gives_no_text_and_no_error(make_document):
    document_file = add_file(make_document(), "hong.pdf", b"%PDF-1.4\n garbage")
    assert not document_file.has_text


def test_docx_text_is_read_too(make_document):
    document_file = add_file(make_document(), "ke-hoach.docx", docx_bytes("Chuyển đổi số cấp xã"))
    assert document_file.text == "Chuyển đổi số cấp xã" and document_file.content_type.endswith(
        "wordprocessingml.document"
    )


def test_search_finds_a_word_of_the_pdf_typed_without_diacritics(make_document):
    """Runs on SQLite and, through scripts/with-postgres.sh, on PostgreSQL."""
    document = make_document(number="08/KH-BCĐ", title="Kế hoạch năm 2026")
    add_file(document, "ke-hoach.pdf", pdf_bytes(PDF_TEXT))
    results = list(search(first_commune(), "cong nghe so cong dong", kind="document"))
    assert [(r.kind, r.object_id) for r in results] == [("document", document.pk)]
    assert results[0].get_kind_display() == "Văn bản"
    assert list(search(first_commune(), "08/KH-BCĐ"))[0].object_id == document.pk


def test_search_does_not_find_an_unpublished_document(make_document):
    document = make_document(is_published=False)
    add_file(document, "nhap.pdf", pdf_bytes(PDF_TEXT))
    assert not search(first_commune(), "cong nghe so cong dong", kind="document")


def test_the_search_page_shows_the_document(counted_client, make_document):
    document = make_document(number="08/KH-BCĐ")
    add_file(document, "ke-hoach.pdf", pdf_bytes(PDF_TEXT))
    html = counted_client.get(reverse("portal:search"), {"q": "to cong nghe"}).content.decode()
    assert document.get_absolute_url() in html and "Văn bản" in html


def test_files_are_served_only_while_the_document_may_be_seen(counted_client, make_document):
    document = make_document()
    document_file = add_file(document, "ke-hoach.pdf", pdf_bytes(PDF_TEXT))
    response = counted_client.get(document_file.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    html = counted_client.get(document.get_absolute_url()).content.decode()
    assert "(PDF, " in html  # type and size beside the link
    document.is_published = False
    document.save()
    assert counted_client.get(document_file.get_absolute_url()).status_code == 404


def test_files_are_kept_privately_under_a_name_nobody_can_guess(
    counted_client, make_document, settings
):
    document_file = add_file(make_document(), "kế hoạch.pdf", pdf_bytes(PDF_TEXT))
    name = document_file.file.name
    assert name.startswith("van-ban/") and "ke-hoach-" in name  # a slug plus a random part
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert counted_client.get(f"/media/{name}").status_code == 404
    assert counted_client.get(f"/tep/{name}").status_code == 404  # only through its document
