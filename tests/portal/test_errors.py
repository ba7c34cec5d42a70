from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_404_stays_404_when_the_database_is_down(client):
    with mock.patch("portal.models.SiteIdentity.current", side_effect=OperationalError("down")):
        response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_page_renders_without_database_or_context(rf):
    from django.views.defaults import server_error

    with mock.patch("portal.models.SiteIdentity.current", side_effect=AssertionError("queried")):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_csrf_failure_is_explained_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tim-kiem/", {"q": "x"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_bad_request_page_is_vietnamese(client):
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_admin_skip_link_is_vietnamese(client):
    response = client.get("/quan-tri/login/")
    html = response.content.decode()
    assert "Skip to main content" not in html
    assert "Chuyển đến nội dung chính" in html
