from urllib.parse import urlsplit

from django.conf import settings
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


def on_site_url(sitemap_class):
    """The same sitemap, with addresses on SITE_URL (as canonical links and feeds have them)
    rather than on whatever host the request came in by."""
    scheme, netloc = urlsplit(settings.SITE_URL)[:2]

    class OnSiteUrl(sitemap_class):
        protocol = scheme

        def get_domain(self, site=None):
            return netloc

    return OnSiteUrl
