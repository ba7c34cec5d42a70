"""Public pages made ahead: each page's HTML kept per host, address and section versions.

``@made_ahead("news", changes_at=...)`` on a public view keeps its 200 answer (a page, a feed,
an export) in the shared cache, so the next visitor without a session is answered with no
query at all. It is the outermost of the parts made ahead (rows and cards inside are
fragments of their own, portal.fragments), and differs from the whole-page cache in three ways:

- it is keyed by the versions of the sections the page shows ("site", "news", "meetings",
  "indicators", "documents") in its commune, each a random token replaced on every save or
  delete in that app there: an edit of a figure re-renders the dashboard and the home page,
  not the news list, and nothing of another commune (the province's pages, which show
  every commune, are made again on a change in any);
- it is rebuilt when time alone changes the page: ``changes_at(since)`` gives the next
  scheduled publish, expiry or meeting start, and every page is rebuilt after midnight
  (a directive turns overdue, "còn hiệu lực" is read against today);
- what changes on every visit is left as a hole and filled per request: the footer's visit
  totals (cached a minute, plus this visit) and, where a view asks, a counter such as an
  article's views, read fresh with one small query.

A hole is a random mark drawn for each render, so no text an official typed can forge one.
A response that is private, sets a cookie or comes from a request with a session is never
kept. An empty or evicted cache only means the page is rendered again.
"""

import datetime
import hashlib
import math
import secrets
import time
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import localize

from .fragments import host_of
from .outage import cache_call
from .outage import safe_cache as cache
from .page_cache import scope_of, shareable

SECTIONS = ("site", "news", "meetings", "indicators", "documents")
# Pages that show a little of everything (home, search, site map) keep to all of them.
EVERYTHING = SECTIONS[1:]
SECTION_OF_APP = {
    "portal": "site",
    "communes": "site",  # names and host names, shown by the province page
    "news": "news",
    "meetings": "meetings",
    "indicators": "indicators",
    "documents": "documents",
}
KEEP_SECONDS = 24 * 3600
# How long a concurrent miss waits for the render already under way before doing its own.
RENDER_WAIT_SECONDS = 2
# A list's query fixed its "now" a moment before the next change was looked up: look from a
# little earlier, so a change falling in between is never missed (see portal.pagination).
SLACK = datetime.timedelta(seconds=5)


def _section_key(scope, section):
    return f"kept:section:{scope}:{section}"


def section_keys(app_label, scopes):
    """The token keys a save or delete in this app makes stale, in these scopes
    (portal.page_cache.changed_scopes): its section's. Forgotten, a token is drawn afresh
    on the next read, never one seen before."""
    section = SECTION_OF_APP.get(app_label)
    return [] if section is None else [_section_key(scope, section) for scope in scopes]


def section_versions(sections, scope):
    """The current token of each section in this scope, drawing one the cache forgot."""
    keys = [_section_key(scope, section) for section in sections]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(6), None)
            found[key] = cache.get(key) or "none"
    return ":".join(found[key] for key in keys)


def hole(request, name, value):
    """``value`` on an ordinary render; in a page being kept, a mark filled per request."""
    nonce = getattr(request, "_kept_nonce", None)
    return value if nonce is None else f"\x1f{nonce}:{name}\x1f"


def _next_midnight():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def _seconds_until(until):
    return max(1, min(KEEP_SECONDS, math.ceil((until - timezone.now()).total_seconds())))


def _filled(request, kept, holes, kwargs):
    """The kept body with this request's values in its holes (a feed or an export has none)."""
    if not kept["html"]:
        return kept["body"]
    html, nonce = kept["body"].decode(), kept["nonce"]
    values = _visit_holes(request) | {
        name: fill(request, **kwargs) for name, fill in (holes or {}).items()
    }
    for name, value in values.items():
        html = html.replace(f"\x1f{nonce}:{name}\x1f", localize(value))
    return html.encode()


def _fresh(kept):
    return kept if kept is not None and timezone.now() < kept["until"] else None


