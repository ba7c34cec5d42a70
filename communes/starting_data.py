"""The first commune every install has (the one a single-commune install always served)."""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings

from portal.text import slugify_vi

FIRST_COMMUNE_NAME = "xã Minh Đức"


def first_commune_hosts():
    """SITE_URL's host name (the primary one), then FIRST_COMMUNE_HOSTS, without repeats."""
    names = [urlsplit(settings.SITE_URL).hostname or "", *settings.FIRST_COMMUNE_HOSTS]
    return list(dict.fromkeys(name.lower() for name in names if name))


def commune_slug(name):
    """'xã Minh Đức' → 'minh-duc'."""
    slug = slugify_vi(name)
    return slug.removeprefix("xa-") or "xa"


def make_first_commune(apps, using, name):
    """The first commune with its host names (those no other row holds yet)."""
    Commune = apps.get_model("communes", "Commune")
    HostName = apps.get_model("communes", "HostName")
    commune = Commune.objects.using(using).create(name=name, slug=commune_slug(name))
    taken = set(HostName.objects.using(using).values_list("name", flat=True))
    names = [host for host in first_commune_hosts() if host not in taken]
    HostName.objects.using(using).bulk_create(
        HostName(name=host, commune=commune, is_primary=index == 0)
        for index, host in enumerate(names)
    )
    return commune


def create_first_commune(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    Commune = apps.get_model("communes", "Commune")
    if not Commune.objects.using(using).exists():
        make_first_commune(apps, using, FIRST_COMMUNE_NAME)
