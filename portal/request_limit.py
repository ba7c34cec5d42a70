"""Request bodies over MAX_REQUEST_BYTES are refused with the Vietnamese 413 page.

The middleware reads the Content-Length and answers before any byte of the body is read
(sessions, CSRF and forms read it later); the upload handler counts what actually arrives,
for bodies the header did not announce honestly.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

from . import errors


class RequestTooLarge(RequestDataTooBig):
    """Raised while a body is read; Django's 400 handler turns it into the 413 page."""


class RequestSizeLimitMiddleware:
    """Before anything that reads the body: refuse it from its Content-Length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return errors.request_too_large(request)
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: stop reading once the limit is passed."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MAX_REQUEST_BYTES:
            raise RequestTooLarge("Upload over MAX_REQUEST_BYTES")
        return raw_data

    def file_complete(self, file_size):
        return None
