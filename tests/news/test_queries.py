"""SQL query counts of the public pages stay the same however many articles there are."""

import pytest
from django.urls import reverse

from news.models import Tag
from portal.models import DailyVisits
from tests.news.factories import make_article, make_category, uploaded_image

# Query counts of pages rendered from their parts; kept whole pages are pinned in
# tests/portal/test_kept_pages.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_pages")]


@pytest.fixture(autouse=True)
def todays_visits_row(db):
    """Today's visit row exists, as it does after the day's first visitor."""
    DailyVisits.record()


# Visit counter (1). The layout's site identity and visit totals, the list's count and page
# index are made ahead by a first request (see README, "Parts made ahead").
LAYOUT = 1


def warm(client, url):
    """A first visit from another visitor, which makes the parts of the page."""
    assert client.get(url).status_code == 200
    client.cookies.clear()


def fill(category, count):
    tag = Tag.objects.create(name=f"Thẻ {count}")
    for n in range(count):
        article = make_article(f"Tin {count}-{n}", category)
        article.tags.add(tag)


@pytest.mark.parametrize("count", [3, 45])
def test_list_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    make_article("Tin có ảnh", category, cover=uploaded_image(), cover_alt="Ảnh")
    warm(client, reverse("news:list"))
    # the page of articles with their categories
    with django_assert_num_queries(LAYOUT + 1):
        assert client.get(reverse("news:list")).status_code == 200


@pytest.mark.parametrize("count", [3, 45])
def test_category_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    warm(client, category.get_absolute_url())
    with django_assert_num_queries(LAYOUT + 2):  # the category itself, the page
        assert client.get(category.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [3, 45])
def test_article_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    make_category()
    article = make_article("Tin giữa", category)
    fill(category, 2)
    warm(client, article.get_absolute_url())
    # view counter UPDATE, the article, tags, attachments, newer, older
    with django_assert_num_queries(LAYOUT + 6):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_feed_query_count(client, category, django_assert_num_queries):
    fill(category, 40)
    # Site identity and the 30 articles; a feed reader is not counted as a visit.
    with django_assert_num_queries(2):
        assert client.get(reverse("news:feed")).status_code == 200
