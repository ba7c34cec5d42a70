"""An unreachable cache costs speed, never a page: pages are served uncached, logged once."""

import logging
import socket

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import DailyVisits
from tests.portal.test_page_cache import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(settings, caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caplog.set_level(logging.WARNING)


def test_pages_are_served_uncached_and_counted(cache_down, caplog):
    visitor = Client()
    for _ in range(3):
        response = visitor.get(reverse("news:list"))
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    Client().get("/")
    assert DailyVisits.objects.get().count == 2
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(messages) == 1
    assert messages[0].startswith("Mất kết nối bộ nhớ đệm: Error 111 connecting to 127.0.0.1")
    assert not any(r.exc_info for r in caplog.records)


def test_saving_content_works_without_the_cache(cache_down, client):
    publish("Tin đăng khi bộ nhớ đệm hỏng")
    assert "Tin đăng khi bộ nhớ đệm hỏng" in client.get(reverse("news:list")).content.decode()


def test_health_answers_200_and_reports_the_cache(cache_down, client):
    response = client.get(reverse("portal:healthz"))
    assert response.status_code == 200
    assert response.content.decode() == (
        "Cổng thông tin: hoạt động\nCơ sở dữ liệu: hoạt động\nBộ nhớ đệm: không kết nối được\n"
    )
