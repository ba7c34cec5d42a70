"""Long lists: pages from the cached page index, the same queries on page 1 and the last."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communes.models import HostName
from news.models import Article, Tag
from tests.communes.helpers import first_commune
from tests.news.factories import make_article, make_category

# Query counts of pages rendered from their parts; kept whole pages are pinned in
# tests/portal/test_kept_pages.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_pages")]

PER_PAGE = 20


@pytest.fixture
def counted(client):
    client.cookies["md_visit"] = "1"
    return client


def fill(count, category=None, tag=None):
    category = category or make_category("Hoạt động")
    now = timezone.now()
    for n in range(count):
        article = make_article(f"Tin số {n}", category, publish_at=now - timedelta(hours=n + 1))
        if tag:
            article.tags.add(tag)
    return category


def titles(response):
    return [article.title for article in response.context["articles"]]


def all_pages(client, count):
    """The titles of pages 1 to ``count`` of the news list, in order."""
    shown = []
    for number in range(1, count + 1):
        shown += titles(client.get(reverse("news:list"), {"page": number}))
    return shown


def page_queries(client, url):
    """Queries of a page once its parts are made (a first request makes them)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def test_every_page_shows_the_rows_an_offset_would(counted):
    fill(45)
    assert all_pages(counted, 3) == list(
        Article.objects.published().values_list("title", flat=True)
    )
    assert counted.get(reverse("news:list"), {"page": 4}).status_code == 404


def test_pages_are_right_when_the_cache_is_emptied_between_requests(counted):
    fill(25)
    first = titles(counted.get(reverse("news:list"), {"page": 2}))
    cache.clear()
    assert (
        titles(counted.get(reverse("news:list"), {"page": 2}))
        == first
        == ["Tin số 20", "Tin số 21", "Tin số 22", "Tin số 23", "Tin số 24"]
    )


def test_without_the_index_a_page_reads_its_keys_in_a_subquery(counted, settings):
    settings.PARTS_CACHE = False
    fill(45)
    assert all_pages(counted, 3) == list(
        Article.objects.published().values_list("title", flat=True)
    )
    rows = [
        sql for sql in page_queries(counted, reverse("news:list") + "?page=3") if "OFFSET" in sql
    ]
    # One query: the 20 keys are picked in the list's order, then only their rows are read.
    assert len(rows) == 1 and rows[0].upper().count("SELECT") == 2


def test_a_new_article_shows_at_once(counted):
    category = fill(3)
    counted.get(reverse("news:list"))
    make_article("Tin vừa đăng", category)
    response = counted.get(reverse("news:list"))
    assert "Tin vừa đăng" in titles(response)
    assert "4 bài viết" in response.content.decode()


def test_a_scheduled_article_appears_at_its_time_without_a_save(counted, monkeypatch):
    category = fill(3)
    now = timezone.now()
    make_article("Tin hẹn giờ", category, publish_at=now + timedelta(minutes=5))
    assert "Tin hẹn giờ" not in titles(counted.get(reverse("news:list")))
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = counted.get(reverse("news:list"))
    assert titles(response)[0] == "Tin hẹn giờ"
    assert "4 bài viết" in response.content.decode()


def test_an_expired_article_leaves_the_list_and_its_count(counted, monkeypatch):
    category = fill(3)
    now = timezone.now()
    make_article("Tin hết hạn", category, expires_at=now + timedelta(minutes=5))
    assert "Tin hết hạn" in titles(counted.get(reverse("news:list")))
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = counted.get(reverse("news:list"))
    assert "Tin hết hạn" not in titles(response)
    assert "3 bài viết" in response.content.decode()


def test_one_host_never_reads_another_hosts_index(counted, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    for name in settings.ALLOWED_HOSTS:
        HostName.objects.create(name=name, commune=first_commune())
    fill(3)
    counted.get(reverse("news:list"), HTTP_HOST="a.example")
    keys = [key for key in cache._cache if "page-index" in key]
    assert keys and all("a.example" in key for key in keys)


@pytest.mark.parametrize("count", [3, 130])
def test_news_list_first_and_last_page_make_the_same_queries(counted, count):
    fill(count)
    last = (count - 1) // PER_PAGE + 1
    first_page = page_queries(counted, reverse("news:list"))
    last_page = page_queries(counted, reverse("news:list") + f"?page={last}")
    # The page's rows only: the count and the layout's data are made ahead.
    assert len(first_page) == len(last_page) == 1
    assert not any("COUNT(" in sql.upper() for sql in first_page + last_page)
    assert "OFFSET" not in last_page[0].upper()


@pytest.mark.parametrize("count", [3, 130])
def test_category_and_tag_pages_make_the_same_queries(counted, count):
    tag = Tag.objects.create(name="Chuyển đổi số")
    category = fill(count, tag=tag)
    last = (count - 1) // PER_PAGE + 1
    for url in (category.get_absolute_url(), tag.get_absolute_url()):
        queries = page_queries(counted, f"{url}?page={last}")
        assert len(queries) == 2  # the category or tag named by the URL, the page's rows
        assert not any("COUNT(" in sql.upper() for sql in queries)
