"""The shared lists every commune reads (document types, the indicator catalogue) are the
province's to change once the install serves several communes."""

import pytest
from django.test import Client
from django.urls import reverse

from communes.creation import create_commune
from communes.models import StaffAccount
from documents.models import DocumentType
from indicators.models import Indicator
from staff import roles
from tests.staff.conftest import make_official

from .conftest import OTHER_HOST
from .helpers import first_commune

pytestmark = pytest.mark.django_db


def secretary(username, commune):
    official = make_official(roles.SECRETARY, username)
    StaffAccount.objects.create(user=official, commune=commune)
    return official


def logged_in(user, host="testserver"):
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    return client


def test_the_only_commune_keeps_extending_the_shared_lists(data_hosts):
    client = logged_in(secretary("thuky-minhduc", first_commune()))
    added = client.post(
        reverse("admin:documents_documenttype_add"),
        {"name": "Tờ trình", "slug": "to-trinh-thu", "order": 5},
    )
    assert added.status_code == 302
    assert DocumentType.objects.filter(slug="to-trinh-thu").exists()


def test_with_two_communes_a_commune_reads_the_shared_lists_only(data_hosts):
    other = create_commune("xã Thử Nghiệm", [OTHER_HOST])
    client = logged_in(secretary("thuky-thunghiem", other), OTHER_HOST)
    kind = DocumentType.objects.get(slug="ke-hoach")
    assert client.get(reverse("admin:documents_documenttype_add")).status_code == 403
    page = client.get(reverse("admin:documents_documenttype_change", args=[kind.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # shown, not editable
    changed = client.post(
        reverse("admin:documents_documenttype_change", args=[kind.pk]),
        {"name": "Kế hoạch đã đổi", "slug": "ke-hoach", "order": 1},
    )
    assert changed.status_code == 403
    kind.refresh_from_db()
    assert kind.name != "Kế hoạch đã đổi"


def test_with_two_communes_the_province_still_edits_them_anywhere(data_hosts):
    create_commune("xã Thử Nghiệm", [OTHER_HOST])
    official = make_official(roles.ADMINISTRATOR, "quantri-tinh")
    StaffAccount.objects.create(user=official, commune=None)
    client = logged_in(official, OTHER_HOST)
    indicator = Indicator.objects.get(code="ho-so-tiep-nhan")
    page = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert 'name="_save"' in page.content.decode()
    assert client.get(reverse("admin:documents_documenttype_add")).status_code == 200
