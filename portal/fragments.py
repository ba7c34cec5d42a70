"""Parts of pages made ahead: rendered HTML kept per version of what it shows.

``{% fragment obj "name" dep1 dep2 daily=True %}…{% endfragment %}`` (``{% load fragments %}``)
renders its body once and keeps the HTML in the shared cache under a key made of:

- the host name, so one install can serve several sites;
- the content version of the host's commune (portal.page_cache), which every save or
  delete of its content (or of shared rows) bumps: an edit anywhere (a renamed category, a
  new progress note) is never shown stale, and another commune's edit costs nothing;
- the fragment's name and the version of each object it shows: model instances count by
  label, pk and ``updated_at`` when they have one, any other value (a flag such as
  ``show_category``) by its text;
- with ``daily=True``, today's local date, for parts that read the date (a directive turns
  overdue at midnight). Whether a row is in a list at all (a scheduled publish, an expiry)
  is the list query's business, not the fragment's.

An empty or evicted cache only means the body is rendered again. Keep out of a fragment
anything that depends on the request (the user, a CSRF token, the current path).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import models
from django.utils import timezone

from .outage import safe_cache as cache
from .page_cache import content_version, scope_of

SECONDS = 24 * 3600


def host_of(request):
    """The request's host name; "" when it is not one of ours (its 400 page has a layout)."""
    try:
        return request.get_host()
    except DisallowedHost:
        return ""


def version_of(value):
    if isinstance(value, models.Model):
        stamp = getattr(value, "updated_at", None)
        return f"{value._meta.label_lower}:{value.pk}:{stamp.timestamp() if stamp else ''}"
    return repr(value)


def request_content_version(request):
    """The content version of the request's commune, read once per request (kept on the
    request, never the process); without a request, the one every change bumps."""
    if request is None:
        return content_version()
    if not hasattr(request, "_content_version"):
        request._content_version = content_version(scope_of(request))
    return request._content_version


def fragment_key(name, parts, request=None, daily=False):
    raw = "|".join(version_of(part) for part in parts)
    if daily:
        raw += "|" + timezone.localdate().isoformat()
    digest = hashlib.blake2s(raw.encode(), digest_size=16).hexdigest()
    host = host_of(request) if request is not None else ""
    return f"fragment:{host}:{request_content_version(request)}:{name}:{digest}"


def render_fragment(name, parts, render, request=None, daily=False):
    """The kept HTML for this key, or ``render()``'s, kept for next time."""
    if not settings.PARTS_CACHE:
        return render()
    key = fragment_key(name, parts, request, daily)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, SECONDS)
    return html


def kept_value(name, compute, request=None, daily=False):
    """A value made ahead the same way (e.g. the years a filter offers): ``compute()`` once
    per content version and host. Kept in a tuple, so None and [] are answers too."""
    if not settings.PARTS_CACHE:
        return compute()
    key = fragment_key(name, [], request, daily)
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, SECONDS)
    return found[0]
