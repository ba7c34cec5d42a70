"""gzip for every response, compressed only once for pages the page cache answers.

Placed outside the page cache (which keeps pages uncompressed and does not vary on
Accept-Encoding), so a browser without gzip still gets a plain page. A page-cache hit is the
same body for everyone, so its compressed form is kept in the shared cache under the body's
digest: repeat visits cost a hash and a cache read instead of a compression. Other responses
are compressed per request by Django's GZipMiddleware, with its random padding (BREACH).
"""

import hashlib

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

from .outage import safe_cache as cache

ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
SECONDS = 3600


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if (
            response.get("X-Page-Cache") != "hit"
            or response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < 200
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        content = response.content
        key = "gzip:" + hashlib.blake2s(content, digest_size=16).hexdigest()
        packed = cache.get(key)
        if packed is None:
            packed = compress_string(content, max_random_bytes=self.max_random_bytes)
            cache.set(key, packed, SECONDS)
        response.content = packed
        response.headers["Content-Length"] = str(len(packed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
