"""Share links, print lines and Open Graph tags of articles, meetings and the dashboard."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Meeting
from news.demo import SEED_ARTICLE_SLUG
from news.models import Article
from tests.communes.helpers import serve_first_commune_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    serve_first_commune_at(settings, "https://bcd.example.vn")
    call_command("load_demo", stdout=io.StringIO())
    urls = [
        Article.objects.get(slug=SEED_ARTICLE_SLUG).get_absolute_url(),
        Meeting.objects.get(slug=SEED_MEETING_SLUG).get_absolute_url(),
        reverse("indicators:year", kwargs={"year": 2025}),
    ]
    return {url: client.get(url).content.decode() for url in urls}


def test_articles_and_meetings_have_share_links_that_work_without_javascript(pages):
    article, meeting, dashboard = pages.items()
    assert "data-print hidden>In</button>" in dashboard[1] and "js/share.js" in dashboard[1]
    for url, html in (article, meeting):
        address = f"https%3A%2F%2Fbcd.example.vn{url.replace('/', '%2F')}"
        assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
        assert "mailto:?subject=" in html and f"body={address}" in html
        assert re.search(
            r'<button class="share__button" type="button" data-print hidden>In</button>', html
        )
        assert "js/share.js" in html


def test_printouts_carry_their_address(pages):
    for url, html in pages.items():
        assert f'<p class="print-meta">Địa chỉ: https://bcd.example.vn{url}' in html


def test_articles_and_meetings_print_when_they_were_last_updated(pages):
    article, meeting, _dashboard = pages.values()
    assert "Cập nhật lần cuối:" in article and "Cập nhật lần cuối:" in meeting


def test_every_page_names_one_open_graph_image_and_no_tag_twice(pages, client):
    pages[reverse("portal:home")] = client.get(reverse("portal:home")).content.decode()
    for html in pages.values():
        properties = re.findall(r'<meta property="([^"]+)"', html)
        assert len(properties) == len(set(properties)), properties
        assert "og:image" in properties
    assert "img/og-default.png" in pages[reverse("portal:home")]
