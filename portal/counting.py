"""Per-object view counters that run in middleware, outside any page cache.

A view opts in with ``@counts_views(counter)``; ``counter(**url_kwargs)`` performs the
UPDATE in the database and returns the number of rows it changed. It runs once the answer
is known to be a page, so the page adds ``pending(request, "view")`` to what it shows.
A visitor's recent views are kept in one cookie, so each object counts once per visitor
per 30 minutes.
"""

import hashlib
import time

SEEN_COOKIE = "md_seen"
WINDOW_SECONDS = 30 * 60
MAX_REMEMBERED = 40


def expect(request, visit, view):
    """Note what this request counts once it is answered as a page (see the middleware)."""
    request.pending_counts = {"visit": int(visit), "view": int(view)}


def pending(request, what):
    """1 when this request will count a "visit" or a "view"; pages show it already."""
    return getattr(request, "pending_counts", {}).get(what, 0)


def not_a_page(request):
    """An error page is not counted: it must not show its own visit either."""
    request.pending_counts = {}


def counts_views(counter):
    def decorate(view):
        view.view_counter = counter
        return view

    return decorate


def object_key(view_name, kwargs):
    raw = view_name + "|" + "|".join(f"{k}={v}" for k, v in sorted(kwargs.items()))
    return hashlib.blake2s(raw.encode(), digest_size=5).hexdigest()


def read_seen(cookie_value, now=None):
    """The cookie's keys still inside the window, as {key: timestamp}."""
    now = now or int(time.time())
    seen = {}
    for item in (cookie_value or "").split("."):
        key, _, stamp = item.partition("-")
        if stamp.isdigit() and now - int(stamp) < WINDOW_SECONDS and len(key) == 10:
            seen[key] = int(stamp)
    return seen


def write_seen(seen):
    newest = sorted(seen.items(), key=lambda item: item[1])[-MAX_REMEMBERED:]
    return ".".join(f"{key}-{stamp}" for key, stamp in newest)
