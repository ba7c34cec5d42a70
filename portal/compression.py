"""Compressed pages: brotli where the browser takes it and the page holds no secret, else gzip.

Brotli packs a page about a fifth smaller than gzip for the same time, but adds no random
padding, so a page that carries a CSRF token (a form) keeps Django's gzip with its padding
(BREACH). The page cache keeps each page already packed, once per coding (``compress`` is
called before it stores one), so a hit is one small read and no work here. A kept page
(portal.kept_pages) below it repeats for many visitors too: its packed form is kept in the
shared cache under the body's digest. A browser that takes neither coding gets a plain page.
"""

import hashlib

import brotli
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

from .outage import safe_cache as cache

ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
ACCEPTS_BROTLI = _lazy_re_compile(r"\bbr\b")
SECONDS = 3600
# Measured on the portal's pages: quality 5 is as quick as gzip's level 6; higher levels cost
# several times more for a few per cent.
BROTLI_QUALITY = 5
# Bodies that are packed already (a workbook is a zip): a second packing gains nothing.
PACKED_TYPES = (
    "application/vnd.openxmlformats-officedocument.",
    "application/zip",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
)


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.streaming or response.has_header("Content-Encoding"):
            return super().process_response(request, response)  # a stream, or packed already
        return compress(request, response)


def compress(request, response):
    """The response in the coding this browser takes. A body that repeats for many visitors
    (``response.made_ahead``) is packed once and kept under its digest."""
    if len(response.content) < 200 or response.get("Content-Type", "").startswith(PACKED_TYPES):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    coding = accepted(request, secret=settings.CSRF_COOKIE_NAME in response.cookies)
    if not coding:
        return response
    if getattr(response, "made_ahead", False):
        packed = _kept_packing(response.content, coding)
    else:
        packed = _packing(response.content, coding)
    if len(packed) >= len(response.content):
        return response
    response.content = packed
    response.headers["Content-Length"] = str(len(packed))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
    response.headers["Content-Encoding"] = coding
    return response


def accepted(request, secret=False):
    """The best coding the browser takes: "br", "gzip" or "". A page holding a secret
    never goes in brotli (``secret``: Django sends the CSRF cookie again with every page
    that holds the token)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if ACCEPTS_BROTLI.search(header) and not secret:
        return "br"
    return "gzip" if ACCEPTS_GZIP.search(header) else ""


def _packing(content, coding):
    if coding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
    return compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)


def _kept_packing(content, coding):
    key = f"{coding}:" + hashlib.blake2s(content, digest_size=16).hexdigest()
    packed = cache.get(key)
    if packed is None:
        packed = _packing(content, coding)
        cache.set(key, packed, SECONDS)
    return packed
