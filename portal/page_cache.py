"""Whole-page cache for anonymous visitors, emptied whenever content changes.

Pages are kept under a key that carries a content version: a random token per commune,
replaced by a new one on every save or delete of anything an official of that commune edits
(and every commune's on a change of shared rows), so a publish shows at once on every worker
and host that shares the cache, and one commune's edits leave the others' pages kept. A
token never comes back: when the cache forgets it (culled when full, evicted, restarted,
or deleted by a save), a fresh one is drawn and the pages kept under the old one are never
read again. A clock or a counter would repeat values and revive
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

from . import compression
from .outage import cache_call

CONTENT_APPS = {"news", "meetings", "indicators", "documents", "portal", "communes"}
# Written on every visit or by the search index itself, or where an account works: not content.
NOT_CONTENT = {"dailyvisits", "searchentry", "staffaccount"}
# The scope of the province's host (and of a host that is no one's): it shows every
# commune, so every change anywhere is a change there.
EVERY_COMMUNE = "province"


def new_token():
    return secrets.token_hex(8)


def scope_of(request):
    """Whose content a request shows: its commune's, or every commune's."""
    commune = getattr(request, "commune", None)
    return f"commune-{commune.pk}" if commune is not None else EVERY_COMMUNE


def version_key(scope):
    return f"page-cache:version:{scope}"


def content_version(scope=EVERY_COMMUNE):
    """The scope's token, or None without a cache; one round trip while the token is there."""
    return cache_call("get_or_set", version_key(scope), new_token, timeout=None)


def changed_scopes(instance):
    """The scopes a saved or deleted row shows in: its commune's and the province's; a row of
    no commune (the shared catalogue, a province-wide target, a commune itself) is every
    commune's."""
    from communes.models import Commune

    commune_id = owner_commune_id(instance)
    if commune_id is not None:
        return [f"commune-{commune_id}", EVERY_COMMUNE]
    ids = Commune.objects.values_list("pk", flat=True)
    return [*(f"commune-{pk}" for pk in ids), EVERY_COMMUNE]


def owner_commune_id(instance):
    """The commune a row belongs to, following its parent (a directive's meeting), or None."""
    from django.core.exceptions import ObjectDoesNotExist

    from communes.admin_scoping import commune_path

    path = commune_path(type(instance))
    if path is None:
        return None
    *parents, _ = path.split("__")
    try:
        for name in parents:
            instance = getattr(instance, name)
    except ObjectDoesNotExist:  # a parent deleted first: count the row as everyone's
        return None
    return instance.commune_id


def forget(keys):
    """Pages kept under these tokens are never read again: a fresh token is drawn."""
    cache_call("delete_many", keys)


def bump_version(sender, using=None, instance=None, **kwargs):
    meta = sender._meta
    # A history row is saved beside the content row, which bumps the version already.
    history_row = hasattr(sender, "instance_type")
    if meta.app_label not in CONTENT_APPS or meta.model_name in NOT_CONTENT or history_row:
        return
    from . import kept_pages  # it reads this module's version through portal.fragments

    # m2m_changed is sent by the through model: the row that changed is ``instance``.
    scopes = changed_scopes(instance) if instance is not None else [EVERY_COMMUNE]
    # The page-cache versions and the kept pages' section tokens, in one round trip.
    keys = [version_key(scope) for scope in scopes]
    keys += kept_pages.section_keys(meta.app_label, scopes)
    forget(keys)
    # A visitor served between this save and its commit would still see the old content,
    # cached under the new token: draw another once the change is visible to everyone.
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(lambda: forget(keys), using=using)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_version, weak=False, dispatch_uid=f"page-cache-{signal}")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith("/quan-tri/")
    )


def shareable(response, statuses=(200, 404)):
    """An answer that may be given to another visitor: no cookie, nothing private."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in statuses
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
        version = content_version(scope_of(request))
        if version is None:
            return self.get_response(request)
        path = hashlib.blake2s(request.get_full_path().encode(), digest_size=16).hexdigest()
        # Kept packed for the browser's coding: a hit is one small read, not a large read,
        # a digest of the body and a second read for its packed form.
        coding = compression.accepted(request)
        key = f"page-cache:{version}:{request.get_host()}:{coding}:{path}"
        response = cache_call("get", key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if shareable(response):
            response = compression.compress(request, response)
            cache_call("set", key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response
