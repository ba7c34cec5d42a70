"""Which commune (or the province) a host name serves, read from data through the shared cache.

Every request asks once: the answer is kept in the shared cache under the host name and
dropped whenever a commune, its identity or a host name is saved or deleted, so a new
commune answers on every worker at once, without a restart. Nothing is kept in a process.
"""

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port

from portal.outage import safe_cache as cache

SECONDS = 24 * 3600
ALL_HOSTS_KEY = "communes:all-hosts"


def host_key(name):
    return f"communes:host:{name}"


def host_name(request):
    """The host name the request asks for, lower-case and without its port ("" if malformed)."""
    domain, _port = split_domain_port(request._get_raw_host())
    return domain


def lookup(name):
    """("commune", Commune) · ("province", Province) · (None, None) for a host name."""
    key = host_key(name)
    found = cache.get(key)
    if found is None:
        found = _from_database(name)
        cache.set(key, found, SECONDS)
    return found


def _from_database(name):
    """One query: the host, its commune with the identity and primary host, or its province."""
    from .models import HostName

    host = HostName.objects.for_lookup().filter(name=name).first()
    if host is None:
        return (None, None)
    if host.province_id:
        return ("province", host.province)
    commune = host.commune
    commune.primary_host = host.commune_primary_host or ""
    return ("commune", commune)


def all_host_names():
    """Every commune's and the province's host names (ALLOWED_HOSTS reads them)."""
    names = cache.get(ALL_HOSTS_KEY)
    if names is None:
        from .models import HostName

        names = list(HostName.objects.values_list("name", flat=True))
        cache.set(ALL_HOSTS_KEY, names, SECONDS)
    return names


def forget(names):
    cache.delete_many([ALL_HOSTS_KEY, *(host_key(name) for name in names)])


def forget_host(sender, instance, **kwargs):
    forget({instance.name, instance._saved_name})
    instance._saved_name = instance.name


def forget_commune(sender, instance, **kwargs):
    from .models import HostName

    commune_id = getattr(instance, "commune_id", instance.pk)
    forget(HostName.objects.filter(commune_id=commune_id).values_list("name", flat=True))


def forget_province(sender, instance, **kwargs):
    from .models import HostName

    forget(HostName.objects.filter(province__isnull=False).values_list("name", flat=True))


def connect_signals():
    from portal.models import SiteIdentity

    from .models import Commune, HostName, Province

    for signal in (post_save, post_delete):
        signal.connect(forget_host, sender=HostName, dispatch_uid=f"hosts-{signal}")
        signal.connect(forget_commune, sender=Commune, dispatch_uid=f"communes-{signal}")
        signal.connect(forget_commune, sender=SiteIdentity, dispatch_uid=f"identity-{signal}")
        signal.connect(forget_province, sender=Province, dispatch_uid=f"province-{signal}")
