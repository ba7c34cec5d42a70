"""The facts the privacy page states, read from the settings that make them true."""

from axes.conf import settings as axes_settings
from django.conf import settings

from portal import counting
from portal.middleware import VISIT_COOKIE, VISIT_WINDOW_SECONDS


def duration(seconds):
    """A lifetime in Vietnamese words: 1800 → "30 phút", 28800 → "8 giờ"."""
    seconds = int(seconds)
    for unit, name in ((86400, "ngày"), (3600, "giờ"), (60, "phút")):
        if seconds >= unit and seconds % unit == 0:
            return f"{seconds // unit} {name}"
    return f"{seconds} giây"


def privacy_facts():
    return {
        "visit_cookie": VISIT_COOKIE,
        "visit_window": duration(VISIT_WINDOW_SECONDS),
        "seen_cookie": counting.SEEN_COOKIE,
        "seen_window": duration(counting.WINDOW_SECONDS),
        "seen_max": counting.MAX_REMEMBERED,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_age": duration(settings.SESSION_COOKIE_AGE),
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_age": duration(settings.CSRF_COOKIE_AGE),
        "cool_off": duration(settings.AXES_COOLOFF_TIME.total_seconds()),
        "name_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "logs_logins": not axes_settings.AXES_DISABLE_ACCESS_LOG,
        "logs_failures": axes_settings.AXES_ENABLE_ACCESS_FAILURE_LOG,
    }
