"""Login safety: the client's real address, the lock per address and the lock-out page.

django-axes locks one user name from one address after AXES_FAILURE_LIMIT failures. It has
a single limit, so the second lock (one address over every name, against robots that try
many names) is the handler below, counted the way axes counts its own.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """REMOTE_ADDR, or the nearest untrusted address in X-Forwarded-For behind a trusted proxy.

    Only a proxy listed in TRUSTED_PROXIES may speak for the client; the header is read
    from the right (the hops our own proxies appended) so a forged left part is ignored.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "")) or ""
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    hops = [_address(hop) for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        if hop is None:
            break
        if hop not in trusted:
            return hop
    return remote


def is_allow_listed(address):
    """Whether the address is in LOGIN_ADDRESS_ALLOWLIST (addresses or CIDR networks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(network, strict=False)
        for network in settings.LOGIN_ADDRESS_ALLOWLIST
    )


def lock_ends(attempts, limit, cool_off):
    """When the failures still counted fall below ``limit``; None when they already have.

    An attempt row counts its failures until its latest failure is older than the cool-off
    (axes' rule), so the lock ends when the row that brought the newest ones up to the
    limit expires.
    """
    counted = 0
    newest_first = attempts.order_by("-attempt_time").values_list(
        "failures_since_start", "attempt_time"
    )
    for failures, attempt_time in newest_first[:limit]:  # each row holds one failure or more
        counted += failures
        if counted >= limit:
            return attempt_time + cool_off
    return None


def recent_attempts(request):
    """The attempts from this request's address that axes still counts."""
    threshold = request.axes_attempt_time - get_cool_off(request)
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=threshold
    )


def address_lock_ends(request):
    if is_allow_listed(request.axes_ip_address):
        return None
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    return lock_ends(recent_attempts(request), limit, get_cool_off(request))


def name_lock_ends(request, credentials):
    attempts = recent_attempts(request).filter(username=get_client_username(request, credentials))
    return lock_ends(attempts, settings.AXES_FAILURE_LIMIT, get_cool_off(request))


class LoginAttemptsHandler(AxesDatabaseHandler):
    """axes' lock per user name + address, and a lock per address over every name."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or address_lock_ends(request) is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # axes answers the failure that reaches its limit with the lock-out page; so here.
        if request is not None and not request.axes_locked_out and address_lock_ends(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out official sees: in Vietnamese, until when, never cached."""
    by_name = name_lock_ends(request, credentials)
    by_address = address_lock_ends(request)
    ends = [end for end in (by_name, by_address) if end is not None]
    context = admin.site.each_context(request) | {
        "title": "Tạm khóa đăng nhập",
        "locked_until": max(ends, default=None),
        "by_address": by_address is not None and (by_name is None or by_address > by_name),
        "name_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "minutes": int(get_cool_off(request).total_seconds() // 60),
        "login_url": reverse("admin:login"),
    }
    # Returned from middleware, after the view: rendered now, not lazily.
    response = render(request, "staff/lockout.html", context, status=429)
    add_never_cache_headers(response)
    return response
