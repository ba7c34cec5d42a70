from communes.models import Commune


def first_commune():
    """The commune every install starts with (xã Minh Đức), where the tests' rows belong."""
    return Commune.objects.order_by("pk").first()


def serve_first_commune_at(settings, url):
    """The first commune's public address becomes ``url`` (SITE_URL and its primary host)."""
    from urllib.parse import urlsplit

    from communes.models import HostName

    settings.SITE_URL = url
    commune = first_commune()
    for host in commune.hosts.filter(is_primary=True):
        host.is_primary = False
        host.save()
    HostName.objects.create(name=urlsplit(url).hostname, commune=commune, is_primary=True)
