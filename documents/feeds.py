"""RSS feed of newly published documents; texts escaped as the news feeds escape them."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from portal.site_url import PerCommuneFeed, absolute

from .models import Document

FEED_SIZE = 30
_READ_AS_HTML = re.compile(r"<|&#?\w+;")


def plain(text):
    """A plain-text element no reader shows other than as typed (as news/feeds.py does)."""
    return escape(text) if _READ_AS_HTML.search(text) else text


class LatestDocumentsFeed(PerCommuneFeed, Feed):
    feed_type = Rss201rev2Feed
    language = "vi"
    title = "Văn bản mới – Ban Chỉ đạo"
    description = "Văn bản mới được công bố trên cổng thông tin của Ban Chỉ đạo."

    def link(self):
        return absolute(reverse("documents:list"), commune=self.commune)

    def feed_url(self):
        return absolute(reverse("documents:feed"), commune=self.commune)

    def items(self):
        documents = Document.objects.for_commune(self.commune).published()
        documents = documents.select_related("doc_type", "issuer")
        return documents.order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_link(self, item):
        return absolute(item.get_absolute_url(), commune=self.commune)

    def item_title(self, item):
        return plain(f"{item.doc_type.name} số {item.number} ({item.issuer.name})")

    def item_description(self, item):
        return escape(item.title)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
