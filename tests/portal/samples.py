"""Honest and hostile files for the upload tests, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HTML = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
GPS_TAG = 0x8825


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def _zip(members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if first:
            package.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, text in members.items():
            package.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_bytes():
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def xlsx_bytes():
    return _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return _zip({"content.xml": "<office:document-content/>"}, first=("mimetype", mimetype))


def image_bytes(fmt="PNG", size=(64, 48), exif=None):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def exif_with_location():
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"
    exif[GPS_TAG] = {1: "N", 2: (10.0, 30.0, 0.0), 3: "E", 4: (106.0, 40.0, 0.0)}
    return exif


def upload(name, data):
    return SimpleUploadedFile(name, data)


# Each is refused wherever its extension is accepted (the name says what it claims to be).
HOSTILE = {
    "html-as-pdf": ("bao-cao.pdf", HTML),
    "html-before-pdf-header": ("bao-cao.pdf", HTML + pdf_bytes()),
    "pdf-without-end-marker": ("bao-cao.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n"),
    "html-as-png": ("anh.png", HTML),
    "svg-as-png": ("anh.png", SVG),
    "svg": ("anh.svg", SVG),
    "html-as-docx": ("bien-ban.docx", HTML),
    "zip-without-document-as-docx": ("bien-ban.docx", _zip({"a.txt": "x"})),
    "xlsx-renamed-docx": ("bien-ban.docx", xlsx_bytes()),
    "pdf-renamed-docx": ("bien-ban.docx", pdf_bytes()),
    "html-before-zip-as-xlsx": ("so-lieu.xlsx", HTML + xlsx_bytes()),
    "odt-with-wrong-mimetype": ("van-ban.odt", odt_bytes("text/html")),
    "truncated-png": ("anh.png", image_bytes()[:60]),
    "exe": ("chuong-trinh.exe", b"MZ\x90\x00"),
    "html": ("trang.html", HTML),
}
