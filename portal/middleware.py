import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.urls import Resolver404, resolve

from . import counting
from .models import DailyVisits

logger = logging.getLogger(__name__)

VISIT_COOKIE = "md_visit"
VISIT_WINDOW_SECONDS = 30 * 60
# Feeds, exports and files for machines: not a person reading a page.
NOT_PAGES = (".xml", ".txt", ".ics", ".csv", ".json", ".xlsx", "/rss/")

# Public pages allow nothing inline. The admin's own templates and the rich-text editor
# set style attributes, so only there are inline styles allowed; scripts never are.
PUBLIC_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
ADMIN_POLICY = PUBLIC_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/quan-tri/"

    def __call__(self, request):
        response = self.get_response(request)
        policy = ADMIN_POLICY if request.path.startswith(self.admin_prefix) else PUBLIC_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


def is_page_view(request):
    """A GET for a public page by a person, not an asset, the admin, a feed or a robot."""
    if request.method != "GET":
        return False
    path = request.path
    skipped = (
        "/quan-tri/",
        "/healthz",
        "/tep/",
        "/" + settings.STATIC_URL,
        "/" + settings.MEDIA_URL,
    )
    if path.startswith(skipped) or path.endswith(NOT_PAGES):
        return False
    user_agent = request.headers.get("User-Agent", "").lower()
    return not any(bot in user_agent for bot in ("bot", "spider", "crawl", "preview"))


class VisitCounterMiddleware:
    """Counts site visits and per-object views before any page cache can answer.

    A visitor counts once per 30 minutes (a short-lived cookie set only on the counted
    response, so returning visitors cause no write and their pages stay cacheable).
    Views marked with ``counting.counts_views`` count once per visitor and object.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_page_view(request):
            return self.get_response(request)
        new_visit = VISIT_COOKIE not in request.COOKIES and self._count(DailyVisits.record)
        seen = self._count_object_view(request)
        response = self.get_response(request)
        if new_visit:
            response.set_cookie(
                VISIT_COOKIE, "1", max_age=VISIT_WINDOW_SECONDS, httponly=True, samesite="Lax"
            )
        if seen is not None:
            response.set_cookie(
                counting.SEEN_COOKIE,
                counting.write_seen(seen),
                max_age=counting.WINDOW_SECONDS,
                httponly=True,
                samesite="Lax",
            )
        return response

    def _count(self, record, *args, **kwargs):
        try:
            return record(*args, **kwargs)
        except DatabaseError:
            logger.warning("View not counted: database unavailable", exc_info=True)
            return 0

    def _count_object_view(self, request):
        """Count the object this URL shows; the updated 'seen' map, or None if unchanged."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        counter = getattr(match.func, "view_counter", None)
        if counter is None:
            return None
        now = int(time.time())
        seen = counting.read_seen(request.COOKIES.get(counting.SEEN_COOKIE), now)
        key = counting.object_key(match.view_name, match.kwargs)
        if key in seen or not self._count(counter, **match.kwargs):
            return None
        seen[key] = now
        return seen
