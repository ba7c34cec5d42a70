"""Oversized requests: refused from their Content-Length before the body is read (413)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORTY_MB = 40 * 1024 * 1024


def test_a_40_mb_post_is_refused_with_a_vietnamese_413_before_its_body_is_read(admin_client):
    # Ten bytes sent, 40 MB announced: reading the body would fail the test client's payload.
    response = admin_client.generic(
        "POST",
        reverse("admin:news_article_add"),
        b"x" * 10,
        content_type="multipart/form-data; boundary=abc",
        CONTENT_LENGTH=str(FORTY_MB),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Tệp gửi lên quá lớn" in html and "tối đa 30 MB" in html


def test_an_anonymous_oversized_post_gets_the_413_too(client):
    response = client.generic("POST", "/", b"", CONTENT_LENGTH=str(FORTY_MB))
    assert response.status_code == 413


def test_a_request_just_under_the_limit_goes_through(admin_client, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    response = admin_client.post(reverse("admin:news_article_add"), {"title": ""})
    assert response.status_code == 200


def test_the_upload_handler_stops_a_body_the_header_did_not_announce(admin_client, settings):
    """The backstop: with the middleware out of the way, the handler still cuts it off."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "portal.request_limit.RequestSizeLimitMiddleware"
    ]
    settings.MAX_REQUEST_BYTES = 50_000
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * 100_000)
    response = admin_client.post(reverse("admin:news_article_add"), {"title": "x", "f": big})
    assert response.status_code == 413
    assert "Tệp gửi lên quá lớn" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "admin:news_article_add",
        "admin:meetings_meeting_add",
        "admin:portal_siteidentity_change",
    ],
)
def test_every_upload_form_states_its_limit(admin_client, url):
    from portal.models import SiteIdentity

    args = [SiteIdentity.current().pk] if "siteidentity" in url else []
    html = admin_client.get(reverse(url, args=args)).content.decode()
    assert "tối đa" in html and " MB" in html


def test_the_page_the_web_server_shows_for_a_body_it_refused(client):
    """nginx's `error_page 413 /qua-lon/;` shows the portal's own Vietnamese page."""
    response = client.get(reverse("request-too-large"))
    assert response.status_code == 413
    assert "Tệp gửi lên quá lớn" in response.content.decode()
