"""Where uploaded files live and how they are served.

Two storages. ``MEDIA_ROOT`` (served at /media/) holds only what is always public, such as
the site's logo. Every file that belongs to something with a publication state (article
covers and attachments, meeting attachments, documents) lives in ``PRIVATE_MEDIA_ROOT``
and is served by ``private_file``, which asks the owning app whether this user may see it
*now*: a publish, an unpublish, a scheduled publish or an expiry then changes who gets the
file at the very moment it changes the page, and no file ever has to move.

Each app names a finder in ``settings.PRIVATE_FILE_FINDERS``: ``find(name, user, commune)``
returns a ``ServedFile`` when ``name`` is one of the commune's files and the user may see it,
else None.
"""

import mimetypes
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe
from django.views.static import serve

from .uploads import opens_inline

# Longer names are no file of ours (a filesystem would refuse them with an error).
MAX_NAME_LENGTH = 255
PUBLIC_MAX_AGE = 300


@dataclass(frozen=True)
class ServedFile:
    """What a finder knows about a file it lets this user see."""

    content_type: str
    download_name: str = ""
    public: bool = True

    @property
    def inline(self):
        return opens_inline(self.content_type)


class PrivateStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT, read from settings on each use; URLs lead to ``private_file``."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return posixpath.abspath(str(settings.PRIVATE_MEDIA_ROOT))

    def url(self, name):
        return reverse("private-file", kwargs={"name": name})

    def deconstruct(self):
        return ("portal.media.PrivateStorage", (), {})


def private_storage():
    """The storage of every file whose visibility depends on its owner (``storage=``)."""
    return PrivateStorage()


def is_bad_name(name):
    parts = name.split("/")
    return (
        not name
        or len(name) > MAX_NAME_LENGTH
        or any(len(part) > MAX_NAME_LENGTH or part in ("", ".", "..") for part in parts)
        or any(ord(char) < 32 or char == "\\" for char in name)
    )


def file_response(storage, name, served, *, accel_prefix=None):
    """The file with the headers that keep it harmless in a browser.

    Its exact content type and nosniff; images and PDFs inline, everything else a download
    under its original name in a sandbox. With MEDIA_ACCEL_REDIRECT nginx sends the bytes.
    """
    if accel_prefix and settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=served.content_type)
        response["X-Accel-Redirect"] = accel_prefix + quote(name)
    else:
        try:
            handle = storage.open(name)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=served.content_type)
    download_name = served.download_name or posixpath.basename(name)
    response["Content-Disposition"] = content_disposition_header(not served.inline, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    if not served.inline:
        response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}" if served.public else "private, no-store"
    )
    return response


def find(name, user, commune):
    for path in settings.PRIVATE_FILE_FINDERS:
        served = import_string(path)(name, user, commune)
        if served is not None:
            return served
    return None


@require_safe
def private_file(request, name):
    """A file of PRIVATE_MEDIA_ROOT, to whoever its owner lets see it; 404 for anyone else."""
    if is_bad_name(name):
        raise Http404
    served = find(name, request.user, request.commune)
    if served is None:
        raise Http404
    return file_response(private_storage(), name, served, accel_prefix="/_private-media/")


# The public folder holds re-encoded images only; anything else is served as a download.
PUBLIC_INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


@require_safe
def public_file(request, path):
    """MEDIA_ROOT when Django serves it (SERVE_MEDIA): 404, never 500, for bad names."""
    if is_bad_name(path):
        raise Http404
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(path)[0]
    if response.status_code == 200:
        served = ServedFile(
            content_type if content_type in PUBLIC_INLINE_TYPES else "application/octet-stream"
        )
        response["Content-Type"] = served.content_type
        response["X-Content-Type-Options"] = "nosniff"
        if not served.inline:
            response["Content-Disposition"] = content_disposition_header(
                True, posixpath.basename(path)
            )
            response["Content-Security-Policy"] = "sandbox"
    return response
