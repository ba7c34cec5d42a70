"""Meeting attachments: a public one is anyone's, any other only the staff's; images cleaned."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from meetings.models import Attachment
from staff.roles import LEADER, SECRETARY
from tests.portal.samples import HTML, exif_with_location, image_bytes, odt_bytes, pdf_bytes, upload
from tests.staff.conftest import make_official

pytestmark = pytest.mark.django_db


def attach(meeting, name="Báo cáo.pdf", data=None, **fields):
    return Attachment.objects.create(
        meeting=meeting, title="Báo cáo", file=upload(name, data or pdf_bytes()), **fields
    )


def client_as(role):
    client = Client()
    client.force_login(make_official(role))
    return client


def test_a_non_public_attachment_is_404_to_the_public_and_open_to_staff(client, make_meeting):
    meeting = make_meeting()
    hidden = attach(meeting, "Danh sách nội bộ.pdf", public=False)
    shown = attach(meeting, "Báo cáo công khai.pdf")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert hidden.file.url not in page and shown.file.url in page
    assert client.get(hidden.file.url).status_code == 404
    assert client.get(shown.file.url).status_code == 200
    for role in (SECRETARY, LEADER):
        assert client_as(role).get(hidden.file.url).status_code == 200


def test_changing_the_public_flag_changes_who_gets_the_file(client, make_meeting):
    attachment = attach(make_meeting())
    assert client.get(attachment.file.url).status_code == 200
    attachment.public = False
    attachment.save()
    assert client.get(attachment.file.url).status_code == 404
    attachment.public = True
    attachment.save()
    assert client.get(attachment.file.url).status_code == 200


def test_a_meeting_image_is_re_encoded_without_appended_html_or_location(make_meeting):
    attachment = attach(make_meeting(), "Ảnh hội trường.jpg", image_bytes("JPEG") + HTML)
    stored = attachment.file.read()
    assert b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()
    located = attach(make_meeting(), "anh.jpg", image_bytes("JPEG", exif=exif_with_location()))
    with Image.open(located.file) as image:
        assert not image.getexif()
    assert attachment.content_type == "image/jpeg"


def test_an_image_opens_inline_and_an_odt_downloads_in_a_sandbox(client, make_meeting):
    meeting = make_meeting()
    image = client.get(attach(meeting, "anh.png", image_bytes("PNG")).file.url)
    assert (image["Content-Type"], image["X-Content-Type-Options"]) == ("image/png", "nosniff")
    assert image["Content-Disposition"].startswith("inline")
    document = client.get(attach(meeting, "Kế hoạch.odt", odt_bytes()).file.url)
    assert document["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert (
        document["Content-Disposition"]
        == "attachment; filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch.odt"
    )
    assert document["Content-Security-Policy"] == "sandbox"


def test_a_file_saved_without_a_form_that_fits_no_type_is_only_a_download(client, make_meeting):
    attachment = attach(make_meeting(), "trang.pdf", HTML)
    response = client.get(attachment.file.url)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_admin_form_states_the_limits(admin_client):
    add = reverse("admin:meetings_meeting_add")
    assert (
        "tối đa 20 MB mỗi tệp (mỗi lần lưu gửi tối đa 30 MB)"
        in admin_client.get(add).content.decode()
    )
