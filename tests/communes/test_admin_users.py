"""Accounts in the admin: a commune's administrator sees and makes its own commune's
accounts only, in the roles; the province says where each account works."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from communes.models import HostName, Province, StaffAccount
from staff import roles
from tests.staff.conftest import make_official
from tests.staff.forms import form_data

from .conftest import OTHER_HOST
from .helpers import first_commune

pytestmark = pytest.mark.django_db

User = get_user_model()
PROVINCE_HOST = "tinh.example"
NEW_PASSWORD = "Ban-chi-dao-xa-2026-moi"


def account(username, commune="first", **fields):
    """A staff account working in ``commune`` (None: the province)."""
    user = User.objects.create_user(username, is_staff=True, **fields)
    StaffAccount.objects.create(
        user=user, commune=first_commune() if commune == "first" else commune
    )
    return user


@pytest.fixture
def people(other_commune):
    """Accounts of both communes, of the province, and a superuser; the other commune's
    administrator is logged in on its host."""
    admin = make_official(roles.ADMINISTRATOR, "quantri-thunghiem")
    StaffAccount.objects.create(user=admin, commune=other_commune)
    client = Client(HTTP_HOST=OTHER_HOST)
    client.force_login(admin)
    client.mine = account("canbo-thunghiem", other_commune)
    client.others = [
        account("canbo-minhduc"),
        User.objects.create_user("canbo-khong-ghi-xa", is_staff=True),  # the first commune's
        account("canbo-tinh", None),
        User.objects.create_superuser("sieu-quan-tri"),
    ]
    return client


@pytest.fixture
def province_admin(data_hosts):
    HostName.objects.create(name=PROVINCE_HOST, province=Province.objects.create(name="tỉnh X"))
    official = make_official(roles.ADMINISTRATOR, "quantri-tinh")
    StaffAccount.objects.create(user=official, commune=None)
    client = Client(HTTP_HOST=PROVINCE_HOST)
    client.force_login(official)
    return client


def test_the_list_and_search_show_the_commune_accounts_only(people):
    url = reverse("admin:auth_user_changelist")
    for query in ({}, {"q": "canbo"}):
        html = people.get(url, query).content.decode()
        assert "canbo-thunghiem" in html and "quantri-thunghiem" in html
        for other in people.others:
            assert other.username not in html


@pytest.mark.parametrize("view", ["change", "delete", "history", "password_change"])
def test_other_accounts_are_not_found(people, view):
    for other in people.others:
        response = people.get(reverse(f"admin:auth_user_{view}", args=[other.pk]))
        assert response.status_code == 404, (other, view)
        assert "Không tìm thấy trang" in response.content.decode()
    assert people.get(reverse(f"admin:auth_user_{view}", args=[people.mine.pk])).status_code == 200


def test_an_account_made_on_a_commune_host_works_there(people, other_commune):
    response = people.post(
        reverse("admin:auth_user_add"),
        {
            "username": "canbo-moi",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert User.objects.get(username="canbo-moi").commune_account.commune == other_commune


def test_a_commune_gives_roles_only(people):
    """No superuser box, no permissions of one's own, no group but the roles."""
    Group.objects.create(name="Nhóm riêng của tỉnh")
    url = reverse("admin:auth_user_change", args=[people.mine.pk])
    page = people.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    assert "Nhóm riêng của tỉnh" not in page and roles.EDITOR in page
    editor = Group.objects.get(name=roles.EDITOR)
    data = form_data(page, groups=[str(editor.pk)], is_superuser="on")
    data["user_permissions"] = [str(Permission.objects.get(codename="add_commune").pk)]
    assert people.post(url, data).status_code == 302
    user = User.objects.get(pk=people.mine.pk)
    assert not user.is_superuser and not user.user_permissions.exists()
    assert list(user.groups.all()) == [editor]
    private = Group.objects.get(name="Nhóm riêng của tỉnh")
    refused = people.post(url, form_data(page, groups=[str(private.pk)]))
    assert refused.status_code == 200 and not user.groups.filter(pk=private.pk).exists()


def test_the_roles_are_read_not_changed_on_a_commune_host(people):
    editor = Group.objects.get(name=roles.EDITOR)
    url = reverse("admin:auth_group_change", args=[editor.pk])
    page = people.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert people.post(url, {"name": "Biên tập mọi xã"}).status_code == 403
    assert people.get(reverse("admin:auth_group_add")).status_code == 403
    assert Group.objects.filter(name=roles.EDITOR).exists()


def test_the_province_says_where_an_account_works(province_admin, other_commune):
    add = reverse("admin:auth_user_add")
    page = province_admin.get(add).content.decode()
    assert "Nơi làm việc" in page and "xã Thử Nghiệm" in page and "Tỉnh (đọc mọi xã)" in page
    for username, commune in (("canbo-xa-thu", other_commune), ("canbo-cua-tinh", None)):
        response = province_admin.post(
            add,
            {
                "username": username,
                "usable_password": "true",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "commune": commune.pk if commune else "",
            },
        )
        assert response.status_code == 302, response.context["errors"]
        assert User.objects.get(username=username).commune_account.commune == commune
    moved = User.objects.get(username="canbo-xa-thu")
    url = reverse("admin:auth_user_change", args=[moved.pk])
    page = province_admin.get(url).content.decode()
    assert f'<option value="{other_commune.pk}" selected>' in page
    assert province_admin.post(url, form_data(page, commune="")).status_code == 302
    assert StaffAccount.objects.get(user=moved).commune is None
    account("canbo-minhduc")
    listing = province_admin.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Nơi làm việc" in listing and "xã Minh Đức" in listing


# On a commune's host of an install with two communes: one more, whether the account may
# edit the shared catalogue (communes.admin_scoping.edits_shared_rows).
@pytest.mark.parametrize(("host", "queries"), [(OTHER_HOST, 19), (PROVINCE_HOST, 29)])
def test_the_account_list_queries_do_not_grow(
    people, province_admin, host, queries, django_assert_num_queries
):
    client = people if host == OTHER_HOST else province_admin
    other_commune = people.mine.commune_account.commune
    url = reverse("admin:auth_user_changelist")
    client.get(url)
    with django_assert_num_queries(queries):
        client.get(url)
    for number in range(5):
        account(f"canbo-them-{number}", other_commune)
        account(f"canbo-minhduc-{number}")
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    assert "canbo-them-4" in html
