"""Uploaded files are what they claim: content checks, clean images, safe stored names.

Every app validates its file fields here: ``FileValidator`` on the model field, then
``prepare()`` in the model's ``save()``, which re-encodes images and gives the content type
the content check found (kept with the row and sent when the file is served). Stored names
are a slug of the original name plus a random part (``UploadTo``); the original name is kept
by the model for display and downloads.
"""

import io
import posixpath
import secrets
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .text import slugify_vi

MB = 1024 * 1024
# A small file can still decode to a huge bitmap; 40 megapixels covers any phone camera.
MAX_PIXELS = 40_000_000
# Zip packages (DOCX, XLSX, ODT, ODS): enough members for any office file, no zip bomb.
MAX_MEMBERS = 5_000
MAX_UNPACKED_BYTES = 200 * MB


@dataclass(frozen=True)
class Kind:
    """A file type the portal accepts, as its content check recognises it."""

    extension: str
    content_type: str
    label: str

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    @property
    def inline(self):
        return opens_inline(self.content_type)


def opens_inline(content_type):
    """Images and PDFs open in the browser; every other type is downloaded."""
    return content_type.startswith("image/") or content_type == "application/pdf"


KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", "application/pdf", "PDF"),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        Kind("odt", "application/vnd.oasis.opendocument.text", "ODT"),
        Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
        Kind("jpg", "image/jpeg", "JPEG"),
        Kind("png", "image/png", "PNG"),
        Kind("webp", "image/webp", "WebP"),
    )
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
# What each zip package must hold, beside the members every such package has.
PACKAGE_MEMBERS = {
    "docx": {"[Content_Types].xml", "word/document.xml"},
    "xlsx": {"[Content_Types].xml", "xl/workbook.xml"},
    "odt": {"mimetype", "content.xml"},
    "ods": {"mimetype", "content.xml"},
}
PILLOW_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
UNKNOWN = Kind("", "application/octet-stream", "")

NOT_WHAT_IT_CLAIMS = _(
    "Nội dung tệp “%(name)s” không phải là tệp %(label)s hợp lệ (tệp hỏng, hoặc là loại tệp "
    "khác được đổi đuôi). Hãy mở tệp trên máy để kiểm tra rồi chọn lại."
)


def extension_of(name):
    ext = posixpath.splitext(str(name or ""))[1].lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


def _read(file):
    file.seek(0)
    try:
        return file.read()
    finally:
        file.seek(0)


def _image_extension(data):
    """The extension of the image Pillow finds in ``data`` after a full verify, or None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format, pixels = image.format, image.width * image.height
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # verify() does not decode the pixels; a truncated file fails here
    except Exception:  # Pillow raises many kinds for broken or hostile files
        return None
    if pixels > MAX_PIXELS:
        return None
    return PILLOW_FORMATS.get(image_format)


def _is_pdf(data):
    # The header at the very start (no HTML before it) and an end marker near the end.
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def _package_extension(data, claimed):
    """``claimed`` if ``data`` is a sound zip package of that type, else None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_MEMBERS:
                return None
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                return None
            if not PACKAGE_MEMBERS[claimed] <= names:
                return None
            if claimed in ("odt", "ods"):
                expected = KINDS[claimed].content_type.encode()
                if package.read("mimetype").strip() != expected:
                    return None
            if package.testzip() is not None:
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    return claimed


def detect(file, claimed=None):
    """The ``Kind`` the content of ``file`` really is, or None when it is none of ours.

    ``claimed`` is the extension the name gives; zip packages cannot tell DOCX from a renamed
    XLSX without knowing what to look for, so they are checked as the type they claim.
    """
    data = _read(file)
    claimed = claimed or extension_of(getattr(file, "name", ""))
    if _is_pdf(data):
        return KINDS["pdf"]
    if claimed in PACKAGE_MEMBERS:
        found = _package_extension(data, claimed)
        return KINDS[found] if found else None
    found = _image_extension(data)
    return KINDS[found] if found else None


@deconstructible
class FileValidator:
    """Accept only the listed extensions, at most ``max_bytes``, checked by content."""

    def __init__(self, extensions, max_bytes):
        self.extensions = list(extensions)
        self.max_bytes = max_bytes

    def __call__(self, file):
        if getattr(file, "_committed", False):
            return  # already stored, and checked when it was uploaded
        name = posixpath.basename(str(file.name))
        labels = ", ".join(dict.fromkeys(KINDS[ext].label for ext in self.extensions))
        claimed = extension_of(name)
        if claimed not in self.extensions:
            raise ValidationError(
                _("Tệp “%(name)s” không được nhận. Chỉ nhận tệp %(labels)s."),
                code="invalid_extension",
                params={"name": name, "labels": labels},
            )
        if file.size > self.max_bytes:
            raise ValidationError(
                _("Tệp nặng %(size)s, vượt quá giới hạn %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "limit": filesizeformat(self.max_bytes)},
            )
        kind = detect(file, claimed)
        if kind is None or kind.extension != claimed:
            raise ValidationError(
                NOT_WHAT_IT_CLAIMS,
                code="invalid_content",
                params={"name": name, "label": KINDS[claimed].label},
            )

    def __eq__(self, other):
        return (
            isinstance(other, FileValidator)
            and self.extensions == other.extensions
            and self.max_bytes == other.max_bytes
        )


def clean_image(file, fmt=None):
    """The image re-encoded from its pixels alone: no trailing bytes, no EXIF or location.

    The orientation EXIF asked for is applied first. ``fmt`` (a Pillow format) forces the
    output format; by default JPEG, PNG and WebP stay what they are.
    """
    file.seek(0)
    with Image.open(file) as opened:
        fmt = fmt or opened.format
        image = ImageOps.exif_transpose(opened)
        image.load()
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 85}}
    buffer = io.BytesIO()
    # No exif= argument: Pillow then writes no EXIF (location, camera, ...) at all.
    image.save(buffer, fmt, **options.get(fmt, {"optimize": True}))
    file.seek(0)
    return ContentFile(buffer.getvalue())


def prepare(field_file):
    """Ready a new upload for storing: re-encode it if an image; the Kind its content is.

    Files that fit no accepted type (saved without a form, e.g. from the shell) are kept as
    ``UNKNOWN``, which is only ever served as a download.
    """
    name = field_file.name
    kind = detect(field_file, extension_of(name)) or UNKNOWN
    if kind.is_image:
        cleaned = clean_image(field_file)
        cleaned.name = name
        field_file.file = cleaned
    return kind


def display_name(name):
    """The file name the official chose, without any folder."""
    return posixpath.basename(str(name or "").replace("\\", "/"))[:255]


def stored_name(original, extension=None):
    """A slug of the original name plus a random part: ``bao-cao-nam-2025-5f3a9c1e.pdf``."""
    stem = posixpath.splitext(display_name(original))[0]
    extension = extension or extension_of(original)
    slug = slugify_vi(stem)[:60].strip("-") or "tep"
    suffix = f".{extension}" if extension else ""
    return f"{slug}-{secrets.token_hex(4)}{suffix}"


@deconstructible
class UploadTo:
    """``upload_to`` for FileFields: a dated folder and a ``stored_name``."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return timezone.localtime().strftime(self.folder) + stored_name(filename)

    def __eq__(self, other):
        return isinstance(other, UploadTo) and self.folder == other.folder
