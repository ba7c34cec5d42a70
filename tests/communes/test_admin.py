"""The admin on a commune's host: that commune's rows, choices and work list only; staff
work on their own commune's host."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from communes.models import Commune, StaffAccount
from documents.models import Document, DocumentType, Issuer
from indicators.models import Indicator, Value
from news.models import Article, Category
from staff import roles
from tests.communes.helpers import first_commune
from tests.news.factories import make_article
from tests.staff import objects
from tests.staff.conftest import make_official

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_articles(other_commune):
    mine = make_article(title="Bài của Minh Đức", status=Article.Status.REVIEW)
    theirs = make_article(
        title="Bài của Thử Nghiệm",
        status=Article.Status.REVIEW,
        commune=other_commune,
        category=Category.objects.for_commune(other_commune).first(),
    )
    return mine, theirs


def test_the_list_shows_the_host_commune_rows_only(admin_client, two_articles):
    url = reverse("admin:news_article_changelist")
    html = admin_client.get(url, HTTP_HOST=OTHER_HOST).content.decode()
    assert "Bài của Thử Nghiệm" in html and "Bài của Minh Đức" not in html
    html = admin_client.get(url).content.decode()
    assert "Bài của Minh Đức" in html and "Bài của Thử Nghiệm" not in html


@pytest.mark.parametrize("label", ["news.Article", "meetings.Directive"])
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_another_commune_object_is_not_found(admin_client, other_commune, label, view):
    """Crafted addresses of Minh Đức's rows (own commune column or through the meeting)
    answer the Vietnamese 404 on another commune's host, and work on Minh Đức's."""
    obj = objects.MAKERS[label]()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])
    response = admin_client.get(url, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert str(obj) not in response.content.decode()
    assert admin_client.get(url).status_code == 200


def test_a_missing_object_is_not_found_on_a_commune_host(admin_client, other_commune):
    url = reverse("admin:news_article_change", args=[987654])
    assert admin_client.get(url, HTTP_HOST=OTHER_HOST).status_code == 404
    assert admin_client.post(url, {}, HTTP_HOST=OTHER_HOST).status_code == 404


def test_choices_are_the_host_commune_ones(admin_client, other_commune):
    Category.objects.create(name="Chuyên mục chỉ Minh Đức có")
    html = admin_client.get(
        reverse("admin:news_article_add"), HTTP_HOST=OTHER_HOST
    ).content.decode()
    assert "Chuyên mục chỉ Minh Đức có" not in html
    assert "Hoạt động Ban Chỉ đạo" in html


def test_a_row_added_on_a_commune_host_joins_that_commune(admin_client, other_commune):
    Category.objects.create(name="Nông nghiệp số")  # Minh Đức's: the name is free elsewhere
    response = admin_client.post(
        reverse("admin:news_category_add"),
        {"name": "Nông nghiệp số", "slug": "", "description": "", "order": 5},
        HTTP_HOST=OTHER_HOST,
    )
    assert response.status_code == 302
    added = Category.objects.get(name="Nông nghiệp số", commune=other_commune)
    assert added.slug == "nong-nghiep-so"
    again = admin_client.post(
        reverse("admin:news_category_add"),
        {"name": "Nông nghiệp số", "slug": "", "description": "", "order": 5},
        HTTP_HOST=OTHER_HOST,
    )
    assert "Xã đã có chuyên mục tên này." in again.content.decode()


def test_the_work_list_counts_the_host_commune_rows(admin_client, two_articles):
    html = admin_client.get(reverse("admin:index"), HTTP_HOST=OTHER_HOST).content.decode()
    assert "Bài của Thử Nghiệm" in html and "Bài của Minh Đức" not in html


def test_a_commune_account_works_on_its_own_host_only(other_commune):
    official = make_official(roles.REVIEWER)
    StaffAccount.objects.create(user=official, commune=other_commune)
    client = Client()
    client.force_login(official)
    assert client.get(reverse("admin:index"), HTTP_HOST=OTHER_HOST).status_code == 200
    refused = client.get(reverse("admin:news_article_changelist"))  # Minh Đức's host
    assert refused.status_code == 302 and "/quan-tri/login/" in refused["Location"]


def test_an_account_without_a_commune_row_belongs_to_the_first_commune(other_commune):
    official = make_official(roles.REVIEWER)
    client = Client()
    client.force_login(official)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:index"), HTTP_HOST=OTHER_HOST).status_code == 302
    assert StaffAccount.objects.works_in(official, first_commune())


def test_a_province_account_works_on_every_commune_host(other_commune):
    official = make_official(roles.LEADER)
    StaffAccount.objects.create(user=official, commune=None)
    client = Client()
    client.force_login(official)
    for host in ("testserver", OTHER_HOST):
        assert client.get(reverse("admin:index"), HTTP_HOST=host).status_code == 200, host


def province_official():
    official = make_official(roles.ADMINISTRATOR)
    StaffAccount.objects.create(user=official, commune=None)
    client = Client()
    client.force_login(official)
    return client


def test_communes_are_managed_by_province_accounts_only(db):
    commune_admin = Client()
    commune_admin.force_login(make_official(roles.ADMINISTRATOR))
    url = reverse("admin:communes_commune_changelist")
    assert commune_admin.get(url).status_code == 403
    assert province_official().get(url).status_code == 200


def test_a_commune_added_in_the_admin_gets_its_starting_data(db):
    client = province_official()
    response = client.post(
        reverse("admin:communes_commune_add"),
        {
            "name": "xã Thử Nghiệm",
            "slug": "thu-nghiem",
            "is_active": "on",
            "ordering": 0,
            "hosts-TOTAL_FORMS": 1,
            "hosts-INITIAL_FORMS": 0,
            "hosts-0-name": "xa-thu.example",
            "hosts-0-is_primary": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commune = Commune.objects.get(slug="thu-nghiem")
    assert commune.identity.commune_name == "xã Thử Nghiệm"
    assert Category.objects.for_commune(commune).count() == 3


def test_the_admin_refuses_to_delete_a_commune_with_content(db):
    make_article()
    client = province_official()
    url = reverse("admin:communes_commune_delete", args=[first_commune().pk])
    html = client.get(url).content.decode()
    assert "Không xóa được xã Minh Đức: xã còn nội dung (1 bài viết)." in html
    client.post(url, {"post": "yes"})
    assert Commune.objects.filter(pk=first_commune().pk).exists()


def test_a_shared_row_other_communes_use_is_not_deleted_from_a_commune_host(
    admin_client, other_commune
):
    """Deleting a document type (shared) that another commune's document uses is refused
    from Minh Đức's host, without naming that document; the indicator catalogue likewise."""
    doc_type = DocumentType.objects.get(slug="ke-hoach")
    Document.objects.create(
        commune=other_commune,
        number="01/KH",
        slug="ke-hoach-01",
        title="Kế hoạch riêng của Thử Nghiệm",
        issued_on=datetime.date(2025, 3, 1),
        doc_type=doc_type,
        issuer=Issuer.objects.get(slug="ban-chi-dao-xa"),
    )
    indicator = Indicator.objects.get(code="ho-so-tiep-nhan")
    Value.objects.create(commune=other_commune, indicator=indicator, year=2025, value=200)
    for obj in (doc_type, indicator):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
        html = admin_client.get(url).content.decode()
        assert f"Không xóa được {obj}: mục dùng chung, các xã khác cũng dùng." in html
        assert "Thử Nghiệm" not in html
        admin_client.post(url, {"post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()
    assert Value.objects.filter(commune=other_commune).count() == 1
