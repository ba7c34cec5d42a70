"""Cover images: checked on upload, re-encoded without EXIF, stored in a few widths.

Each cover keeps a clean JPEG original plus `<name>-<width>.webp` and `.jpg` renditions
next to it, so pages can offer `<picture>` with WebP and a JPEG fallback.
"""

import io
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
# A small file can still decode to a huge bitmap; 40 megapixels covers any phone camera.
MAX_PIXELS = 40_000_000
WIDTHS = (480, 960, 1440)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
INVALID_IMAGE = _(
    "Tệp đã chọn không phải là ảnh (chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF). Hãy chọn một tệp ảnh."
)


def validate_cover(file):
    """A real image of an accepted format, at most 10 MB; Vietnamese errors otherwise."""
    if getattr(file, "_committed", False):
        return  # already stored, and checked when it was uploaded
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("Ảnh nặng %(size)s, vượt quá giới hạn %(limit)s. Hãy thu nhỏ ảnh rồi chọn lại."),
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, pixels = image.format, image.width * image.height
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for broken or hostile files
        raise ValidationError(INVALID_IMAGE, code="invalid_image") from exc
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(INVALID_IMAGE, code="invalid_image")
    if pixels > MAX_PIXELS:
        raise ValidationError(
            _("Ảnh quá lớn (trên 40 triệu điểm ảnh). Hãy thu nhỏ ảnh rồi chọn lại."),
            code="image_too_many_pixels",
        )


def rendition_widths(width):
    """The stored widths for an original `width` pixels wide (never upscaled)."""
    largest = min(width, WIDTHS[-1])
    return [*(w for w in WIDTHS if w < largest), largest]


def rendition_name(name, width, ext):
    stem, _ext = posixpath.splitext(name)
    return f"{stem}-{width}.{ext}"


def _flatten(image):
    """Upright RGB pixels: EXIF orientation applied, transparency on white."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    # No exif= argument: Pillow then writes no EXIF (location, camera, ...) at all.
    image.save(buffer, fmt, **options)
    return ContentFile(buffer.getvalue())


def clean_original(file):
    """The upload re-encoded as a JPEG without metadata, with its width and height."""
    file.seek(0)
    with Image.open(file) as opened:
        image = _flatten(opened)
    return _encode(image, "JPEG", quality=88, optimize=True), image.width, image.height


def write_renditions(storage, name):
    """Store the WebP and JPEG renditions of the stored original `name`."""
    with storage.open(name) as stored, Image.open(stored) as opened:
        image = _flatten(opened)
    for width in rendition_widths(image.width):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, fmt, options in (
            ("webp", "WEBP", {"quality": 80, "method": 4}),
            ("jpg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
        ):
            target = rendition_name(name, width, ext)
            storage.delete(target)
            storage.save(target, _encode(resized, fmt, **options))


def rendition_names(name, width):
    """Every stored rendition of the original `name`, `width` pixels wide."""
    return [
        rendition_name(name, w, ext)
        for w in rendition_widths(width or WIDTHS[-1])
        for ext in ("webp", "jpg")
    ]


def delete_cover(storage, name, width):
    """Remove a stored original and its renditions (after the cover was replaced or cleared)."""
    for rendition in rendition_names(name, width):
        storage.delete(rendition)
    storage.delete(name)
