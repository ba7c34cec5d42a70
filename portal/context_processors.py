import logging

from django.conf import settings
from django.db import DatabaseError

from . import counting
from .models import DailyVisits, SiteIdentity

logger = logging.getLogger(__name__)


def site(request):
    """Site identity and visit counts for the layout; an outage leaves them out, not a 500."""
    try:
        identity = SiteIdentity.current()
        visits = DailyVisits.objects.totals()
    except DatabaseError:
        logger.warning("Layout rendered without database data", exc_info=True)
        return {"site": None, "visits": None, "site_url": settings.SITE_URL}
    if identity:
        visits["total"] += identity.visits_before_launch
    # This request's own visit is written once it is answered; show it already.
    visits = {
        period: count + counting.pending(request, "visit") for period, count in visits.items()
    }
    return {"site": identity, "visits": visits, "site_url": settings.SITE_URL}
