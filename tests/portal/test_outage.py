"""Without the database: a Vietnamese 503 everywhere but in the page cache, logged once."""

import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DatabaseError, OperationalError, connections
from django.test import Client
from django.urls import reverse

# Outside a test transaction, as in production: a failed query does not poison the next.
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/tin-tuc/",
    "/chi-so/",
    "/tim-kiem/?q=xa",
    "/khong-co/",
    "/quan-tri/",
    "/quan-tri/login/",
]


@pytest.fixture(autouse=True)
def warnings_logged(caplog):
    caplog.set_level(logging.WARNING)


def database_down():
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert "Cổng thông tin tạm ngừng phục vụ" in html
    assert "vui lòng thử lại sau ít phút" in html


def test_every_page_the_admin_and_the_login_answer_a_vietnamese_503(caplog):
    visitor = Client(raise_request_exception=False)
    with database_down():
        for url in PAGES:
            assert_unavailable(visitor.get(url))
        assert_unavailable(visitor.post("/quan-tri/login/", {"username": "a", "password": "b"}))
    # One line for the whole outage, without a traceback; one when it is over.
    assert warnings(caplog) == ["Mất kết nối cơ sở dữ liệu: connection refused"]
    assert not any(r.exc_info for r in caplog.records)
    assert visitor.get("/").status_code == 200
    assert visitor.get("/quan-tri/login/").status_code == 200
    assert warnings(caplog)[1:] == ["Đã kết nối lại cơ sở dữ liệu"]


def test_a_database_lost_in_the_middle_of_a_page_is_a_503_not_a_500(caplog):
    visitor = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        assert_unavailable(visitor.get(reverse("news:list")))
        assert_unavailable(visitor.get(reverse("news:list")))
    assert warnings(caplog) == ["Mất kết nối cơ sở dữ liệu: OperationalError"]
    assert not any(r.exc_info for r in caplog.records)


def test_another_database_error_on_a_lost_connection_is_a_503(caplog):
    """A server stopping mid-query may surface as a plain DatabaseError: the dead connection
    makes it an outage."""
    visitor = Client(raise_request_exception=False)
    visitor.get("/tim-kiem/?q=a")  # a live connection to lose (search pages are never kept)
    lost = mock.patch.object(type(connections["default"]), "is_usable", return_value=False)
    failing = mock.patch("minhduc_portal.views.home_context", side_effect=DatabaseError("gone"))
    with lost, failing:
        assert_unavailable(visitor.get("/"))


def test_a_database_error_on_a_working_connection_stays_a_500(caplog):
    visitor = Client(raise_request_exception=False)
    with mock.patch("minhduc_portal.views.home_context", side_effect=DatabaseError("bad sql")):
        assert visitor.get("/").status_code == 500


def test_other_errors_stay_500_pages(caplog):
    visitor = Client(raise_request_exception=False)
    with mock.patch("minhduc_portal.views.home_context", side_effect=ValueError("lỗi lập trình")):
        response = visitor.get("/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_cached_pages_are_still_served(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    visitor = Client()
    visitor.get("/")
    visitor.get(reverse("news:list"))  # cached for a returning visitor
    with database_down():
        response = visitor.get(reverse("news:list"))
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit"
        # A new visitor is not counted (the database is down) and still gets the page.
        assert Client().get(reverse("news:list")).status_code == 200
        assert_unavailable(visitor.get(reverse("meetings:list")))
