import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, UniqueConstraint
from django.test import Client
from django.urls import reverse
from django.utils import translation

from news.models import Tag

ROOT = Path(__file__).resolve().parents[2]
CHECK_SCRIPT = ROOT / "scripts" / "check_translations.py"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def load_check_script():
    spec = importlib.util.spec_from_file_location("check_translations", CHECK_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def validation_messages(error):
    return " ".join(error.value.messages)


@pytest.mark.django_db
def test_admin_login_page_is_vietnamese(client):
    html = client.get("/quan-tri/login/").content.decode()
    assert "Chuyển đến nội dung chính" in html
    assert "Skip to main content" not in html
    assert "Đăng nhập" in html


@pytest.mark.django_db
def test_admin_index_is_vietnamese(admin_client):
    html = admin_client.get("/quan-tri/").content.decode()
    assert "Đăng xuất" in html
    assert "Đổi mật khẩu" in html
    for english in ("Skip to main content", "Log out", "Recent actions", "Toggle theme"):
        assert english not in html


@pytest.mark.django_db
def test_admin_list_page_speaks_vietnamese(admin_client):
    Tag.objects.create(name="Chuyển đổi số")
    html = admin_client.get(reverse("admin:news_tag_changelist")).content.decode()
    assert "Thực hiện" in html  # the actions button
    assert "Chọn tất cả đối tượng trên trang này để thực hiện thao tác" in html
    assert "Select all objects on this page" not in html


@pytest.mark.django_db
def test_bad_login_explains_in_vietnamese():
    response = Client().post("/quan-tri/login/", {"username": "khong-co", "password": "sai"})
    assert "Vui lòng nhập đúng" in response.content.decode()


def test_page_number_that_is_not_a_number_is_explained_in_vietnamese():
    with pytest.raises(PageNotAnInteger) as error:
        Paginator(range(10), 5).validate_number("x")
    assert str(error.value) == "Số trang không phải là số nguyên"


def test_page_past_the_end_is_explained_in_vietnamese():
    with pytest.raises(EmptyPage) as error:
        Paginator(range(10), 5).page(9)
    assert str(error.value) == "Trang này không có kết quả nào"


@pytest.mark.django_db
def test_unique_constraint_violation_is_vietnamese():
    Group.objects.create(name="Ban biên tập")
    constraint = UniqueConstraint(fields=["name"], name="nhom_ten_duy_nhat")
    with pytest.raises(ValidationError) as error:
        constraint.validate(Group, Group(name="Ban biên tập"))
    assert validation_messages(error) == "Đã có Nhóm với Tên này."


@pytest.mark.django_db
def test_conditional_constraint_violation_is_vietnamese():
    Group.objects.create(name="Ban biên tập")
    constraint = UniqueConstraint(
        fields=["name"], condition=Q(name__startswith="Ban"), name="nhom_ban_duy_nhat"
    )
    with pytest.raises(ValidationError) as error:
        constraint.validate(Group, Group(name="Ban biên tập"))
    assert validation_messages(error) == "Dữ liệu vi phạm ràng buộc “nhom_ban_duy_nhat”."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (forms.CharField(), "", "Trường này là bắt buộc."),
        (forms.IntegerField(), "2,5", "Nhập một số nguyên."),
        (forms.EmailField(), "khong-phai-email", "Nhập một địa chỉ email hợp lệ."),
        (forms.SlugField(), "có dấu", "Nhập một “slug” hợp lệ"),
        (forms.CharField(max_length=3), "dài quá", "tối đa 3 ký tự (hiện có 7)"),
    ],
)
def test_form_field_errors_are_vietnamese(field, value, message):
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    assert message in validation_messages(error)


@pytest.mark.django_db
def test_csrf_failure_page_stays_vietnamese():
    response = Client(enforce_csrf_checks=True).post("/quan-tri/login/", {"username": "a"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in html
    assert "CSRF verification failed" not in html


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_vietnamese(admin_client):
    script = admin_client.get("/quan-tri/jsi18n/").content.decode()
    for english, vietnamese in [
        ("Today", "Hôm nay"),
        ("Now", "Bây giờ"),
        ("Choose a time", "Chọn giờ"),
        ("Sunday", "Chủ Nhật"),
        ("Cancel", "Hủy"),
        ("Insert Table", "Chèn bảng"),  # the article editor reads this catalogue too
    ]:
        assert f"{json.dumps(english)}: {json.dumps(vietnamese)}" in script


def test_third_party_messages_are_vietnamese():
    assert translation.gettext(
        "Account locked: too many login attempts. Please try again later."
    ).startswith("Tài khoản đã bị tạm khóa")
    assert translation.gettext("Change history: %s") % "Tin tức" == "Lịch sử thay đổi: Tin tức"


def test_humanize_speaks_vietnamese():
    from django.contrib.humanize.templatetags.humanize import ordinal

    assert ordinal(3) == "thứ 3"


def test_translation_check_passes():
    result = subprocess.run(
        [sys.executable, str(CHECK_SCRIPT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_translation_check_lists_what_is_missing(tmp_path, monkeypatch, capsys):
    check = load_check_script()
    shutil.copy(check.PROJECT_LOCALE / "djangojs.po", tmp_path)
    shutil.copy(check.PROJECT_LOCALE / "djangojs.mo", tmp_path)
    monkeypatch.setattr(check, "PROJECT_LOCALE", tmp_path)
    assert check.main() == 1
    assert "'Skip to main content'" in capsys.readouterr().err


def test_translation_check_catches_a_stale_mo(tmp_path, monkeypatch):
    check = load_check_script()
    for name in ("django.po", "djangojs.po", "djangojs.mo"):
        shutil.copy(check.PROJECT_LOCALE / name, tmp_path)
    shutil.copy(check.PROJECT_LOCALE / "djangojs.mo", tmp_path / "django.mo")
    monkeypatch.setattr(check, "PROJECT_LOCALE", tmp_path)
    monkeypatch.setattr(check, "ROOT", tmp_path)
    assert check.mo_problems("django") == ["django.mo không khớp với django.po: hãy biên dịch lại"]
    assert check.mo_problems("djangojs") == []
