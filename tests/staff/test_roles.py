import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from staff import roles
from staff.starting_data import update_roles

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def codes(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_install_has_the_six_roles_in_vietnamese():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Biên tập viên",
        "Duyệt tin",
        "Thư ký Ban Chỉ đạo",
        "Cập nhật chỉ số",
        "Lãnh đạo",
        "Quản trị",
    }


def test_each_group_holds_exactly_its_row_of_the_table():
    for role, wanted in roles.ROLES.items():
        if wanted is not None:
            assert codes(role) == set(wanted), role
    assert Group.objects.get(name=roles.ADMINISTRATOR).permissions.count() == (
        Permission.objects.count()
    )


def test_an_editor_may_write_but_not_publish_and_a_secretary_has_no_news():
    assert "news.add_article" in codes(roles.EDITOR)
    assert "news.publish_article" not in codes(roles.EDITOR)
    assert not any(code.startswith("news.") for code in codes(roles.SECRETARY))
    assert not any(
        code.startswith("auth.")
        for role in roles.ROLES
        for code in codes(role)
        if role != roles.ADMINISTRATOR
    )


def test_running_again_restores_a_tampered_role_without_duplicates():
    group = Group.objects.get(name=roles.EDITOR)
    group.permissions.add(Permission.objects.get(codename="publish_article"))
    update_roles()
    update_roles()
    assert "news.publish_article" not in codes(roles.EDITOR)
    assert Group.objects.filter(name=roles.EDITOR).count() == 1


def test_a_permission_missing_from_the_database_stops_the_update(monkeypatch):
    monkeypatch.setitem(roles.ROLES, roles.EDITOR, ["news.fly_article"])
    with pytest.raises(LookupError, match="news.fly_article"):
        update_roles()


def test_permissions_have_vietnamese_names():
    assert Permission.objects.get(codename="add_article").name == "Có thể thêm bài viết"
    assert Permission.objects.get(codename="view_user").name == "Có thể xem người dùng"
    assert Permission.objects.get(codename="change_historicalvalue").name == (
        "Có thể sửa lịch sử số liệu"
    )
    assert not Permission.objects.filter(name__startswith="Can ").exists()


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert Group.objects.filter(name__in=list(roles.ROLES)).count() == len(roles.ROLES)


def answers(monkeypatch, *typed):
    replies = iter(typed)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))


def test_command_creates_a_staff_user_in_the_role(monkeypatch):
    answers(monkeypatch, PASSWORD, PASSWORD)
    call_command(
        "tao_tai_khoan", "nguyenvana", "--vai-tro", "Duyệt tin", "--ho-ten", "Nguyễn Văn A"
    )
    user = get_user_model().objects.get(username="nguyenvana")
    assert user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Duyệt tin"]
    assert (user.last_name, user.first_name) == ("Nguyễn Văn", "A")


def test_command_applies_the_password_validators(monkeypatch, capsys):
    answers(monkeypatch, "123", "123", "password", "password", "abc", "abd")
    with pytest.raises(CommandError, match="mật khẩu chưa hợp lệ"):
        call_command("tao_tai_khoan", "nguyenvanb", "--vai-tro", "Lãnh đạo")
    assert not get_user_model().objects.filter(username="nguyenvanb").exists()


def test_command_refuses_an_unknown_role():
    with pytest.raises(CommandError, match="Không có vai trò “Giám đốc”"):
        call_command("tao_tai_khoan", "nguyenvanc", "--vai-tro", "Giám đốc")


def test_command_refuses_an_existing_username(monkeypatch, official):
    official(roles.EDITOR, username="trung")
    with pytest.raises(CommandError, match="đã có"):
        call_command("tao_tai_khoan", "trung", "--vai-tro", "Biên tập viên")
