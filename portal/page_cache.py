"""Whole-page cache for anonymous visitors, emptied whenever content changes.

Pages are kept under a key that carries a content version; saving or deleting anything an
official edits bumps the version, so a publish shows at once on every worker and host that
shares the cache. A scheduled article, which appears without a save, shows within
PAGE_CACHE_SECONDS. Visits and object views are counted by the middleware around this one,
so cached pages are counted too.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"news", "meetings", "indicators", "portal"}
# Written on every visit or by the search index itself: not content.
NOT_CONTENT = {"dailyvisits", "searchentry"}


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version(sender, **kwargs):
    meta = sender._meta
    # A history row is saved beside the content row, which bumps the version already.
    history_row = hasattr(sender, "instance_type")
    if meta.app_label in CONTENT_APPS and meta.model_name not in NOT_CONTENT and not history_row:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # evicted: any new value empties the cache as well
            cache.set(VERSION_KEY, 1, timeout=None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_version, weak=False, dispatch_uid=f"page-cache-{signal}")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith("/quan-tri/")
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in (200, 404)
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        path = hashlib.blake2s(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"page-cache:{content_version()}:{request.get_host()}:{path}"
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response
