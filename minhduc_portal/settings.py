"""Settings for the Minh Đức portal, read from the environment (see .env.example).

Two modes: local (the default: SQLite, a generated secret key) and production
(PORTAL_ENV=production), which refuses to start without a real key and host names.
"""

import ipaddress
import os
import secrets
import sys
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from communes.allowed_hosts import AllowedHosts

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

PRODUCTION = env.str("PORTAL_ENV", default="local") == "production"
DEBUG = env.bool("DEBUG", default=False)


def _fail(message):
    """Stop with one readable line instead of a traceback."""
    sys.exit(f"Lỗi cấu hình: {message}")


def _local_secret_key():
    """Generate a key on first local run and keep it in a git-ignored file."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Created owner-only, so the key is never readable by others, not even for a moment.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _weak_secret_key(key):
    """The test of Django's security.W009: too short, too repetitive or a development key."""
    return (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if PRODUCTION:
    if DEBUG:
        _fail("PORTAL_ENV=production không chạy với DEBUG=true (trang lỗi sẽ lộ cấu hình).")
    if _weak_secret_key(SECRET_KEY):
        _fail(
            "PORTAL_ENV=production cần SECRET_KEY thật (ít nhất 50 ký tự ngẫu nhiên, "
            "không lặp lại, không bắt đầu bằng django-insecure-)."
        )
    if not ALLOWED_HOSTS:
        _fail("PORTAL_ENV=production cần ALLOWED_HOSTS (tên miền của cổng).")
else:
    SECRET_KEY = SECRET_KEY or _local_secret_key()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Besides the names above, every commune's and the province's host names, read from the data
# (communes.HostName): a commune added later is served without a restart. A form posted on
# one of them passes the CSRF check as same-origin, so CSRF_TRUSTED_ORIGINS only needs other
# origins (a proxy rewriting the host).
ALLOWED_HOSTS = AllowedHosts(ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The first commune's public address; each commune's own is SITE_URL's scheme and port on the
# commune's primary host name (communes.Commune.site_url).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The names the first commune answers on besides SITE_URL's, set when an install is created or
# upgraded to many communes.
FIRST_COMMUNE_HOSTS = env.list("FIRST_COMMUNE_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # First: its post_migrate handler makes the first commune the other apps' data joins.
    "communes",
    "meetings",
    "news",
    "indicators",
    "documents",
    # After the apps: its post_migrate handlers index what their starting data created.
    "portal",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "django.contrib.postgres",
    "django_prose_editor",
    "simple_history",
    "axes",
    # Last: its post_migrate handler builds the roles from every app's permissions.
    "staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # request.commune from the host name (an unknown host gets the 404), before the counter
    # and the page cache, which both work per commune.
    "communes.middleware.CommuneMiddleware",
    # brotli or gzip for pages made here; the page cache keeps its pages packed already
    # (portal.compression). Static files come precompressed.
    "portal.compression.CompressionMiddleware",
    # Around the page cache, so cached pages count too; counts only 200 HTML pages.
    "portal.middleware.VisitCounterMiddleware",
    # Anonymous pages from the shared cache; after the counter, before sessions.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # Without a database, a Vietnamese 503 before any session, login or view needs it.
    "portal.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read a body: refuses an oversized one from its Content-Length
    # (nothing above reads it, so no byte of it has been received yet).
    "portal.request_limit.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change; reads request.user only when something is saved.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lock-out into the Vietnamese lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "minhduc_portal.urls"
WSGI_APPLICATION = "minhduc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file in var/ unless DATABASE_URL says otherwise.
try:
    DATABASES = {
        "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    }
except (ImproperlyConfigured, ValueError) as exc:
    _fail(f"DATABASE_URL không hợp lệ ({exc}).")
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    _fail("DATABASE_URL phải bắt đầu bằng sqlite:/// hoặc postgres://.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so
    # concurrent gunicorn workers wait (up to the timeout) instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long an anonymous visitor's page may be served from the cache (0: never). Any content
# save empties it at once; only a scheduled publish waits up to this long.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
CACHES = {
    "default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"),
}
# django-environ leaves "?key_prefix=" of CACHE_URL in lower case, where Django never reads it.
if "key_prefix" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = CACHES["default"].pop("key_prefix")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "portal.redis_cache.RedisCache"
    # A cache that stops answering must not hold pages up: they are served without it.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)
else:
    # Django's default of 300 entries holds the pages and parts of a few dozen articles; the
    # file cache lists its folder on each write beyond that, so it stays in the thousands.
    # Redis is sized by its own maxmemory (docs/van-hanh.md).
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=5000)
    )
# Parts made ahead (portal.fragments, portal.pagination, the layout's data) are kept in the
# shared cache; false renders them on every request, as the benchmark's "cold" state does.
PARTS_CACHE = env.bool("PARTS_CACHE", default=True)
# The outermost part: whole public pages with holes for the counters (portal.kept_pages).
KEPT_PAGES = env.bool("KEPT_PAGES", default=True)
# scripts/bench.py only: a URL answering a fixed string through the whole middleware stack.
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    # Django's list of common passwords and a Vietnamese one (staff/common_passwords_vi.txt).
    {"NAME": "staff.passwords.CommonVietnamesePasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["minhduc_portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Where sao_luu writes archives by default, and khoi_phuc its safety copy (docs/van-hanh.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
# Production serves MEDIA_ROOT from the web server in front of gunicorn (see README).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
# Files the public may not always see (portal.media): served only through a view that asks
# their owner; with MEDIA_ACCEL_REDIRECT nginx sends them from an internal location.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private-media")
MEDIA_ACCEL_REDIRECT = env.bool("MEDIA_ACCEL_REDIRECT", default=False)
PRIVATE_FILE_FINDERS = ["news.files.find", "meetings.files.find"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# A request body larger than this is refused with a 413 before it is read; one file is at
# most 20 MB (portal.uploads), so a save can carry a file and the rest of its form.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "portal.request_limit.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SESSION_ENGINE = "portal.sessions"  # database sessions; a malformed cookie is no session
SESSION_COOKIE_HTTPONLY = True
# Only staff have sessions (public pages never touch them). A working day of inactivity
# ends one: the cookie's age restarts on every request. Empty sessions are never saved,
# so anonymous visitors still get no cookie.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
# Every cookie (these two, the messages and the visit counter's) is HTTPS-only in production.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Off only behind a proxy that answers plain HTTP with its own redirect.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer's health check may come over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS preload binds the whole registered domain and every sub-domain to HTTPS for months and
# is hard to undo; that is for the domain's owner to decide, not for one site on it. So preload
# stays off, and the check that recommends it (security.W021) is silenced.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# django-csp. Public pages allow nothing inline; portal.middleware adds inline styles for the
# admin only (its templates and the rich-text editor set style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF],
        "script-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page uses a device or sensor, pays or tracks: refuse them to the page and anything in it.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGIN_URL = "admin:login"

# Lock-out after 5 failed logins for the same user name from the same address.
# In django-axes 8 AXES_COOLOFF_TIME is both the counting window (failures count while
# the latest is younger than it) and the lock's length (counted from the last failure;
# a failure during the lock restarts it). AXES_USE_ATTEMPT_EXPIRATION only changes how
# old attempts are cleaned up, not the window, so it stays off.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.security.lockout_response"
# And one address is locked after this many failures over any user names, counted in the
# same window, except the addresses or networks of the allow-list (a commune office behind
# one shared address), where only the per-name lock applies.
AXES_HANDLER = "staff.security.LoginAttemptsHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_ALLOWLIST = env.list("LOGIN_ADDRESS_ALLOWLIST", default=[])
for _network in LOGIN_ADDRESS_ALLOWLIST:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        _fail(f"LOGIN_ADDRESS_ALLOWLIST: “{_network}” không phải địa chỉ hay dải địa chỉ IP.")
# The client's address: REMOTE_ADDR, or X-Forwarded-For only when REMOTE_ADDR is one of
# these proxies (comma-separated addresses). Never trust the header from anyone else.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "staff.security.client_ip"
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

# Server errors are mailed to ADMINS ("Tên <a@b.vn>, c@d.vn") through EMAIL_URL
# (e.g. smtp+tls://USER:PASSWORD@HOST:587; by default mail is printed on the console).
ADMINS = getaddresses([env.str("ADMINS", default="")])
if any("@" not in address for _, address in ADMINS):
    _fail("ADMINS phải là các địa chỉ thư cách nhau bởi dấu phẩy, ví dụ: Tên <a@b.vn>, c@d.vn.")
try:
    EMAIL = env.email_url("EMAIL_URL", default="consolemail://")
except ImproperlyConfigured as exc:
    _fail(f"EMAIL_URL không hợp lệ ({exc}).")
globals().update({name: value for name, value in EMAIL.items() if value is not None})
SERVER_EMAIL = env.str("SERVER_EMAIL", default="root@localhost")
EMAIL_SUBJECT_PREFIX = "[Cổng Minh Đức] "

# A traceback (and a mail to ADMINS) is for server errors only: 4xx answers, HEAD requests,
# refused permissions and lock-outs are everyday traffic. Other suspicious requests get one
# line each; requests naming a host that is not ours come from scanners and are dropped.
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"one_line": {"()": "portal.logs.OneLineFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's defaults, which would also mail every django.security error.
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR"},
        "django.security": {"handlers": ["one_line"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
