"""`manage.py tao_xa`: a commune with its identity and starting data; removal while it has
content is refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from communes.models import Commune
from news.models import Category
from portal.models import SearchEntry, SiteIdentity
from tests.communes.helpers import first_commune
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def tao_xa(*args):
    out = io.StringIO()
    call_command("tao_xa", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_the_commune_with_identity_hosts_and_starting_data():
    output = tao_xa("xã Thử Nghiệm", "--host", "xa-thu.example", "--host", "thu.example")
    assert "Đã tạo xã Thử Nghiệm (mã thu-nghiem)." in output
    assert "Địa chỉ cổng: http://xa-thu.example:8000/" in output
    commune = Commune.objects.get(slug="thu-nghiem")
    assert [(h.name, h.is_primary) for h in commune.hosts.all()] == [
        ("xa-thu.example", True),
        ("thu.example", False),
    ]
    assert SiteIdentity.objects.get(commune=commune).commune_name == "xã Thử Nghiệm"
    assert Category.objects.for_commune(commune).count() == 3
    assert SearchEntry.objects.filter(commune=commune, kind="indicator").exists()


def test_a_host_name_already_taken_is_refused_in_vietnamese():
    with pytest.raises(CommandError) as error:
        tao_xa("xã Thử Nghiệm", "--host", "127.0.0.1")
    assert str(error.value).startswith("Không tạo được xã:")
    assert "Tên miền này đã thuộc về một xã hoặc tỉnh trên cổng." in str(error.value)
    assert not Commune.objects.filter(slug="thu-nghiem").exists()


def test_a_commune_with_content_is_not_deleted():
    make_article()
    with pytest.raises(ValidationError) as error:
        first_commune().delete()
    assert error.value.messages == [
        "Không xóa được xã Minh Đức: xã còn nội dung (1 bài viết). "
        "Hãy chuyển hoặc xóa nội dung trước."
    ]
    assert Commune.objects.filter(pk=first_commune().pk).exists()


def test_a_commune_without_content_is_deleted_with_its_starting_data():
    tao_xa("xã Thử Nghiệm", "--host", "xa-thu.example")
    commune = Commune.objects.get(slug="thu-nghiem")
    commune.delete()
    assert not Commune.objects.filter(slug="thu-nghiem").exists()
    assert not SiteIdentity.objects.filter(commune_name="xã Thử Nghiệm").exists()


def test_an_account_is_made_for_one_commune_or_for_the_province(monkeypatch):
    from django.contrib.auth import get_user_model

    from communes.models import StaffAccount

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "mot-mat-khau-dai-2026")
    tao_xa("xã Thử Nghiệm", "--host", "xa-thu.example")
    out = io.StringIO()
    call_command(
        "tao_tai_khoan", "canbo.thu", "--vai-tro", "Duyệt tin", "--xa", "thu-nghiem", stdout=out
    )
    assert "Đã tạo tài khoản “canbo.thu”, vai trò Duyệt tin, xã Thử Nghiệm." in out.getvalue()
    user = get_user_model().objects.get(username="canbo.thu")
    assert StaffAccount.objects.get(user=user).commune.slug == "thu-nghiem"
    call_command("tao_tai_khoan", "canbo.tinh", "--vai-tro", "Lãnh đạo", "--tinh", stdout=out)
    assert StaffAccount.objects.get(user__username="canbo.tinh").commune is None
    with pytest.raises(CommandError, match="Không có xã mã “khong-co”"):
        call_command("tao_tai_khoan", "canbo.x", "--vai-tro", "Lãnh đạo", "--xa", "khong-co")
