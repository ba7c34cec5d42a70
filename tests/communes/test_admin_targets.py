"""Targets in the admin: a commune reads the province-wide ones and keeps its own; the
province's accounts manage the province-wide ones."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from communes.models import HostName, Province, StaffAccount
from indicators.models import Indicator, Target
from staff import roles
from tests.staff.conftest import make_official
from tests.staff.forms import form_data

from .helpers import first_commune

pytestmark = pytest.mark.django_db

PROVINCE_HOST = "tinh.example"


def target(commune=None, value="98.5", basis="Kế hoạch của UBND tỉnh"):
    return Target.objects.create(
        commune=commune,
        indicator=Indicator.objects.get(code="ho-so-dung-han"),
        year=2030,
        value=Decimal(value),
        basis=basis,
    )


@pytest.fixture
def commune_admin(db):
    """Minh Đức's administrator, on Minh Đức's host (the test client's)."""
    client = Client()
    client.force_login(make_official(roles.ADMINISTRATOR))
    return client


@pytest.fixture
def province_admin(data_hosts):
    HostName.objects.create(name=PROVINCE_HOST, province=Province.objects.create(name="tỉnh X"))
    official = make_official(roles.ADMINISTRATOR)
    StaffAccount.objects.create(user=official, commune=None)
    client = Client(HTTP_HOST=PROVINCE_HOST)
    client.force_login(official)
    return client


def test_a_commune_reads_province_wide_targets_without_changing_them(commune_admin):
    province_wide = target()
    listing = commune_admin.get(reverse("admin:indicators_target_changelist")).content.decode()
    assert "Kế hoạch của UBND tỉnh" in listing and "Toàn tỉnh" in listing
    url = reverse("admin:indicators_target_change", args=[province_wide.pk])
    page = commune_admin.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert 'name="_save"' not in page.content.decode()
    data = form_data(page.content.decode(), value="10", basis="Đổi từ xã")
    assert commune_admin.post(url, data).status_code == 403
    delete = reverse("admin:indicators_target_delete", args=[province_wide.pk])
    assert commune_admin.post(delete, {"post": "yes"}).status_code == 403
    province_wide.refresh_from_db()
    assert province_wide.basis == "Kế hoạch của UBND tỉnh"


def test_deleting_selected_targets_refuses_the_province_wide_ones(commune_admin):
    province_wide, own = target(), target(first_commune(), basis="Kế hoạch của UBND xã")
    data = {"action": "delete_selected", "_selected_action": [province_wide.pk, own.pk]}
    url = reverse("admin:indicators_target_changelist")
    page = " ".join(commune_admin.post(url, data).content.decode().split())
    assert "<title>Không thể xóa chỉ tiêu" in page
    assert "tài khoản của bạn không có quyền xóa các loại đối tượng sau" in page
    assert commune_admin.post(url, data | {"post": "yes"}).status_code == 403
    assert Target.objects.filter(pk__in=[province_wide.pk, own.pk]).count() == 2


def test_a_commune_changes_its_own_target(commune_admin):
    own = target(first_commune(), basis="Kế hoạch của UBND xã")
    url = reverse("admin:indicators_target_change", args=[own.pk])
    page = commune_admin.get(url).content.decode()
    assert commune_admin.post(url, form_data(page, value="99")).status_code == 302
    own.refresh_from_db()
    assert own.value == 99


def test_a_target_added_on_a_commune_host_is_the_commune_own(commune_admin):
    target()  # the province's for the same indicator and year
    response = commune_admin.post(
        reverse("admin:indicators_target_add"),
        {
            "indicator": Indicator.objects.get(code="ho-so-dung-han").pk,
            "year": 2030,
            "comparator": "gte",
            "value": "99,5",
            "basis": "Kế hoạch của UBND xã",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    added = Target.objects.get(basis="Kế hoạch của UBND xã")
    assert added.commune == first_commune() and added.value == Decimal("99.5")


def test_the_indicator_page_shows_province_targets_read_only(commune_admin):
    target()
    indicator = Indicator.objects.get(code="ho-so-dung-han")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    page = commune_admin.get(url).content.decode()
    assert "chỉ tiêu toàn tỉnh (do tỉnh quản lý)" in page.lower()
    assert "Kế hoạch của UBND tỉnh" in page and "98,5%" in page
    assert 'value="Kế hoạch của UBND tỉnh"' not in page  # not in an editable row
    data = form_data(page)
    data |= {
        "targets-TOTAL_FORMS": ["1"],
        "targets-0-year": ["2030"],
        "targets-0-comparator": ["gte"],
        "targets-0-value": ["97"],
        "targets-0-basis": ["Kế hoạch của UBND xã"],
    }
    response = commune_admin.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Target.objects.get(basis="Kế hoạch của UBND xã").commune == first_commune()
    assert Target.objects.get(commune=None).value == Decimal("98.5")


def test_the_province_manages_province_wide_targets(province_admin):
    province_wide = target()
    url = reverse("admin:indicators_target_change", args=[province_wide.pk])
    page = province_admin.get(url).content.decode()
    assert province_admin.post(url, form_data(page, value="99")).status_code == 302
    province_wide.refresh_from_db()
    assert province_wide.value == 99 and province_wide.commune is None
    response = province_admin.post(
        reverse("admin:indicators_target_add"),
        {
            "indicator": Indicator.objects.get(code="ho-so-dung-han").pk,
            "year": 2031,
            "comparator": "gte",
            "value": "99",
            "basis": "Kế hoạch năm 2031 của UBND tỉnh",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(year=2031).commune is None
