"""Whole pages made ahead (portal.kept_pages): no query once kept, never stale, holes exact."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communes.models import Commune
from indicators import demo
from indicators.models import Value
from news.models import Article
from portal import kept_pages, outage
from portal.models import DailyVisits
from tests.indicators.conftest import FakeCommand
from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db

PAGES = [
    "portal:home",
    "news:list",
    "meetings:list",
    "meetings:directives",
    "meetings:committee",
    "indicators:dashboard",
    "documents:list",
    "portal:site-map",
    "portal:privacy",
]


@pytest.fixture
def seed(db):
    """The seed's figures, as load_demo adds them."""
    demo.load(FakeCommand())


@pytest.mark.parametrize("name", PAGES)
def test_a_kept_page_makes_no_query(returning, seed, name, django_assert_num_queries):
    make_article("Bài một", make_category())
    url = reverse(name)
    first = returning.get(url)
    with django_assert_num_queries(0):
        again = returning.get(url)
    assert again.status_code == 200
    assert again.content == first.content


def test_a_kept_article_reads_only_its_view_count(returning, django_assert_num_queries):
    article = make_article("Bài một", make_category())
    returning.get(article.get_absolute_url())
    returning.cookies.pop("md_seen")  # a new reader of the article
    with django_assert_num_queries(2):  # the view count read for the hole, its UPDATE
        html = returning.get(article.get_absolute_url()).content.decode()
    assert "Lượt xem: 2" in html
    assert Article.objects.get(pk=article.pk).view_count == 2


def test_visit_totals_are_exact_on_a_kept_page(seed):
    DailyVisits.objects.all().delete()
    commune = Commune.objects.order_by("pk").first()  # the one a test database starts with
    totals = f"layout:visits:{commune.pk}:{timezone.localdate().isoformat()}"
    for expected in range(1, 4):
        cache.delete(totals)  # the footer's totals are read again once a minute
        html = Client().get(reverse("news:list")).content.decode()  # each a new visitor
        assert f"<dt>Hôm nay</dt><dd>{expected}</dd>" in html
    assert DailyVisits.objects.get().count == 3


def test_a_kept_page_and_its_visit_totals_come_in_one_read(returning, monkeypatch):
    url = reverse("news:list")
    returning.get(url)
    reads = []
    real = outage.cache

    class Counting:
        def __getattr__(self, method):
            if method in ("get", "get_many"):
                reads.append(method)
            return getattr(real, method)

    monkeypatch.setattr(outage, "cache", Counting())
    assert returning.get(url).status_code == 200
    # The host's commune, the sections' versions, then the page and the footer's totals.
    assert reads == ["get", "get_many", "get_many"]


def test_a_save_remakes_the_pages_of_its_section_only(returning, seed, django_assert_num_queries):
    make_article("Bài một", make_category())
    for name in ("news:list", "indicators:dashboard"):
        returning.get(reverse(name))
    value = Value.objects.first()
    value.note = "Đã rà soát"
    value.save()
    with django_assert_num_queries(0):
        returning.get(reverse("news:list"))  # still kept: it shows no figure
    with CaptureQueriesContext(connection) as made:
        returning.get(reverse("indicators:dashboard"))
    assert len(made) > 0  # made again from the database
    with django_assert_num_queries(0):
        returning.get(reverse("indicators:dashboard"))  # and kept again


def test_an_edit_shows_at_once(returning):
    article = make_article("Tiêu đề đầu", make_category())
    returning.get(reverse("news:list"))
    returning.get(article.get_absolute_url())
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert "Tiêu đề đã sửa" in returning.get(reverse("news:list")).content.decode()
    assert "Tiêu đề đã sửa" in returning.get(article.get_absolute_url()).content.decode()


def test_a_scheduled_article_appears_at_its_time_without_a_save(returning, monkeypatch):
    category = make_category()
    make_article("Bài đã đăng", category)
    soon = timezone.now() + datetime.timedelta(minutes=10)
    make_article("Bài hẹn giờ", category, publish_at=soon)
    assert "Bài hẹn giờ" not in returning.get(reverse("news:list")).content.decode()
    later = soon + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Bài hẹn giờ" in returning.get(reverse("news:list")).content.decode()


def test_an_expired_article_leaves_at_its_time(returning, monkeypatch):
    soon = timezone.now() + datetime.timedelta(minutes=10)
    make_article("Bài có hạn", make_category(), expires_at=soon)
    assert "Bài có hạn" in returning.get(reverse("news:list")).content.decode()
    monkeypatch.setattr(timezone, "now", lambda: soon + datetime.timedelta(seconds=1))
    assert "Bài có hạn" not in returning.get(reverse("news:list")).content.decode()


def test_pages_are_the_same_kept_evicted_and_never_kept(returning, seed, settings):
    make_article("Bài một", make_category())
    url = reverse("portal:home")
    made, kept = returning.get(url).content, returning.get(url).content
    cache.clear()
    again = returning.get(url).content
    settings.KEPT_PAGES = False
    plain = returning.get(url).content
    assert made == kept == again == plain


def made_from_database(visitor, url):
    with CaptureQueriesContext(connection) as made:
        status = visitor.get(url).status_code
    return status, len(made) > 0


def test_staff_and_error_pages_are_never_kept(returning, client):
    assert made_from_database(returning, "/tin-tuc/khong-co/") == (404, True)
    assert made_from_database(returning, "/tin-tuc/khong-co/") == (404, True)
    staff = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
    client.force_login(staff)
    assert made_from_database(client, reverse("news:list")) == (200, True)
    assert made_from_database(client, reverse("news:list")) == (200, True)


def test_each_host_has_its_own_page():
    @kept_pages.made_ahead()
    def echo(request):
        return HttpResponse(f"<p>{request.get_host()}</p>")

    factory = RequestFactory()
    assert echo(factory.get("/", HTTP_HOST="testserver")).content == b"<p>testserver</p>"
    assert echo(factory.get("/", HTTP_HOST="localhost")).content == b"<p>localhost</p>"
    assert echo(factory.get("/", HTTP_HOST="testserver")).content == b"<p>testserver</p>"


def test_concurrent_misses_render_the_page_once():
    renders = []
    started = threading.Event()
    release = threading.Event()

    @kept_pages.made_ahead()
    def slow(request):
        renders.append(1)
        started.set()
        release.wait(2)
        return HttpResponse("<p>trang</p>")

    factory = RequestFactory()
    answers = []
    first = threading.Thread(target=lambda: answers.append(slow(factory.get("/"))))
    first.start()
    started.wait(2)
    others = [
        threading.Thread(target=lambda: answers.append(slow(factory.get("/")))) for _ in range(3)
    ]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert len(renders) == 1
    assert [answer.content for answer in answers] == [b"<p>trang</p>"] * 4


def test_a_search_is_kept_from_its_second_asking(returning, django_assert_num_queries):
    make_article("Chuyển đổi số ở thôn Đông", make_category())
    url = reverse("portal:search") + "?q=chuyen+doi+so"
    assert made_from_database(returning, url) == (200, True)  # asked once: not kept
    assert made_from_database(returning, url) == (200, True)  # asked again: made and kept
    with django_assert_num_queries(0):
        page = returning.get(url).content.decode()
    assert "ở thôn Đông" in page
    make_article("Chuyển đổi số ở thôn Tây", make_category())
    assert "thôn Tây" in returning.get(url).content.decode()  # a save: never stale
