"""Compressed pages: brotli where the browser takes it and the page holds no secret, else gzip.

Placed outside the page cache (which keeps pages uncompressed and does not vary on
Accept-Encoding), so a browser without either still gets a plain page. Brotli packs a page
about a fifth smaller than gzip for the same time, but adds no random padding, so a page
that carries a CSRF token (a form) keeps Django's gzip with its padding (BREACH). A
page-cache hit is the same body for everyone, so its compressed form is kept in the shared
cache under the body's digest: repeat visits cost a hash and a cache read instead of a
compression. A kept page (portal.kept_pages) is treated the same way: its body repeats too.
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


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.streaming or response.has_header("Content-Encoding"):
            return super().process_response(request, response)
        coding = _coding(request, response)
        cached = response.get("X-Page-Cache") == "hit" or getattr(response, "made_ahead", False)
        if len(response.content) < 200 or not (cached or coding == "br"):
            return super().process_response(request, response)  # gzip, padded per request
        patch_vary_headers(response, ("Accept-Encoding",))
        if coding is None:
            return response
        packed = self._packed(response.content, coding) if cached else _pack(response.content)
        response.content = packed
        response.headers["Content-Length"] = str(len(packed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = coding
        return response

    def _packed(self, content, coding):
        key = f"{coding}:" + hashlib.blake2s(content, digest_size=16).hexdigest()
        packed = cache.get(key)
        if packed is None:
            if coding == "br":
                packed = _pack(content)
            else:
                packed = compress_string(content, max_random_bytes=self.max_random_bytes)
            cache.set(key, packed, SECONDS)
        return packed


def _coding(request, response):
    """The coding this response may be sent in: "br", "gzip" or None."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    # Django sends the CSRF cookie again with every page that holds the token.
    secret = settings.CSRF_COOKIE_NAME in response.cookies
    if ACCEPTS_BROTLI.search(accepted) and not secret:
        return "br"
    return "gzip" if ACCEPTS_GZIP.search(accepted) else None


def _pack(content):
    return brotli.compress(content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
