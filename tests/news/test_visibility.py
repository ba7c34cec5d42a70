from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.news.factories import make_article
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "waiting for review": {"status": Article.Status.REVIEW},
    "sent back": {"status": Article.Status.RETURNED},
    "scheduled": {"publish_at": timezone.now() + timedelta(days=1)},
    "expired": {
        "publish_at": timezone.now() - timedelta(days=3),
        "expires_at": timezone.now() - timedelta(days=1),
    },
}


@pytest.fixture(params=HIDDEN.values(), ids=HIDDEN.keys())
def hidden(request, category):
    return make_article("Bài không được hiện", category, **request.param)


@pytest.fixture
def shown(category):
    return make_article("Bài đang hiện", category)


def test_queryset_shows_only_published_current_articles(hidden, shown):
    assert list(Article.objects.published()) == [shown]


def test_hidden_article_is_not_in_the_list(client, hidden, shown):
    html = client.get(reverse("news:list")).content.decode()
    assert "Bài đang hiện" in html and "Bài không được hiện" not in html


def test_hidden_article_is_not_in_its_category(client, hidden, shown):
    html = client.get(hidden.category.get_absolute_url()).content.decode()
    assert "Bài đang hiện" in html and "Bài không được hiện" not in html


def test_hidden_article_page_is_not_found(client, hidden):
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_hidden_article_is_not_in_the_feeds(client, hidden, shown):
    for url in (
        reverse("news:feed"),
        reverse("news:category-feed", kwargs={"slug": hidden.category.slug}),
    ):
        xml = client.get(url).content.decode()
        assert "Bài đang hiện" in xml and "Bài không được hiện" not in xml


def test_hidden_article_is_not_in_the_sitemap(client, hidden, shown):
    xml = whole_sitemap(client)
    assert shown.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml


def test_hidden_article_views_are_not_counted(client, hidden):
    client.get(hidden.get_absolute_url())
    hidden.refresh_from_db()
    assert hidden.view_count == 0


def test_scheduled_article_appears_once_its_time_has_come(category):
    article = make_article(category=category, publish_at=timezone.now() + timedelta(hours=2))
    later = timezone.now() + timedelta(hours=3)
    assert list(Article.objects.published(now=later)) == [article]
