"""What a feed reader shows: text an official typed, never markup, as feedparser reads it."""

import html
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from portal.models import SiteIdentity
from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db

MARKUP = "<img src=x onerror=alert(1)> & <b>đậm</b>"


class Markup(HTMLParser):
    """The elements and the text of an HTML fragment."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def shown(detail):
    """The text a reader shows for a feedparser text construct, failing on any element."""
    if detail.type == "text/plain":
        return detail.value
    markup = Markup(detail.value)
    assert markup.tags == [], detail.value
    return markup.text


def parse(client, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def typed(db):
    identity = SiteIdentity.current()
    identity.committee_name = "Ban <i>Chỉ đạo</i>"
    identity.save()
    category = make_category("Chuyên mục <script>alert(1)</script>")
    article = make_article(
        f"Tiêu đề {MARKUP}", category, summary=f"Tóm tắt {MARKUP}", author="Lê <u>Hoàng</u>"
    )
    return category, article


def test_the_description_carries_the_typed_sapo_as_text(client, typed):
    entry = parse(client, reverse("news:feed")).entries[0]
    assert entry.summary_detail.type == "text/html"
    assert "&lt;img" in entry.summary and "<img" not in entry.summary
    assert shown(entry.summary_detail) == f"Tóm tắt {MARKUP}"


def test_titles_author_and_categories_carry_text_not_markup(client, typed):
    category, _article = typed
    for url in (reverse("news:feed"), reverse("news:category-feed", args=[category.slug])):
        feed = parse(client, url)
        entry = feed.entries[0]
        assert shown(entry.title_detail) == f"Tiêu đề {MARKUP}"
        # Names and categories have no type in feedparser: no markup, the typed text decoded.
        assert "<" not in entry.author and html.unescape(entry.author) == "Lê <u>Hoàng</u>"
        assert "<" not in entry.tags[0].term
        assert [html.unescape(tag.term) for tag in entry.tags] == [category.name]
        assert "Ban <i>Chỉ đạo</i>" in shown(feed.feed.title_detail)
    assert category.name in shown(feed.feed.title_detail)
    assert category.name in shown(feed.feed.subtitle_detail)


def test_an_ordinary_title_stays_literal_for_readers_that_show_titles_as_typed(client, category):
    make_article("KHCN, ĐMST & CĐS: 2.945 hồ sơ", category, summary="Ấp 1 & ấp 2")
    entry = parse(client, reverse("news:feed")).entries[0]
    assert (entry.title, entry.title_detail.type) == ("KHCN, ĐMST & CĐS: 2.945 hồ sơ", "text/plain")
    assert shown(entry.summary_detail) == "Ấp 1 & ấp 2"


def test_a_typed_entity_is_shown_as_typed(client, category):
    make_article("Viết &amp; đọc", category, summary="Dấu &lt; là nhỏ hơn")
    entry = parse(client, reverse("news:feed")).entries[0]
    assert shown(entry.title_detail) == "Viết &amp; đọc"
    assert shown(entry.summary_detail) == "Dấu &lt; là nhỏ hơn"
