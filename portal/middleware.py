import logging
import time

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError
from django.urls import Resolver404, resolve

from . import counting, outage
from .models import DailyVisits

logger = logging.getLogger(__name__)

VISIT_COOKIE = "md_visit"
VISIT_WINDOW_SECONDS = 30 * 60
# Feeds, exports and files for machines: not a person reading a page.
NOT_PAGES = (".xml", ".txt", ".ics", ".csv", ".json", ".xlsx", "/rss/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), with inline styles in the admin.

    Public pages allow nothing inline. The admin's own templates and the rich-text editor
    set style attributes, so only there are inline styles allowed; scripts never are.
    """

    admin_prefix = "/quan-tri/"
    admin_update = {"style-src": [UNSAFE_INLINE]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.admin_prefix):
            parts.update = {**self.admin_update, **(parts.update or {})}
        return parts


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


def is_page(response):
    """Only a page was read: a 200 HTML answer (not an error, a redirect or a file)."""
    content_type = response.get("Content-Type", "")
    return response.status_code == 200 and content_type.startswith("text/html")


class VisitCounterMiddleware:
    """Counts site visits and per-object views, outside any page cache.

    The count is written once the answer is known to be a page, so a page served from the
    cache counts too while a 404, a redirect or an export does not. The page itself already
    shows the counts including this request (``counting.pending``).
    A visitor counts once per 30 minutes (a short-lived cookie set only on the counted
    response, so returning visitors cause no write and their pages stay cacheable).
    Views marked with ``counting.counts_views`` count once per visitor and object.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visits are a commune's: the province's pages and unknown hosts count none.
        if not is_page_view(request) or getattr(request, "commune", None) is None:
            return self.get_response(request)
        new_visit = VISIT_COOKIE not in request.COOKIES
        object_view = self._object_view(request)
        counting.expect(request, visit=new_visit, view=object_view is not None)
        response = self.get_response(request)
        if not is_page(response):
            return response
        if new_visit and self._count(DailyVisits.record, commune=request.commune):
            response.set_cookie(
                VISIT_COOKIE,
                "1",
                max_age=VISIT_WINDOW_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        if object_view is not None:
            counter, kwargs, seen, key = object_view
            if self._count(counter, commune=request.commune, **kwargs):
                seen[key] = int(time.time())
                response.set_cookie(
                    counting.SEEN_COOKIE,
                    counting.write_seen(seen),
                    max_age=counting.WINDOW_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    def _count(self, record, *args, **kwargs):
        try:
            counted = record(*args, **kwargs)
        except outage.DATABASE_ERRORS as error:
            outage.database.failed(error)  # one warning per outage, not one per visit
            return 0
        except DatabaseError:
            logger.warning("View not counted: database error", exc_info=True)
            return 0
        outage.database.answered()
        return counted

    def _object_view(self, request):
        """(counter, URL kwargs, seen map, key) when this URL shows an object not yet seen."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        counter = getattr(match.func, "view_counter", None)
        if counter is None:
            return None
        seen = counting.read_seen(request.COOKIES.get(counting.SEEN_COOKIE), int(time.time()))
        key = counting.object_key(match.view_name, match.kwargs)
        if key in seen:
            return None
        return counter, match.kwargs, seen, key
