"""Login safety: the client's real address and the Vietnamese lock-out page."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
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


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out official sees: in Vietnamese, never cached."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    # Returned from middleware, after the view: rendered now, not lazily.
    response = render(
        request,
        "staff/lockout.html",
        {
            "title": "Tạm khóa đăng nhập",
            "minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "site_header": "Quản trị cổng thông tin",
        },
        status=429,
    )
    add_never_cache_headers(response)
    return response
