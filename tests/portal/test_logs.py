"""Logs hold what an operator must act on: server errors with their traceback, mailed to ADMINS.

Refusals (404, 403, lock-outs, HEAD requests, bad hosts) are everyday traffic: no traceback,
and nothing at all from django.request.
"""

import io
import logging

import pytest
from django.core import mail
from django.urls import reverse

from staff import roles
from tests.portal.test_production import production
from tests.staff.conftest import make_official

pytestmark = pytest.mark.django_db
probe = pytest.mark.urls("tests.portal.urls_probe")


class Output:
    """What the portal's own log handlers write: the console, and django.security's line."""

    def __init__(self):
        self.console = io.StringIO()
        self.security = io.StringIO()

    def __bool__(self):
        return bool(self.console.getvalue() or self.security.getvalue())

    def __repr__(self):
        return f"console={self.console.getvalue()!r} security={self.security.getvalue()!r}"


def _stream_handler(logger_name):
    handlers = logging.getLogger(logger_name).handlers
    return next(h for h in handlers if type(h) is logging.StreamHandler)


@pytest.fixture
def logs():
    output = Output()
    console, security = _stream_handler(None), _stream_handler("django.security")
    saved = console.setStream(output.console), security.setStream(output.security)
    yield output
    console.setStream(saved[0])
    security.setStream(saved[1])


@probe
def test_pages_not_found_log_nothing(client, logs):
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert client.get("/kiem-thu/khong-co/").status_code == 404
    assert not logs


@probe
def test_refused_permissions_log_nothing(client, logs):
    client.force_login(make_official(roles.EDITOR))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get("/kiem-thu/tu-choi/").status_code == 403
    assert not logs


def test_head_requests_log_nothing(client, logs):
    client.force_login(make_official(roles.EDITOR))
    assert client.head(reverse("portal:home")).status_code == 200
    assert client.head("/khong-co-trang-nay/").status_code == 404
    assert client.head(reverse("admin:logout")).status_code == 405
    assert not logs


def test_a_lock_out_logs_no_traceback(client, logs):
    make_official(roles.SECRETARY, username="thuky")
    for _ in range(6):
        response = client.post(
            reverse("admin:login"), {"username": "thuky", "password": "sai-mat-khau"}
        )
    assert response.status_code == 429
    lines = logs.console.getvalue().splitlines()
    assert lines and all(line.startswith("AXES: ") for line in lines), lines


def test_a_request_for_another_host_is_dropped(client, logs):
    """A host name of no commune gets the 404 page, and nothing is logged."""
    assert client.get("/", HTTP_HOST="may-quet.example").status_code == 404
    assert not logs


@probe
def test_other_suspicious_requests_get_one_line(client, logs):
    assert client.get("/kiem-thu/dang-ngo/").status_code == 400
    assert logs.console.getvalue() == ""
    assert logs.security.getvalue() == "Đường dẫn tệp lạ: ../../etc\\nDòng giả mạo\n"


@probe
def test_a_server_error_is_logged_with_its_traceback_and_mailed(client, logs, settings):
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    client.raise_request_exception = False
    assert client.get("/kiem-thu/loi/").status_code == 500
    console = logs.console.getvalue()
    assert console.startswith("Internal Server Error: /kiem-thu/loi/\nTraceback")
    assert console.endswith("RuntimeError: Lỗi thật trong mã\n")
    [message] = mail.outbox
    assert message.to == ["quantri@example.vn"]
    assert message.subject.startswith("[Cổng Minh Đức] ERROR")
    assert "RuntimeError at /kiem-thu/loi/\nLỗi thật trong mã" in message.body


@probe
def test_without_admins_a_server_error_sends_no_mail(client, settings):
    settings.ADMINS = []
    client.raise_request_exception = False
    assert client.get("/kiem-thu/loi/").status_code == 500
    assert mail.outbox == []


def test_admins_and_the_mail_server_come_from_the_environment():
    result = production(
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ADMINS, s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        ADMINS="Nguyễn Văn A <vana@example.vn>, tho@example.vn",
        EMAIL_URL="smtp+tls://canhbao:mat-khau@mail.example.vn:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "[('Nguyễn",
        "Văn",
        "A',",
        "'vana@example.vn'),",
        "('',",
        "'tho@example.vn')]",
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.vn",
        "587",
        "True",
    ]


def test_bad_admins_stop_the_start_with_one_line():
    result = production("manage.py", "check", ADMINS="quantri, không phải địa chỉ")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi cấu hình: ADMINS")
