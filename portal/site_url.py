"""Absolute addresses on the portal's public base URL (SITE_URL), never on the request's host.

Feeds, the sitemap, calendars, exports and sharing tags all travel away from the page that
made them, so they name the portal by its public address, behind any proxy or port.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    """'/tin-tuc/' → 'https://bcd.minhduc.gov.vn/tin-tuc/'."""
    return settings.SITE_URL + path


def scheme_and_domain():
    """('https', 'bcd.minhduc.gov.vn')."""
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc
