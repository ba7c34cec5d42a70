import logging

from django.conf import settings
from django.db import DatabaseError

from .models import DailyVisits

logger = logging.getLogger(__name__)

VISIT_COOKIE = "md_visit"
VISIT_WINDOW_SECONDS = 30 * 60

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


def is_countable(request):
    """A page view by a person: a GET for an HTML page outside the admin and assets."""
    if request.method != "GET" or VISIT_COOKIE in request.COOKIES:
        return False
    path = request.path
    skipped = ("/quan-tri/", "/healthz", "/" + settings.STATIC_URL, "/" + settings.MEDIA_URL)
    if path.startswith(skipped) or path.endswith((".xml", ".txt", ".ics", ".csv", ".json")):
        return False
    user_agent = request.headers.get("User-Agent", "").lower()
    return not any(bot in user_agent for bot in ("bot", "spider", "crawl", "preview"))


class VisitCounterMiddleware:
    """Counts a visitor once per 30 minutes, marking them with a short-lived cookie.

    Sits before any page cache, so cached pages are counted too. Only a first visit gets
    the cookie, so returning visitors cause no write and their responses stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = is_countable(request)
        if count:
            try:
                DailyVisits.record()
            except DatabaseError:
                logger.warning("Visit not counted: database unavailable", exc_info=True)
                count = False
        response = self.get_response(request)
        if count:
            response.set_cookie(
                VISIT_COOKIE,
                "1",
                max_age=VISIT_WINDOW_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
