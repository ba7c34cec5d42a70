"""Absolute addresses on a commune's public base URL, never on the request's host.

Feeds, the sitemap, calendars, exports and sharing tags all travel away from the page that
made them, so they name the portal by its public address, behind any proxy or port: the
commune's own (SITE_URL's scheme and port on its primary host name), or SITE_URL itself
where no commune is known.
"""

import copy
from urllib.parse import urlsplit

from django.conf import settings


def base_url(request=None, commune=None):
    """'https://bcd.minhduc.gov.vn' for the request's (or the given) commune."""
    commune = commune or getattr(request, "commune", None)
    return commune.site_url if commune else settings.SITE_URL


def absolute(path, request=None, commune=None):
    """'/tin-tuc/' → 'https://bcd.minhduc.gov.vn/tin-tuc/'."""
    return base_url(request, commune) + path


def scheme_and_domain(request=None, commune=None):
    """('https', 'bcd.minhduc.gov.vn')."""
    parts = urlsplit(base_url(request, commune))
    return parts.scheme, parts.netloc


class PerCommuneFeed:
    """A syndication feed answering for the request's commune (``self.commune``).

    Django keeps one feed object per URL for every request: each request gets its own copy,
    so no commune is ever kept on the shared one.
    """

    commune = None

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.commune = request.commune
        return super(PerCommuneFeed, feed).__call__(request, *args, **kwargs)
