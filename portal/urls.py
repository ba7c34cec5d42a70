"""Uploaded files and the 413 page; site-wide names, so no namespace ("private-file")."""

from django.conf import settings
from django.urls import path, re_path

from . import errors, media

urlpatterns = [
    # Files whose owner decides who sees them (portal.media); unknown names are 404.
    path("tep/<path:name>", media.private_file, name="private-file"),
    # The 413 page, for the web server in front to show when it refuses a body itself.
    path("qua-lon/", errors.request_too_large, name="request-too-large"),
]

if settings.SERVE_MEDIA:
    # Local runs serve MEDIA_ROOT from Django; production puts it behind the web server.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.public_file)]
