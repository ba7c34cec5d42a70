"""The admin on a commune's host: that commune's rows, choices and work list only; staff
work on their own commune's host."""

import pytest
from django.test import Client
from django.urls import reverse

from communes.models import Commune, StaffAccount
from news.models import Article, Category
from staff import roles
from tests.communes.helpers import first_commune
from tests.news.factories import make_article
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


def test_another_commune_object_is_not_found(admin_client, two_articles):
    mine, _theirs = two_articles
    url = reverse("admin:news_article_change", args=[mine.pk])
    response = admin_client.get(url, HTTP_HOST=OTHER_HOST, follow=True)
    html = response.content.decode()
    assert "Bài của Minh Đức" not in html
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith("/quan-tri/")
    history = reverse("admin:news_article_history", args=[mine.pk])
    response = admin_client.get(history, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 404 and "Bài của Minh Đức" not in response.content.decode()


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
