import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from staff import roles

pytestmark = pytest.mark.django_db
LINE = re.compile(r"Tài khoản mẫu vai trò (.+): ([\w.]+) / mật khẩu: (\S+)")


def load(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_creates_one_official_per_role_and_prints_each_password_once(settings, tmp_path):
    first = LINE.findall(load(settings, tmp_path))
    assert {role for role, _u, _p in first} == set(roles.ROLES) - {roles.ADMINISTRATOR}
    for role, username, password in first:
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser and user.check_password(password)
        assert list(user.groups.values_list("name", flat=True)) == [role]
    assert not LINE.findall(load(settings, tmp_path))
    assert get_user_model().objects.filter(username__in=[u for _r, u, _p in first]).count() == 5


def test_the_demo_administrator_is_in_the_administrator_role(settings, tmp_path):
    load(settings, tmp_path)
    admin = get_user_model().objects.get(username="quantri")
    assert admin.groups.filter(name=roles.ADMINISTRATOR).exists()
