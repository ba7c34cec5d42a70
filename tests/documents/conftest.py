import datetime
import io
import itertools
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentType, Issuer
from tests.meetings.conftest import committee, make_meeting  # noqa: F401 - shared fixtures
from tests.staff.conftest import client_as  # noqa: F401 - shared fixture

_numbers = itertools.count(1)


# Glyph names (Adobe Glyph List) of the Vietnamese letters the tests write into PDFs.
GLYPHS = {
    "ạ": "adotbelow", "á": "aacute", "à": "agrave", "ả": "ahookabove", "ã": "atilde",
    "â": "acircumflex", "ấ": "acircumflexacute", "ầ": "acircumflexgrave", "ă": "abreve",
    "ở": "ohornhookabove",
    "đ": "dcroat", "Đ": "Dcroat", "ê": "ecircumflex", "ế": "ecircumflexacute",
    "ể": "ecircumflexhookabove", "ệ": "ecircumflexdotbelow", "ề": "ecircumflexgrave",
    "ô": "ocircumflex", "ố": "ocircumflexacute", "ổ": "ocircumflexhookabove",
    "ộ": "ocircumflexdotbelow", "ồ": "ocircumflexgrave", "ơ": "ohorn", "ớ": "ohornacute",
    "ư": "uhorn", "ứ": "uhornacute", "ự": "uhorndotbelow", "ỉ": "ihookabove", "í": "iacute",
    "ỹ": "ytilde", "ý": "yacute", "ù": "ugrave", "ú": "uacute", "ó": "oacute", "ò": "ograve",
}  # fmt: skip


def _pdf(streams, differences=""):
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(streams)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(streams)} >>")
    objects.append(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        f"/Encoding << /Type /Encoding /Differences [128 {differences}] >> >>"
    )
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out.write(trailer.encode())
    return out.getvalue()


def pdf_bytes(*pages):
    """A small real PDF with one line of Vietnamese text on each page.

    Letters outside ASCII get codes 128... through the font's /Differences, by glyph name,
    which is how a text extractor reads them back as Unicode.
    """
    letters = sorted({c for text in pages for c in text if ord(c) > 127})
    codes = {c: 128 + i for i, c in enumerate(letters)}
    differences = " ".join(f"/{GLYPHS[c]}" for c in letters)
    streams = []
    for text in pages:
        encoded = "".join(f"\\{codes[c]:03o}" if c in codes else c for c in text)
        streams.append(f"BT /F1 12 Tf 72 720 Td ({encoded}) Tj ET")
    return _pdf(streams, differences)


def scanned_pdf_bytes():
    """A PDF page with no text layer, as a scanner makes it (here: one drawn line)."""
    return _pdf(["0 0 m 100 100 l S"])


def docx_bytes(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def make_document(db):
    def make(**fields):
        n = next(_numbers)
        fields.setdefault("number", f"{n}/KH-BCĐ")
        fields.setdefault("title", f"Kế hoạch thử số {n}")
        fields.setdefault("issued_on", datetime.date(2025, 3, 1))
        fields.setdefault("is_published", True)
        fields["doc_type"] = DocumentType.objects.get(slug=fields.pop("type", "ke-hoach"))
        fields["issuer"] = Issuer.objects.get(slug=fields.pop("issuer", "ban-chi-dao-xa"))
        return Document.objects.create(**fields)

    return make


@pytest.fixture
def counted_client(client):
    """A client already counted as a visitor, so the visit counter adds no write to a page."""
    client.cookies["md_visit"] = "1"
    return client
