"""RSS feeds of published articles: text typed by an official arrives as text in every reader.

Readers render an item's description as HTML, so the sapo (plain text) is HTML-escaped once
more, on top of the XML escaping. The other elements are plain text by the RSS specification,
but many readers take anything that looks like markup or an entity for HTML (feedparser does):
those texts are escaped the same way, while an ordinary "KHCN & CĐS" stays as it is for the
readers that show titles literally. The article body is not offered.
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from portal.site_url import PerCommuneFeed, absolute

from .models import Article, Category

FEED_SIZE = 30
_READ_AS_HTML = re.compile(r"<|&#?\w+;")


def plain(text):
    """A plain-text element that no reader shows other than as typed."""
    text = str(text)
    return escape(text) if _READ_AS_HTML.search(text) else text


class LatestArticlesFeed(PerCommuneFeed, Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes hundreds of small pieces; send them as one body.
        response.content = response.content
        return response

    def get_object(self, request, *args, **kwargs):
        return None

    def site_name(self):
        identity = getattr(self.commune, "identity", None)
        return identity.full_name if identity else "Ban Chỉ đạo"

    def title(self, obj):
        return plain(f"Tin tức – {self.site_name()}")

    def link(self, obj):
        return absolute(reverse("news:list"), commune=self.commune)

    def feed_url(self, obj):
        return absolute(reverse("news:feed"), commune=self.commune)

    def item_link(self, item):
        return absolute(item.get_absolute_url(), commune=self.commune)

    def description(self, obj):
        return "Tin tức mới nhất của Ban Chỉ đạo."

    def articles(self, obj):
        return Article.objects.for_commune(self.commune).published().for_list()

    def items(self, obj):
        return self.articles(obj)[:FEED_SIZE]

    def item_title(self, item):
        return plain(item.title)

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return plain(item.author) if item.author else None

    def item_categories(self, item):
        return [plain(item.category.name)]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.for_commune(self.commune), slug=slug)

    def title(self, obj):
        return plain(f"Tin tức – {self.site_name()}: {obj.name}")

    def link(self, obj):
        return absolute(obj.get_absolute_url(), commune=self.commune)

    def feed_url(self, obj):
        return absolute(
            reverse("news:category-feed", kwargs={"slug": obj.slug}), commune=self.commune
        )

    def description(self, obj):
        return plain(f"Tin mới nhất trong chuyên mục {obj.name}.")

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)
