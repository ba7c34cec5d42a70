from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SitePagesSitemap(Sitemap):
    """The site's own pages and the sections no app lists itself."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["portal:home", "news:list", "indicators:dashboard", "portal:site-map"]

    def location(self, item):
        return reverse(item)
