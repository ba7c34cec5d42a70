import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from staff import roles
from staff.security import client_ip

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
HOME = reverse("admin:index")


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": HOME},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address="203.0.113.7", **headers):
    return [log_in(client, username, "sai-mat-khau", address, **headers) for _ in range(times)]


@pytest.fixture
def secretary(official):
    return official(roles.SECRETARY, username="thuky")


def test_five_failures_lock_the_user_from_that_address(client, secretary):
    responses = fail(client, "thuky", 5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    response = log_in(client, "thuky", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, secretary):
    fail(client, "thuky", 4)
    assert log_in(client, "thuky", PASSWORD).status_code == 302


def test_the_lock_page_is_vietnamese_and_never_cached(client, secretary):
    response = fail(client, "thuky", 5)[-1]
    text = response.content.decode()
    assert "Tạm khóa đăng nhập" in text and "15 phút" in text and "Quản trị" in text
    assert 'lang="vi"' in text
    assert "no-store" in response["Cache-Control"]


def test_the_lock_holds_only_for_that_user_and_address(client, secretary, official):
    official(roles.EDITOR, username="bientap")
    fail(client, "thuky", 5)
    assert log_in(Client(), "thuky", PASSWORD, address="198.51.100.20").status_code == 302
    assert log_in(Client(), "bientap", PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, secretary, settings):
    from axes.models import AccessAttempt

    fail(client, "thuky", 5)
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert log_in(client, "thuky", PASSWORD).status_code == 302


def test_unlock_command_lets_the_user_in_again(client, secretary):
    fail(client, "thuky", 5)
    call_command("axes_reset_username", "thuky", stdout=None)
    assert log_in(client, "thuky", PASSWORD).status_code == 302


def test_unlock_by_address(client, secretary):
    fail(client, "thuky", 5)
    call_command("axes_reset_ip", "203.0.113.7")
    assert log_in(client, "thuky", PASSWORD).status_code == 302


def test_axes_is_wired_where_it_must_be(settings):
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.INSTALLED_APPS[-1] == "staff"  # its roles need every app's permissions


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_address_is_used(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("10.0.0.2", "198.51.100.9")) == "198.51.100.9"


def test_a_forged_left_part_of_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    forwarded = "1.2.3.4, 198.51.100.9"  # the client wrote 1.2.3.4 itself
    assert client_ip(request_from("10.0.0.2", forwarded)) == "198.51.100.9"


def test_a_header_from_an_untrusted_sender_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request_from("203.0.113.7", "198.51.100.9")) == "203.0.113.7"
    assert client_ip(request_from("10.0.0.2", "rác")) == "10.0.0.2"


def test_behind_a_trusted_proxy_each_client_is_locked_separately(client, secretary, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    fail(client, "thuky", 5, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    other = log_in(Client(), "thuky", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other.status_code == 302
    locked = log_in(Client(), "thuky", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert locked.status_code == 429


def test_the_admin_login_page_is_not_cached_nor_framed(client):
    response = client.get(LOGIN)
    assert {"no-cache", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_staff_sessions_last_a_working_day_renewed_on_each_request(client, secretary, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(secretary)
    response = client.get(HOME)
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_a_session_idle_for_a_working_day_has_ended(client, secretary):
    client.force_login(secretary)
    assert client.get(HOME).status_code == 200
    session = Session.objects.get()
    assert abs((session.expire_date - timezone.now()).total_seconds() - 8 * 60 * 60) < 60
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(HOME).status_code == 302


def test_anonymous_public_pages_get_no_session_cookie(client):
    client.cookies["md_visit"] = "1"  # already counted: the visit counter sets nothing either
    for name in ("portal:home", "news:list", "meetings:list", "indicators:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert not response.cookies, name
        assert "Cookie" not in response.get("Vary", ""), name


def test_changing_the_password_ends_the_other_sessions(secretary):
    here, elsewhere = Client(), Client()
    here.force_login(secretary)
    elsewhere.force_login(secretary)
    new = "mot-mat-khau-moi-2026"
    response = here.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get(HOME).status_code == 200
    assert elsewhere.get(HOME).status_code == 302
    assert get_user_model().objects.get(pk=secretary.pk).check_password(new)


@pytest.mark.parametrize("cookie", ["0000000\x00", "a" * 8 + "'; --", "x" * 500])
def test_a_malformed_session_cookie_is_no_session_not_an_error(client, cookie):
    client.cookies["sessionid"] = cookie
    for url in (reverse("documents:export-json"), reverse("admin:login"), reverse("portal:home")):
        assert client.get(url).status_code == 200, url
