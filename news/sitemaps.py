"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        articles = Article.objects.for_commune(self.commune).published()
        return articles.defer("body").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        published = Article.objects.for_commune(self.commune).published()
        return Category.objects.filter(articles__in=published).distinct()


sitemaps = {"news-articles": ArticleSitemap, "news-categories": CategorySitemap}
