"""SQL query counts of the public pages stay the same however many articles there are."""

import pytest
from django.urls import reverse

from news.models import Tag
from portal.models import DailyVisits
from tests.news.factories import make_article, make_category, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def todays_visits_row(db):
    """Today's visit row exists, as it does after the day's first visitor."""
    DailyVisits.record()


# Visit counter (1), site identity and visit totals for the layout (2).
LAYOUT = 3


def fill(category, count):
    tag = Tag.objects.create(name=f"Thẻ {count}")
    for n in range(count):
        article = make_article(f"Tin {count}-{n}", category)
        article.tags.add(tag)


@pytest.mark.parametrize("count", [3, 45])
def test_list_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    make_article("Tin có ảnh", category, cover=uploaded_image(), cover_alt="Ảnh")
    # count of rows, the page of articles with their categories
    with django_assert_num_queries(LAYOUT + 2):
        assert client.get(reverse("news:list")).status_code == 200


@pytest.mark.parametrize("count", [3, 45])
def test_category_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    with django_assert_num_queries(LAYOUT + 3):  # + the category itself
        assert client.get(category.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [3, 45])
def test_article_page_query_count(client, category, django_assert_num_queries, count):
    fill(category, count)
    make_category()
    article = make_article("Tin giữa", category)
    fill(category, 2)
    # view counter UPDATE, the article, tags, attachments, newer, older
    with django_assert_num_queries(LAYOUT + 6):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_feed_query_count(client, category, django_assert_num_queries):
    fill(category, 40)
    # Site identity and the 30 articles; a feed reader is not counted as a visit.
    with django_assert_num_queries(2):
        assert client.get(reverse("news:feed")).status_code == 200
