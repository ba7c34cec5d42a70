from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.news.factories import make_article, make_category
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


def test_feed_has_the_thirty_latest_articles(client, category):
    start = timezone.now() - timedelta(days=40)
    for n in range(1, 36):
        make_article(f"Tin số {n:02d}", category, publish_at=start + timedelta(days=n))
    response = client.get(reverse("news:feed"))
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert xml.count("<item>") == 30
    assert "Tin số 35" in xml and "Tin số 06" in xml and "Tin số 05" not in xml
    assert "<language>vi</language>" in xml


def test_category_feed_has_only_its_articles(client, category):
    make_article("Tin của chuyên mục", category)
    make_article("Tin nơi khác", make_category("Khác"))
    xml = client.get(reverse("news:category-feed", kwargs={"slug": category.slug})).content
    assert "Tin của chuyên mục".encode() in xml and "Tin nơi khác".encode() not in xml


def test_feed_of_an_unknown_category_is_not_found(client, db):
    url = reverse("news:category-feed", kwargs={"slug": "khong-co"})
    assert client.get(url).status_code == 404


def test_sitemap_lists_articles_and_their_categories(client, category):
    article = make_article(category=category)
    empty = make_category("Chưa có bài")
    xml = whole_sitemap(client)
    assert article.get_absolute_url() in xml
    assert category.get_absolute_url() in xml
    assert empty.get_absolute_url() not in xml


def test_list_page_links_its_feed(client, category):
    html = client.get(category.get_absolute_url()).content.decode()
    feed = reverse("news:category-feed", kwargs={"slug": category.slug})
    assert f'type="application/rss+xml" title="Tin tức: {category.name}" href="{feed}"' in html


def test_the_feed_is_sent_as_one_body(client, category):
    for n in range(12):
        make_article(f"Tin số {n}", category)
    response = client.get(reverse("news:feed"))
    assert len(list(response)) == 1 and b"Tin s\xe1\xbb\x91 11" in response.content
