"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.functional import cached_property

from .models import Article, Category

# A placeholder in the reversed address, replaced by each article's slug: one reverse() per
# page, not 5.000.
SLUG = "slug-cua-bai"


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        articles = Article.objects.for_commune(self.commune).published()
        # (slug, updated_at) pairs: building 5.000 articles cost more than the page itself.
        return articles.order_by("-publish_at", "-pk").values_list("slug", "updated_at")

    def location(self, item):
        return self._address.replace(SLUG, item[0])

    @cached_property
    def _address(self):
        return reverse("news:detail", kwargs={"slug": SLUG})

    def lastmod(self, item):
        return item[1]


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        published = Article.objects.for_commune(self.commune).published()
        return Category.objects.filter(articles__in=published).distinct()


sitemaps = {"news-articles": ArticleSitemap, "news-categories": CategorySitemap}
