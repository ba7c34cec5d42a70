"""Adding a commune to the install: its identity, host names and starting data at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commune, HostName
from .starting_data import commune_slug


def create_commune(name, hosts, slug=None):
    """A new commune answering on ``hosts`` (the first is its primary address), with the
    starting data every commune has: its identity, its news categories, its search entries
    for the shared indicator catalogue. Raises ValidationError with a Vietnamese message."""
    name = " ".join(name.split())
    if not name or not hosts:
        raise ValidationError(_("Cần tên xã và ít nhất một tên miền."))
    commune = Commune(name=name, slug=slug or commune_slug(name))
    commune.full_clean()
    rows = [
        HostName(name=host.strip().lower(), is_primary=index == 0)
        for index, host in enumerate(hosts)
    ]
    with transaction.atomic():
        commune.save()
        for row in rows:
            row.commune = commune
            row.full_clean()
            row.save()
        give_starting_data(commune)
    return commune


def give_starting_data(commune):
    """What every commune starts with (made idempotently, as after each migrate)."""
    from indicators.models import Indicator
    from news.starting_data import create_categories
    from portal import search
    from portal.starting_data import create_site_identity

    create_site_identity()
    create_categories()
    for indicator in Indicator.objects.all():
        search.index(indicator)
