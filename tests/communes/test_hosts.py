"""A request is answered for the commune of its host name, the province on its own host."""

import pytest
from django.urls import reverse

from communes import hosts
from communes.models import HostName, Province
from portal.models import DailyVisits, SiteIdentity
from tests.communes.helpers import first_commune
from tests.news.factories import make_article

from .conftest import OTHER_HOST

pytestmark = pytest.mark.django_db


def test_a_commune_added_later_is_served_on_its_host_at_once(other_commune, client):
    html = client.get("/", HTTP_HOST=OTHER_HOST).content.decode()
    assert "Xã Thử Nghiệm" in html
    assert "Minh Đức" not in html


def test_the_first_commune_still_answers_on_its_own_hosts(other_commune, client):
    for host in ("127.0.0.1", "localhost", "testserver"):
        html = client.get("/", HTTP_HOST=host).content.decode()
        assert "Xã Minh Đức" in html and "Thử Nghiệm" not in html, host


def test_a_host_of_no_commune_gets_the_vietnamese_404(data_hosts, client):
    response = client.get("/tin-tuc/", HTTP_HOST="la.example")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_removed_host_name_stops_answering(other_commune, client):
    assert client.get("/", HTTP_HOST="www.xa-thu.example").status_code == 200
    HostName.objects.get(name="www.xa-thu.example").delete()
    assert client.get("/", HTTP_HOST="www.xa-thu.example").status_code == 404


def test_host_names_are_stored_lower_case_and_checked(db):
    host = HostName(name="Bad host/duong-dan", commune=first_commune())
    with pytest.raises(Exception) as error:
        host.full_clean()
    assert "Tên miền chỉ gồm chữ thường" in str(error.value)
    assert HostName.objects.create(name="XA.Example", commune=first_commune()).name == "xa.example"


def test_the_province_host_gets_the_province_page(other_commune, client):
    province = Province.objects.create()
    HostName.objects.create(name="tinh.example", province=province)
    html = client.get("/", HTTP_HOST="tinh.example").content.decode()
    assert "Tên tỉnh chưa được nhập" in html
    assert 'href="http://127.0.0.1:8000/">Xã Minh Đức</a>' in html
    assert f'href="http://{OTHER_HOST}:8000/">Xã Thử Nghiệm</a>' in html
    missing = client.get("/tin-tuc/", HTTP_HOST="tinh.example")
    assert missing.status_code == 404 and "Không tìm thấy trang" in missing.content.decode()


def test_the_lookup_is_kept_in_the_shared_cache_and_dropped_on_save(
    other_commune, django_assert_num_queries
):
    with django_assert_num_queries(1):
        hosts.lookup(OTHER_HOST)
    with django_assert_num_queries(0):
        kind, commune = hosts.lookup(OTHER_HOST)
    assert kind == "commune" and commune.identity.commune_name == "xã Thử Nghiệm"
    identity = SiteIdentity.objects.get(commune=other_commune)
    identity.commune_name = "xã Thử Nghiệm Mới"
    identity.save()
    assert hosts.lookup(OTHER_HOST)[1].identity.commune_name == "xã Thử Nghiệm Mới"


def test_each_commune_has_its_own_articles_slugs_and_feed(other_commune, client):
    mine = make_article(title="Tin riêng của Minh Đức")
    theirs = make_article(
        title="Tin riêng của Thử Nghiệm",
        slug=mine.slug,  # the same address in another commune
        commune=other_commune,
        category=other_commune_category(other_commune),
    )
    page = client.get(reverse("news:list"), HTTP_HOST=OTHER_HOST).content.decode()
    assert theirs.title in page and mine.title not in page
    detail = client.get(theirs.get_absolute_url(), HTTP_HOST=OTHER_HOST).content.decode()
    assert theirs.title in detail and mine.title not in detail
    feed = client.get(reverse("news:feed"), HTTP_HOST=OTHER_HOST).content.decode()
    assert f"<link>http://{OTHER_HOST}:8000/tin-tuc/</link>" in feed
    assert theirs.title in feed and mine.title not in feed
    assert "127.0.0.1" not in feed


def test_search_finds_only_the_commune_own_pages(other_commune, client):
    make_article(title="Chuyển đổi số ở Minh Đức")
    make_article(
        title="Chuyển đổi số ở Thử Nghiệm",
        commune=other_commune,
        category=other_commune_category(other_commune),
    )
    url = reverse("portal:search") + "?q=chuyen+doi+so"
    html = client.get(url, HTTP_HOST=OTHER_HOST).content.decode()
    assert "ở Thử Nghiệm" in html and "ở Minh Đức" not in html


def test_visits_are_counted_per_commune(other_commune, client):
    client.get("/", HTTP_HOST=OTHER_HOST)
    assert DailyVisits.objects.get(commune=other_commune).count == 1
    assert not DailyVisits.objects.filter(commune=first_commune()).exists()


def other_commune_category(commune):
    return commune_categories(commune).first()


def commune_categories(commune):
    from news.models import Category

    return Category.objects.for_commune(commune)
