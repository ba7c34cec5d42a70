import hashlib
import math
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from portal.fragments import host_of
from portal.outage import safe_cache as cache
from portal.page_cache import content_version, scope_of
from portal.pagination import SLACK
from portal.site_url import absolute, scheme_and_domain

from .pages import next_change

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
    """The same sitemap, with addresses on the commune's public address (as canonical links and
    feeds have them) rather than on whatever host the request came in by."""

    class OnSiteUrl(sitemap_class):
        limit = SECTION_LIMIT
        commune = None  # set per request by `kept`

        def get_protocol(self, protocol=None):
            return scheme_and_domain(commune=self.commune)[0]

        def get_domain(self, site=None):
            return scheme_and_domain(commune=self.commune)[1]

    return OnSiteUrl


def kept(view):
    """The sitemap view's answer, built once per content version and host name.

    Lists that change with time alone (a scheduled article, a meeting that starts) are
    built again from their next change on.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        kwargs["sitemaps"] = for_commune(kwargs["sitemaps"], request.commune)
        if not settings.PARTS_CACHE:
            return view(request, *args, **kwargs)
        path = hashlib.blake2s(request.get_full_path().encode(), digest_size=16).hexdigest()
        version = content_version(scope_of(request))
        key = f"sitemap:{host_of(request)}:{request.scheme}:{version}:{path}"
        kept_answer = cache.get(key)
        if kept_answer and not (kept_answer[1] and timezone.now() >= kept_answer[1]):
            return kept_answer[0]
        since = timezone.now() - SLACK  # see portal.pagination: no change missed
        response = view(request, *args, **kwargs)
        response.render()
        if response.status_code == 200:
            until = next_change(since, request.commune)
            cache.set(key, (response, until), _seconds_until(until))
        return response

    return wrapper


def for_commune(sitemaps, commune):
    """The sitemaps as objects answering for one commune (Django's view takes objects too)."""
    bound = {}
    for name, sitemap_class in sitemaps.items():
        bound[name] = sitemap_class()
        bound[name].commune = commune
    return bound


def _seconds_until(until):
    if until is None:
        return KEEP_SECONDS
    seconds = (until - timezone.now()).total_seconds()
    return max(1, min(KEEP_SECONDS, math.ceil(seconds)))


def sitemap_index(request, sitemaps):
    """/sitemap.xml: every page of every section sitemap, on SITE_URL like the sitemaps."""
    items = []
    for section, sitemap in sitemaps.items():
        url = absolute(reverse("sitemap-section", kwargs={"section": section}), request)
        pages = sitemap.paginator.num_pages
        items += [
            SitemapIndexItem(url if n == 1 else f"{url}?p={n}", None) for n in range(1, pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
