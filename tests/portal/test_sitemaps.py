"""/sitemap.xml is an index of section sitemaps; long sections are cut into pages, none lost."""

import datetime
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from minhduc_portal.urls import sitemaps
from news.models import Article
from tests.communes.helpers import serve_first_commune_at
from tests.news.factories import make_article, make_category
from tests.sitemaps import section_paths, whole_sitemap

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_index_lists_every_section_on_site_url(client, settings):
    serve_first_commune_at(settings, "https://bcd.minhduc.example")
    xml = client.get(reverse("sitemap")).content.decode()
    for section in sitemaps:
        assert f"<loc>https://bcd.minhduc.example/sitemap-{section}.xml</loc>" in xml


def test_a_long_section_is_cut_into_pages_and_no_article_is_left_out(client, monkeypatch):
    monkeypatch.setattr(sitemaps["news-articles"], "limit", 4)
    category = make_category()
    slugs = [make_article(f"Tin số {n}", category).slug for n in range(10)]
    pages = [path for path in section_paths(client) if "news-articles" in path]
    assert pages == [
        "/sitemap-news-articles.xml",
        "/sitemap-news-articles.xml?p=2",
        "/sitemap-news-articles.xml?p=3",
    ]
    locs = re.findall(r"<loc>[^<]*/tin-tuc/([^/<]+)/</loc>", whole_sitemap(client))
    assert sorted(set(slugs)) == sorted(slug for slug in locs if slug in slugs)
    for page in pages:
        assert client.get(page).content.decode().count("<url>") <= 4


def test_a_new_article_is_in_the_sitemap_at_once(client):
    category = make_category()
    make_article("Tin đầu", category)
    whole_sitemap(client)
    fresh = make_article("Tin vừa đăng", category)
    assert fresh.get_absolute_url() in whole_sitemap(client)


def test_an_unknown_section_or_page_is_not_found(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404
    assert client.get("/sitemap-news-articles.xml?p=99").status_code == 404


def test_a_scheduled_article_enters_the_sitemap_at_its_time(client, monkeypatch):
    category = make_category()
    make_article("Tin đầu", category)
    now = timezone.now()
    scheduled = make_article("Tin hẹn giờ", category, publish_at=now + timedelta(minutes=5))
    assert scheduled.get_absolute_url() not in whole_sitemap(client)
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert scheduled.get_absolute_url() in whole_sitemap(client)


def test_a_section_entry_is_valid_xml_with_the_local_date(client, settings):
    serve_first_commune_at(settings, "https://bcd.minhduc.example")
    article = make_article("Họp Ban Chỉ đạo", make_category("Tin"))
    # 23:30 in UTC is already the next day in Hồ Chí Minh.
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    )
    response = client.get(reverse("sitemap-section", kwargs={"section": "news-articles"}))
    root = ElementTree.fromstring(response.content)
    entry = root.find("sm:url", NS)
    assert entry.findtext("sm:loc", namespaces=NS) == (
        f"https://bcd.minhduc.example{article.get_absolute_url()}"
    )
    assert entry.findtext("sm:lastmod", namespaces=NS) == "2026-03-02"
    assert entry.findtext("sm:changefreq", namespaces=NS) == "weekly"
    assert entry.findtext("sm:priority", namespaces=NS) == "0.7"
