"""Whole-page cache for anonymous visitors, emptied whenever content changes.

Pages are kept under a key that carries a content version: a random token, replaced by a
new one on every save or delete of anything an official edits, so a publish shows at once
on every worker and host that shares the cache. A token never comes back: when the cache
forgets it (culled when full, evicted, restarted), a fresh one is drawn and the pages kept
under the old one are never read again. A clock or a counter would repeat values and revive
pages from before a save.

A scheduled article, which appears without a save, shows within PAGE_CACHE_SECONDS. Visits
and object views are counted by the middleware around this one, so cached pages are counted
too. When the cache cannot be reached, pages are served uncached.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .outage import cache_call

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"news", "meetings", "indicators", "documents", "portal", "communes"}
# Written on every visit or by the search index itself: not content.
NOT_CONTENT = {"dailyvisits", "searchentry"}


def new_token():
    return secrets.token_hex(8)


def content_version():
    """The current token, or None without a cache; one round trip while the token is there."""
    return cache_call("get_or_set", VERSION_KEY, new_token, timeout=None)


def new_version():
    cache_call("set", VERSION_KEY, new_token(), timeout=None)


def bump_version(sender, using=None, **kwargs):
    meta = sender._meta
    # A history row is saved beside the content row, which bumps the version already.
    history_row = hasattr(sender, "instance_type")
    if meta.app_label not in CONTENT_APPS or meta.model_name in NOT_CONTENT or history_row:
        return
    from . import kept_pages  # it reads this module's version through portal.fragments

    new_version()
    kept_pages.bump_section(meta.app_label, using)
    # A visitor served between this save and its commit would still see the old content,
    # cached under the new token: draw another once the change is visible to everyone.
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(new_version, using=using)


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
        version = content_version()
        if version is None:
            return self.get_response(request)
        path = hashlib.blake2s(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"page-cache:{version}:{request.get_host()}:{path}"
        response = cache_call("get", key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            cache_call("set", key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response
