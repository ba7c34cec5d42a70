import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import counting, outage
from .kept_pages import hole
from .models import DailyVisits
from .outage import safe_cache as cache
from .site_url import base_url

logger = logging.getLogger(__name__)

# The footer's totals may lag this long; the visits themselves are counted exactly.
TOTALS_SECONDS = 60


def site(request):
    """The commune's identity and visit counts for the layout; an outage leaves them out.

    The identity comes with the request's commune (communes.hosts), the totals from the
    shared cache once a minute, so a page makes no query for them. A page being kept
    (portal.kept_pages) gets holes for the totals, filled on every request.
    """
    commune = getattr(request, "commune", None)
    site_url = base_url(request)
    if commune is None:  # an unknown host's 404 page
        return {"site": None, "visits": None, "site_url": site_url}
    try:
        identity, visits = layout_data(request, commune)
    except DatabaseError as error:
        _layout_failed(error)
        return {"site": None, "visits": None, "site_url": site_url}
    if getattr(request, "_kept_nonce", None):
        visits = {period: hole(request, f"visits-{period}", 0) for period in visits}
    else:
        visits = _shown_totals(request, identity, visits)
    return {"site": identity, "visits": visits, "site_url": site_url}


def visit_totals(request):
    """The footer's totals as this request shows them, or None in an outage."""
    commune = getattr(request, "commune", None)
    if commune is None:
        return None
    try:
        identity, visits = layout_data(request, commune)
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


def layout_data(request, commune):
    identity = getattr(commune, "identity", None)  # loaded with the commune
    visits = DailyVisits.objects.for_commune(commune)
    if not settings.PARTS_CACHE:
        return identity, visits.totals()
    today = timezone.localdate()
    key = totals_key(commune, today)
    # A kept page reads them with its own page (portal.kept_pages): one round trip, not two.
    totals = getattr(request, "_read_totals", {}).get(key) or cache.get(key)
    if totals is None:
        totals = visits.totals(today)
        cache.set(key, totals, TOTALS_SECONDS)
    return identity, totals


def totals_key(commune, today=None):
    """The shared cache's key of a commune's visit totals for the day."""
    return f"layout:visits:{commune.pk}:{(today or timezone.localdate()).isoformat()}"
