"""What the portal does while the database or the cache cannot be reached.

Without the database every page that needs it answers a Vietnamese 503 with Retry-After
(pages already in the page cache are still served); without the cache pages are served
uncached. Either way the log gets one warning when the outage starts and one when it ends,
not a traceback per request.
"""

import logging
import pickle
import secrets
import sys
import zlib

from django import db
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# A server that is down, refuses connections or drops them; not a bug in a query.
DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_ERRORS = (RedisError, OSError, EOFError, pickle.UnpicklingError, zlib.error)
OUTAGE_KEY = "outage:database"


class Dependency:
    """Logs one warning when a dependency starts failing and one when it answers again.

    ``failing`` is per process and only dedupes log lines: whether a dependency works is
    decided by each request's own call to it, never by this flag. With ``shared``, the
    processes also agree through the cache, so several workers log an outage once.
    """

    def __init__(self, name, shared=False):
        self.name = name
        self.shared = shared
        self.failing = False

    def failed(self, error):
        if self.failing:
            return
        self.failing = True
        first = not self.shared or cache_call("add", OUTAGE_KEY, 1, timeout=86400, default=True)
        if first:
            reason = " ".join(str(error).split()) or type(error).__name__
            logger.warning("Mất kết nối %s: %s", self.name, reason)

    def answered(self):
        if not self.failing:
            return
        self.failing = False
        last = cache_call("delete", OUTAGE_KEY, default=True) if self.shared else True
        if last:
            logger.warning("Đã kết nối lại %s", self.name)


database = Dependency("cơ sở dữ liệu", shared=True)
page_store = Dependency("bộ nhớ đệm")


def cache_call(method, *args, default=None, **kwargs):
    """``cache.<method>(...)``, or ``default`` when the cache cannot be reached."""
    try:
        result = getattr(cache, method)(*args, **kwargs)
    except CACHE_ERRORS as error:
        page_store.failed(error)
        return default
    page_store.answered()
    return result


# What a call returns when the cache cannot be reached: a miss, never an error.
UNREACHABLE = {"get_many": {}, "add": False, "has_key": False}


class SafeCache:
    """The shared cache for the parts made ahead of pages (fragments, page indexes, the
    layout's data, sitemaps, compressed bodies): a cache that cannot be reached is a miss,
    so the page is made from the database instead of failing."""

    def __getattr__(self, method):
        def call(*args, **kwargs):
            return cache_call(method, *args, default=UNREACHABLE.get(method), **kwargs)

        return call


safe_cache = SafeCache()


def database_answers(probe=False):
    """Whether the database answers now; reconnects after an outage without a restart.

    Without ``probe`` this costs no query: it is the check Django makes anyway before a
    request's first query (CONN_HEALTH_CHECKS), which closes a connection the server
    dropped, then a new connection is opened. Only a probe, a new connection or a counted
    visit ends an outage: an open connection alone does not prove that queries work.
    """
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        if probe:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
    except DATABASE_ERRORS as error:
        database.failed(error)
        return False
    if probe:
        database.answered()
    return True


def connected(sender, **kwargs):
    database.answered()


def connect_signals():
    connection_created.connect(connected, dispatch_uid="outage-connected")


def cache_works():
    """Whether the cache stores and returns a value now."""
    # A key of its own: hosts probing at once must not read each other's value.
    key = f"outage:probe:{secrets.token_hex(8)}"
    cache_call("set", key, 1, timeout=10)
    works = cache_call("get", key) == 1
    cache_call("delete", key)
    return works


def unavailable_response():
    """The 503 page: rendered with no request, so no context processor reads the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # The outage is logged once by `database`; Django would log every 503 again.
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    """Answers 503 before any view, session or login runs when the database is down.

    After the page cache, so cached pages are still served. The health check reports the
    outage itself, and uploaded files need no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        exempt = request.path == "/healthz" or request.path.startswith("/" + settings.MEDIA_URL)
        if not exempt and not database_answers():
            return unavailable_response()
        return self.get_response(request)


def server_error(request):
    """handler500: a database lost in the middle of a request is an outage, not a bug."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS) or (isinstance(error, db.Error) and _connection_lost()):
        database.failed(error)
        return unavailable_response()
    return defaults.server_error(request)


def _connection_lost():
    """A server stopping mid-query can surface as another database error (seen under load);
    what makes it an outage is that the connection no longer works."""
    try:
        return connection.connection is not None and not connection.is_usable()
    except Exception:  # the check itself failed: the connection is gone
        return True
