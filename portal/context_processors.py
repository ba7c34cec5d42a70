import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import counting, outage
from .fragments import host_of, request_content_version
from .kept_pages import hole
from .models import DailyVisits, SiteIdentity
from .outage import safe_cache as cache

logger = logging.getLogger(__name__)

# The footer's totals may lag this long; the visits themselves are counted exactly.
TOTALS_SECONDS = 60


def site(request):
    """Site identity and visit counts for the layout; an outage leaves them out, not a 500.

    Both come from the shared cache: the identity once per content version, the totals once
    a minute, so a page makes no query for them. A page being kept (portal.kept_pages) gets
    holes for the totals, filled on every request.
    """
    try:
        identity, visits = layout_data(request)
    except DatabaseError as error:
        _layout_failed(error)
        return {"site": None, "visits": None, "site_url": settings.SITE_URL}
    if getattr(request, "_kept_nonce", None):
        visits = {period: hole(request, f"visits-{period}", 0) for period in visits}
    else:
        visits = _shown_totals(request, identity, visits)
    return {"site": identity, "visits": visits, "site_url": settings.SITE_URL}


def visit_totals(request):
    """The footer's totals as this request shows them, or None in an outage."""
    try:
        identity, visits = layout_data(request)
    except DatabaseError as error:
        _layout_failed(error)
        return None
    return _shown_totals(request, identity, visits)


def _shown_totals(request, identity, visits):
    if identity:
        visits = {**visits, "total": visits["total"] + identity.visits_before_launch}
    # This request's own visit is written once it is answered; show it already.
    return {period: count + counting.pending(request, "visit") for period, count in visits.items()}


def _layout_failed(error):
    if isinstance(error, outage.DATABASE_ERRORS):
        outage.database.failed(error)  # one warning per outage, not a traceback per page
    else:
        logger.warning("Layout rendered without database data", exc_info=True)


def layout_data(request):
    if not settings.PARTS_CACHE:
        return SiteIdentity.current(), DailyVisits.objects.totals()
    today = timezone.localdate()
    host = host_of(request)
    identity_key = f"layout:identity:{host}:{request_content_version(request)}"
    totals_key = f"layout:visits:{host}:{today.isoformat()}"
    found = cache.get_many([identity_key, totals_key])
    if identity_key not in found:
        # Kept in a tuple: "no identity record" is an answer worth keeping too.
        found[identity_key] = (SiteIdentity.current(),)
        cache.set(identity_key, found[identity_key], 24 * 3600)
    if totals_key not in found:
        found[totals_key] = DailyVisits.objects.totals(today)
        cache.set(totals_key, found[totals_key], TOTALS_SECONDS)
    return found[identity_key][0], found[totals_key]
