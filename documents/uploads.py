"""What a document's file must be, and the text search reads out of it.

A document takes only PDF or DOCX of at most 20 MB whose content is what its name says (a PDF
starts with "%PDF-", a DOCX is a zip holding word/document.xml). The files are kept in the
portal's private storage (PRIVATE_MEDIA_ROOT) and served only through the document's page.
"""

import re
import time
import zipfile

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

EXTENSIONS = ("pdf", "docx")
MAX_BYTES = 20 * 1024 * 1024
# Extraction is bounded: a long or hostile file cannot hold a request for long.
MAX_PAGES = 50
MAX_SECONDS = 10
MAX_CHARACTERS = 300_000
DOCX_MAX_XML_BYTES = 10 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

WRONG_CONTENT = _("Tệp “%(name)s” không phải %(kind)s thật (nội dung không khớp phần mở rộng).")


def extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_file(upload):
    """A PDF or DOCX of at most 20 MB whose content is what its name says."""
    name = upload.name.rsplit("/", 1)[-1]
    kind = extension(name)
    if kind not in EXTENSIONS:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận. Chỉ nhận PDF hoặc Word (.docx)."),
            code="extension",
            params={"name": name},
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Tệp nặng %(size)s, vượt quá giới hạn %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    ok = upload.read(5) == b"%PDF-" if kind == "pdf" else _is_docx(upload)
    upload.seek(0)
    if not ok:
        raise ValidationError(
            WRONG_CONTENT, code="content", params={"name": name, "kind": kind.upper()}
        )


def _is_docx(upload):
    try:
        with zipfile.ZipFile(upload) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def extract_text(upload, kind):
    """(text, pages read) of a PDF's first pages or a DOCX's body; "" when there is none.

    A PDF scanned from paper has no text layer: it gives "" and is flagged to staff.
    A damaged file gives "" too; it was already checked to be a PDF or a DOCX.
    """
    upload.seek(0)
    try:
        if kind == "pdf":
            return _pdf_text(upload)
        return _docx_text(upload), 0
    except Exception:  # noqa: BLE001 - any parser failure means "no text", never a 500
        return "", 0
    finally:
        upload.seek(0)


def _pdf_text(upload):
    from pypdf import PdfReader

    reader = PdfReader(upload)
    deadline = time.monotonic() + MAX_SECONDS
    parts, size, pages = [], 0, 0
    for page in reader.pages[:MAX_PAGES]:
        if time.monotonic() > deadline or size > MAX_CHARACTERS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        pages += 1
    return _tidy(" ".join(parts)), pages


def _docx_text(upload):
    with zipfile.ZipFile(upload) as package:
        info = package.getinfo("word/document.xml")
        if info.file_size > DOCX_MAX_XML_BYTES:
            return ""
        root = ElementTree.fromstring(package.read(info))
    paragraphs = ("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p"))
    return _tidy(" ".join(paragraphs))


def _tidy(text):
    return re.sub(r"\s+", " ", text).strip()[:MAX_CHARACTERS]