def _kept(response, nonce, until=None):
    return {
        "body": response.content,
        "html": response.get("Content-Type", "").startswith("text/html"),
        "nonce": nonce,
        "headers": [(h, v) for h, v in response.items() if h != "Content-Length"],
        "until": until,
    }


def _kept_response(request, kept, holes, kwargs):
    response = HttpResponse(_filled(request, kept, holes, kwargs))
    for header, value in kept["headers"]:
        response[header] = value
    # The same body for many visitors (the visit totals change once a minute): its packed
    # form is kept under the body's digest (portal.compression). Not for a page with a
    # counter of its own (an article's views), whose body changes on every view.
    response.made_ahead = not holes
    return response


def _wait_for_other_render(key):
    """Concurrent misses of one page render it once: the first takes a short lock, the
    others wait for its page (a cache that cannot be reached grants the lock to all)."""
    if cache_call("add", f"{key}:rendering", 1, RENDER_WAIT_SECONDS, default=True):
        return None
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = cache.get_many([key, f"{key}:rendering"])
        if _fresh(found.get(key)) or not found:
            return _fresh(found.get(key))  # kept, or the other render ended without it
    return None


def _visit_holes(request):
    from .context_processors import visit_totals

    return {f"visits-{period}": count for period, count in (visit_totals(request) or {}).items()}


def _read_with_totals(request, key):
    """The kept page, read with the visit totals its holes show (one round trip)."""
    from .context_processors import totals_key

    commune = getattr(request, "commune", None)
    if commune is None:
        return cache.get(key)
    totals = totals_key(commune)
    found = cache.get_many([key, totals])
    request._read_totals = {totals: found.get(totals)}
    return found.get(key)


def made_ahead(*sections, changes_at=None, holes=None, when_asked_again=False):
    """Keep the view's page per host, address and ``sections`` (plus "site": the layout).

    ``changes_at(since, commune)``: the next moment the page changes without a save, or None.
    ``holes``: {name: fill(request, **url_kwargs)} for values the view passes through
    ``hole()``, read again on every request.
    ``when_asked_again``: keep a page only from its second request on (a search: most are
    asked once, and would push the pages people read again out of the cache).
    """
    sections = ("site", *sections)
    assert all(section in SECTIONS for section in sections)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not (settings.PARTS_CACHE and settings.KEPT_PAGES and _keepable_request(request)):
                return view(request, *args, **kwargs)
            address = f"{request.scheme}://{host_of(request)}{request.get_full_path()}"
            digest = hashlib.blake2s(address.encode(), digest_size=16).hexdigest()
            # The day is part of the key as well as of "until": the date is read by many
            # parts (overdue directives, documents in force), never by the clock alone.
            day = timezone.localdate().isoformat()
            versions = section_versions(sections, scope_of(request))
            key = f"kept:page:{versions}:{day}:{digest}"
            kept = _fresh(_read_with_totals(request, key))
            if kept is not None:
                return _kept_response(request, kept, holes, kwargs)
            if when_asked_again and cache_call("add", f"{key}:asked", 1, KEEP_SECONDS):
                return view(request, *args, **kwargs)
            kept = _wait_for_other_render(key)
            if kept is not None:
                return _kept_response(request, kept, holes, kwargs)
            since = timezone.now() - SLACK
            nonce = request._kept_nonce = secrets.token_hex(8)
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if shareable(response, statuses=(200,)):
                    commune = getattr(request, "commune", None)
                    changes = changes_at and changes_at(since, commune)
                    until = min(filter(None, [_next_midnight(), changes]))
                    kept = _kept(response, nonce, until)
                    cache.set(key, kept, _seconds_until(until))
            finally:
                del request._kept_nonce  # an error page rendered after this has no holes
                cache.delete(f"{key}:rendering")
            if response.streaming:
                return response
            response.content = _filled(request, kept or _kept(response, nonce), holes, kwargs)
            return response

        return wrapper

    return decorate


def _keepable_request(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
