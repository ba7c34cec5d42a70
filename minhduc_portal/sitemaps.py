import hashlib
import math
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from news.models import Article
from portal.page_cache import content_version
from portal.site_url import absolute, scheme_and_domain

# URLs per section sitemap page: well inside the protocol's 50,000 URLs and 50 MB, and a
# page cheap enough to build again after an edit. Longer sections get ?p=2, ?p=3 ... pages,
# each listed in the index: no URL is left out.
SECTION_LIMIT = 5000
KEEP_SECONDS = 3600


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

    class OnSiteUrl(sitemap_class):
        limit = SECTION_LIMIT

        def get_protocol(self, protocol=None):
            return scheme_and_domain()[0]

        def get_domain(self, site=None):
            return scheme_and_domain()[1]

    return OnSiteUrl


def kept(view):
    """The sitemap view's answer, built once per content version and host name.

    Lists that change with time alone (a scheduled article, a meeting that starts) are
    built again from their next change on.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PARTS_CACHE:
            return view(request, *args, **kwargs)
        path = hashlib.blake2s(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"sitemap:{request.get_host()}:{request.scheme}:{content_version()}:{path}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            response.render()
            if response.status_code == 200:
                cache.set(key, response, _seconds_to_keep())
        return response

    return wrapper


def _seconds_to_keep():
    now = timezone.now()
    changes = [Article.objects.next_change(now), Meeting.objects.next_start(now)]
    soonest = min(filter(None, changes), default=None)
    if soonest is None:
        return KEEP_SECONDS
    return max(1, min(KEEP_SECONDS, math.ceil((soonest - now).total_seconds())))


def sitemap_index(request, sitemaps):
    """/sitemap.xml: every page of every section sitemap, on SITE_URL like the sitemaps."""
    items = []
    for section, sitemap_class in sitemaps.items():
        url = absolute(reverse("sitemap-section", kwargs={"section": section}))
        pages = sitemap_class().paginator.num_pages
        items += [
            SitemapIndexItem(url if n == 1 else f"{url}?p={n}", None) for n in range(1, pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
