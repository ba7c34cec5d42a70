"""Only a 200 HTML page answered to a GET counts a visit or a view."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from news.models import Article, Category
from portal import middleware
from portal.middleware import VISIT_COOKIE
from portal.models import DailyVisits
from tests.indicators.conftest import seed  # noqa: F401
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return Category.objects.get(slug="hoat-dong-ban-chi-dao")


def visits():
    return sum(DailyVisits.objects.values_list("count", flat=True))


NOT_PAGES = {
    "a missing page (404)": "/khong-co-trang-nay/",
    "a missing article (404)": "/tin-tuc/khong-co-bai-nay/",
    "a redirect (missing slash)": "/tin-tuc",
    "the favicon (a redirect)": "/favicon.ico",
    "a static file": "/static/css/home.css",
    "the RSS feed": "/tin-tuc/rss/",
    "the sitemap": "/sitemap.xml",
    "the calendar": "/cuoc-hop/lich.ics",
    "the Excel export": "/chi-so/2025.xlsx",
    "the CSV export": "/chi-so/2025.csv",
}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("path", NOT_PAGES.values(), ids=NOT_PAGES.keys())
@pytest.mark.parametrize("path_list", ["with", "without"])
def test_what_is_not_a_page_does_not_count(path, path_list, monkeypatch):
    """Judged by the answer itself, even without the list of file-like paths."""
    if path_list == "without":
        monkeypatch.setattr(middleware, "NOT_PAGES", ())
    response = Client().get(path)
    assert response.status_code != 500
    assert visits() == 0
    assert VISIT_COOKIE not in response.cookies


@pytest.mark.usefixtures("seed")
def test_the_exports_answer_200_yet_do_not_count(monkeypatch):
    monkeypatch.setattr(middleware, "NOT_PAGES", ())
    for path in ("/chi-so/2025.xlsx", "/chi-so/2025.csv", "/tin-tuc/rss/"):
        assert Client().get(path).status_code == 200, path
    assert visits() == 0


def test_a_head_request_does_not_count(category):
    article = make_article(category=category)
    for path in (reverse("portal:home"), article.get_absolute_url()):
        response = Client().head(path)
        assert response.status_code == 200
        assert VISIT_COOKIE not in response.cookies
    assert visits() == 0
    assert Article.objects.get(pk=article.pk).view_count == 0


def test_a_page_counts_once_and_shows_the_visit():
    response = Client().get(reverse("portal:home"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert visits() == 1
    assert "<dt>Hôm nay</dt><dd>1</dd>" in response.content.decode()
    assert VISIT_COOKIE in response.cookies


def test_a_404_page_neither_counts_nor_shows_a_visit_of_its_own():
    Client().get(reverse("portal:home"))
    cache.clear()  # the layout's totals are kept a minute; read them afresh
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert visits() == 1
    assert "<dt>Hôm nay</dt><dd>1</dd>" in response.content.decode()


def test_an_article_view_counts_on_its_page_not_on_head(category):
    article = make_article(category=category, view_count=9)
    client = Client()
    assert client.get(article.get_absolute_url()).status_code == 200
    client.head(article.get_absolute_url())
    assert Article.objects.get(pk=article.pk).view_count == 10


def test_a_page_served_from_the_page_cache_counts(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    first = Client().get(reverse("news:list"))
    second = Client().get(reverse("news:list"))
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert visits() == 2
    assert VISIT_COOKIE in second.cookies
    # A cached 404 still does not count.
    for _ in range(2):
        assert Client().get("/khong-co-trang-nay/").status_code == 404
    assert visits() == 2


def test_an_article_served_from_the_page_cache_counts_its_view(settings, category):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    article = make_article(category=category)
    Client().get(article.get_absolute_url())
    cached = Client().get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    assert Article.objects.get(pk=article.pk).view_count == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_concurrent_visitors_of_a_cached_page_are_counted_exactly(settings):
    """Thirty new visitors at once, most served from the page cache: thirty visits."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    Client().get(reverse("news:list"))  # fills the cache

    def visit(_):
        try:
            return Client().get(reverse("news:list"))["X-Page-Cache"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(visit, range(30)))
    assert answers == ["hit"] * 30
    assert visits() == 31
