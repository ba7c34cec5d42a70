from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from portal.models import SiteIdentity
from portal.site_url import absolute

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        identity = SiteIdentity.current()
        name = identity.full_name if identity else "Ban Chỉ đạo"
        return f"Tin tức – {name}"

    def link(self, obj):
        return absolute(reverse("news:list"))

    def feed_url(self, obj):
        return absolute(reverse("news:feed"))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def description(self, obj):
        return "Tin tức mới nhất của Ban Chỉ đạo."

    def articles(self, obj):
        return Article.objects.published().for_list()

    def items(self, obj):
        return self.articles(obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"{super().title(obj)}: {obj.name}"

    def link(self, obj):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj):
        return absolute(reverse("news:category-feed", kwargs={"slug": obj.slug}))

    def description(self, obj):
        return f"Tin mới nhất trong chuyên mục {obj.name}."

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)
