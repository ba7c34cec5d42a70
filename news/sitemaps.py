"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Article.objects.published().defer("body").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.filter(articles__in=Article.objects.published()).distinct()


sitemaps = {"news-articles": ArticleSitemap, "news-categories": CategorySitemap}
