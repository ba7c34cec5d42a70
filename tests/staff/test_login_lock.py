"""The lock per address over every user name, the allow-list and the lock-out page."""

import datetime
import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import SiteIdentity
from staff import roles
from staff.security import lock_ends

from .conftest import PASSWORD
from .test_security import LOGIN, log_in

pytestmark = pytest.mark.django_db
ROBOT = "198.51.100.66"


def spray(names, times, address=ROBOT):
    """Each name fails ``times`` times from one address, names taking turns, as robots do."""
    client = Client()
    return [
        log_in(client, name, "sai-mat-khau", address).status_code
        for _ in range(times)
        for name in names
    ]


NAMES = [f"thu{i:02d}" for i in range(26)]


def test_104_failures_over_26_names_lock_the_address_after_20():
    statuses = spray(NAMES, 4)
    assert len(statuses) == 104
    assert statuses[:19] == [200] * 19
    assert statuses[19:] == [429] * 85
    assert max(a.failures_since_start for a in AccessAttempt.objects.all()) == 4


def test_the_address_lock_holds_for_a_real_user_with_the_right_password(official):
    official(roles.SECRETARY, username="thuky")
    spray(NAMES[:20], 1)
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 429
    assert log_in(Client(), "thuky", PASSWORD, "203.0.113.9").status_code == 302


def test_nineteen_failures_over_names_do_not_lock_the_address(official):
    official(roles.SECRETARY, username="thuky")
    spray(NAMES[:19], 1)
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 302


def test_the_address_limit_is_a_setting(settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    assert spray(NAMES[:10], 1) == [200] * 7 + [429] * 3


def test_an_allow_listed_network_is_not_locked_by_address(settings, official):
    settings.LOGIN_ADDRESS_ALLOWLIST = ["198.51.100.0/24"]
    official(roles.SECRETARY, username="thuky")
    assert 429 not in spray(NAMES, 4)
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 302


def test_an_allow_listed_address_still_locks_each_name(settings, official):
    settings.LOGIN_ADDRESS_ALLOWLIST = [ROBOT]
    official(roles.SECRETARY, username="thuky")
    assert spray(["thuky"], 5) == [200] * 4 + [429]
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 429


def test_the_address_lock_ends_with_the_cool_off(official):
    official(roles.SECRETARY, username="thuky")
    spray(NAMES, 1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 302


def lock_page(response):
    text = response.content.decode()
    return text, re.search(r"<strong>(\d\d/\d\d/\d{4} \d\d:\d\d)</strong>", text)


def test_the_lock_page_says_until_when_names_the_site_and_links_to_login(official):
    official(roles.SECRETARY, username="thuky")
    client = Client()
    for _ in range(4):
        log_in(client, "thuky", "sai", "203.0.113.7")
    before = timezone.now()
    response = log_in(client, "thuky", "sai", "203.0.113.7")
    text, until = lock_page(response)
    assert response.status_code == 429
    expected = timezone.localtime(before + datetime.timedelta(minutes=15))
    assert until and until.group(1) in {
        f"{expected:%d/%m/%Y %H:%M}",
        f"{expected + datetime.timedelta(minutes=1):%d/%m/%Y %H:%M}",
    }
    assert "(giờ Việt Nam)" in text
    assert "Tài khoản này đã đăng nhập sai 5 lần liên tiếp" in text
    assert f'<a href="{LOGIN}">Quay lại trang đăng nhập</a>' in text
    assert SiteIdentity.current().full_name in text


def test_the_lock_ends_counted_in_vietnam_time():
    """15 minutes after the last failure at 01:50 UTC: 09:05 on the page (UTC+7)."""
    moment = datetime.datetime(2026, 1, 15, 1, 50, tzinfo=datetime.UTC)
    AccessAttempt.objects.create(
        username="thuky",
        ip_address=ROBOT,
        user_agent="",
        failures_since_start=5,
        get_data="",
        post_data="",
    )
    AccessAttempt.objects.update(attempt_time=moment)  # the field is auto_now_add
    end = lock_ends(AccessAttempt.objects.all(), 5, datetime.timedelta(minutes=15))
    assert f"{timezone.localtime(end):%d/%m/%Y %H:%M}" == "15/01/2026 09:05"


def test_the_address_lock_page_says_so():
    statuses = spray(NAMES[:21], 1)
    assert statuses[-1] == 429
    text, until = lock_page(log_in(Client(), NAMES[0], "sai", ROBOT))
    assert "Từ địa chỉ của bạn đã có 20 lần đăng nhập sai" in text
    assert until is not None
    assert reverse("admin:login") in text


def mo_khoa(*args):
    out = io.StringIO()
    call_command("mo_khoa", *args, stdout=out)
    return out.getvalue().strip()


def test_mo_khoa_by_user_name_lets_that_user_in_again(official):
    official(roles.SECRETARY, username="thuky")
    spray(["thuky"], 3, "203.0.113.7")
    spray(["thuky"], 5, "203.0.113.8")
    assert log_in(Client(), "thuky", PASSWORD, "203.0.113.8").status_code == 429
    # 3 + 5 failures, and the refused try during the lock counts too (axes' rule).
    assert mo_khoa("--ten-dang-nhap", "thuky") == (
        "Đã mở khóa 9 lần đăng nhập sai của tài khoản “thuky”."
    )
    assert not AccessAttempt.objects.exists()
    assert log_in(Client(), "thuky", PASSWORD, "203.0.113.8").status_code == 302


def test_mo_khoa_by_address_lifts_the_address_lock(official):
    official(roles.SECRETARY, username="thuky")
    spray(NAMES, 1)
    spray(["khac"], 2, "203.0.113.8")
    assert mo_khoa("--dia-chi", ROBOT) == f"Đã mở khóa 26 lần đăng nhập sai của địa chỉ “{ROBOT}”."
    assert AccessAttempt.objects.get().ip_address == "203.0.113.8"
    assert log_in(Client(), "thuky", PASSWORD, ROBOT).status_code == 302


def test_mo_khoa_reads_a_lone_argument_as_an_address_or_a_name():
    spray(["thuky"], 3, "203.0.113.7")
    spray(["bientap"], 2, "203.0.113.9")
    assert mo_khoa("203.0.113.7") == "Đã mở khóa 3 lần đăng nhập sai của địa chỉ “203.0.113.7”."
    assert mo_khoa("bientap") == "Đã mở khóa 2 lần đăng nhập sai của tài khoản “bientap”."
    assert mo_khoa("bientap") == (
        "Không có lần đăng nhập sai nào đang được tính của tài khoản “bientap”."
    )


@pytest.mark.parametrize(
    "args",
    [(), ("thuky", "--dia-chi", "1.2.3.4"), ("--dia-chi", "1.2.3"), ("--dia-chi", "abc")],
)
def test_mo_khoa_refuses_unclear_requests_in_vietnamese(args):
    with pytest.raises(CommandError) as error:
        call_command("mo_khoa", *args)
    assert "Cho đúng một trong" in str(error.value) or "không phải địa chỉ IP" in str(error.value)


def test_a_bad_allow_list_entry_stops_start_up_with_one_line():
    from tests.portal.test_settings import manage

    result = manage(
        "check", DATABASE_URL="sqlite:///:memory:", LOGIN_ADDRESS_ALLOWLIST="10.0.0.0/8,xa"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Lỗi cấu hình: LOGIN_ADDRESS_ALLOWLIST: “xa” không phải địa chỉ hay dải địa chỉ IP."
    )
