"""Serving uploads: /media/ for what is always public, safe headers, 404 for bad names."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from portal.models import SiteIdentity
from tests.portal.samples import HTML, SVG, exif_with_location, image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    "path",
    ["a" * 300, "thu-muc/" + "b" * 256 + ".png", "../settings.py", "a%00b.png", "khong-co.png", ""],
)
def test_bad_or_unknown_names_under_media_answer_404(client, media, path):
    response = client.get("/media/" + path)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_public_image_is_served_with_its_type_and_nosniff(client, media):
    (media / "site").mkdir()
    (media / "site" / "logo.png").write_bytes(image_bytes())
    response = client.get("/media/site/logo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["trang.html", "anh.svg", "tep-khong-duoi"])
def test_anything_else_under_media_is_a_sandboxed_download(client, media, name):
    (media / name).write_bytes(HTML)
    response = client.get("/media/" + name)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_logo_must_be_a_real_image_and_never_svg():
    field = SiteIdentity._meta.get_field("logo")
    for name, data in (("logo.svg", SVG), ("logo.png", SVG), ("logo.png", HTML)):
        with pytest.raises(ValidationError):
            field.run_validators(upload(name, data))
    field.run_validators(upload("logo.png", image_bytes()))
    assert "không nhận SVG" in str(field.help_text) and "2 MB" in str(field.help_text)


def test_the_logo_is_re_encoded_and_public(client, media):
    site = SiteIdentity.current()
    site.logo = upload("Biểu trưng xã Minh Đức.png", image_bytes("PNG") + HTML)
    site.save()
    assert site.logo.name.startswith("site/bieu-trung-xa-minh-duc-")
    stored = (media / site.logo.name).read_bytes()
    assert b"<script" not in stored
    response = client.get(site.logo.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    photo = upload("logo.jpg", image_bytes("JPEG", exif=exif_with_location()))
    site.logo = photo
    site.save()
    with Image.open(io.BytesIO((media / site.logo.name).read_bytes())) as image:
        assert not image.getexif()


def test_private_files_refuse_writes(client):
    assert client.post("/tep/tin-tuc/tai-lieu/a.pdf").status_code == 405
