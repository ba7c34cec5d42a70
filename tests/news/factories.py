"""Small builders for news tests."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category

_numbers = itertools.count(1)


def make_category(name=None, **fields):
    name = name or f"Chuyên mục {next(_numbers)}"
    return Category.objects.create(name=name, **fields)


def make_article(title=None, category=None, status=Article.Status.PUBLISHED, **fields):
    """A saved article; published an hour ago unless told otherwise."""
    if status == Article.Status.PUBLISHED:
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
    fields.setdefault("summary", "Tóm tắt bài viết.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    if status == Article.Status.RETURNED:
        fields.setdefault("return_reason", "Cần bổ sung số liệu.")
    return Article.objects.create(
        title=title or f"Bài viết số {next(_numbers)}",
        category=category or Category.objects.order_by("pk").first(),
        status=status,
        **fields,
    )


def image_bytes(size=(2000, 1200), fmt="JPEG", exif=None, color=(30, 90, 160)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def uploaded_image(name="anh.jpg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")
