import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news import images
from portal.media import private_storage
from tests.news.factories import image_bytes, make_article, uploaded_image

pytestmark = pytest.mark.django_db

GPS_TAG = 0x8825


def exif_with_location():
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"  # Make
    exif[GPS_TAG] = {1: "N", 2: (10.0, 30.0, 0.0), 3: "E", 4: (106.0, 40.0, 0.0)}
    return exif


def test_cover_is_stored_in_three_widths_as_webp_and_jpeg(category):
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Cuộc họp")
    assert [w for w, _webp, _jpg in article.cover_sources()] == [480, 960, 1440]
    for width in (480, 960, 1440):
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            name = images.rendition_name(article.cover.name, width, ext)
            with private_storage().open(name) as stored, Image.open(stored) as image:
                assert (image.format, image.width) == (fmt, width)
                assert image.height == round(1200 * width / 2000)


def test_small_cover_is_not_enlarged(category):
    cover = uploaded_image(size=(700, 400))
    article = make_article(category=category, cover=cover, cover_alt="Ảnh nhỏ")
    assert [w for w, _webp, _jpg in article.cover_sources()] == [480, 700]


def test_location_and_other_exif_are_removed(category):
    cover = uploaded_image(exif=exif_with_location())
    with Image.open(io.BytesIO(cover.read())) as original:
        assert GPS_TAG in original.getexif()
    cover.seek(0)
    article = make_article(category=category, cover=cover, cover_alt="Ảnh")
    names = [article.cover.name] + [
        images.rendition_name(article.cover.name, w, ext)
        for w in (480, 960, 1440)
        for ext in ("webp", "jpg")
    ]
    for name in names:
        with private_storage().open(name) as stored, Image.open(stored) as image:
            assert not image.getexif(), name
            assert "exif" not in image.info


def test_a_file_that_is_not_an_image_is_refused_in_vietnamese():
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        images.validate_cover(fake)
    assert "không phải là ảnh" in error.value.messages[0]


def test_an_image_over_ten_megabytes_is_refused_in_vietnamese():
    big = SimpleUploadedFile("anh.png", image_bytes(fmt="PNG"), content_type="image/png")
    big.size = 10 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        images.validate_cover(big)
    assert "vượt quá giới hạn 10,0\xa0MB" in error.value.messages[0]


def test_a_cover_needs_alt_text(category):
    article = make_article(category=category, status="draft")
    article.cover = uploaded_image()
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "mô tả ảnh bìa" in str(error.value.message_dict["cover_alt"])


def test_cover_is_served_as_a_responsive_lazy_picture(client, category):
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Toàn cảnh")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<picture>" in html and 'type="image/webp"' in html
    assert "-480.webp 480w" in html and "-1440.jpg 1440w" in html
    assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in html
    assert 'width="2000" height="1200" alt="Toàn cảnh" loading="lazy"' in html
    assert f"{article.cover_rendition_url()}" in html and article.cover_rendition_url().endswith(
        "-1440.jpg"
    )


def test_a_replaced_cover_leaves_no_old_files(category, django_capture_on_commit_callbacks):
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Ảnh")
    article = type(article).objects.get(pk=article.pk)
    old = article.cover.name
    article.cover = uploaded_image("moi.jpg", size=(1000, 600))
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert not private_storage().exists(old)
    assert not private_storage().exists(images.rendition_name(old, 480, "webp"))
    assert private_storage().exists(images.rendition_name(article.cover.name, 960, "webp"))


def test_an_image_with_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    with pytest.raises(ValidationError) as error:
        images.validate_cover(uploaded_image(size=(50, 50)))
    assert "quá lớn" in error.value.messages[0]
