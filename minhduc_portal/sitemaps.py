from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.site_url import scheme_and_domain


class SitePagesSitemap(Sitemap):
    """The site's own pages and the sections no app lists itself."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "portal:home",
            "news:list",
            "indicators:dashboard",
            "portal:site-map",
            "portal:privacy",
        ]

    def location(self, item):
        return reverse(item)


def on_site_url(sitemap_class):
    """The same sitemap, with addresses on SITE_URL (as canonical links and feeds have them)
    rather than on whatever host the request came in by."""

    class OnSiteUrl(sitemap_class):
        def get_protocol(self, protocol=None):
            return scheme_and_domain()[0]

        def get_domain(self, site=None):
            return scheme_and_domain()[1]

    return OnSiteUrl
