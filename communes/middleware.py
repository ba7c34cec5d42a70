from django.conf import settings
from django.db import DatabaseError
from django.http.request import validate_host

from portal import errors

from . import hosts

PROVINCE_URLCONF = "communes.province_urls"


class CommuneMiddleware:
    """Sets ``request.commune`` from the host name, before the page cache and the counters.

    A commune's host answers for that commune; the province's host gets the province's own
    pages (its URL conf); any other host gets the Vietnamese 404, except the health check on
    a name the settings list (a load balancer asking by address).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.commune = request.province = None
        name = hosts.host_name(request)
        if not name:  # not a host name at all
            return errors.bad_request(request)
        try:
            kind, found = hosts.lookup(name)
        except DatabaseError:
            # No database: the outage middleware answers 503 (or the page cache a kept page).
            return self.get_response(request)
        if kind == "commune":
            request.commune = found
        elif kind == "province":
            request.province = found
            request.urlconf = PROVINCE_URLCONF
        elif not (request.path == "/healthz" and validate_host(name, settings.ALLOWED_HOSTS)):
            return errors.page_not_found(request)
        return self.get_response(request)
