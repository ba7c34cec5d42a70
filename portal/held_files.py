"""Files an official chose are kept when the form comes back with an error.

A browser never refills a file input, so a meeting or article form that failed validation
used to lose every file chosen. The files are held privately (outside the public media
folder), named by a token signed for the user who chose them and valid for an hour; the
form carries the tokens back, and the next save puts each file into the request again,
where the form checks it like any other upload. A token from another user, an expired or
forged one is ignored.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile

SALT = "portal.held-files"
MAX_AGE = 60 * 60
FIELD = "_held_files"


def storage():
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or Path(settings.VAR_DIR) / "private-media"
    return FileSystemStorage(location=Path(root) / "held")


def hold(request, names_with_errors=()):
    """Keep this request's uploads (except those the form refused) and return their tokens
    with their names, for the form to carry back."""
    held = []
    for field, uploads in request.FILES.lists():
        if field in names_with_errors:
            continue
        for upload in uploads:
            stored = storage().save(secrets.token_hex(16), upload)
            token = signing.dumps(
                {"user": request.user.pk, "path": stored, "name": upload.name, "field": field},
                salt=SALT,
            )
            held.append({"token": token, "name": upload.name, "field": field})
    return held


def restore(request):
    """Put held files back into the request for fields the official did not choose again."""
    tokens = request.POST.getlist(FIELD)
    if not tokens:
        return
    files = request.FILES.copy()
    for token in tokens:
        try:
            data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            continue
        if data.get("user") != request.user.pk or data["field"] in files:
            continue
        store = storage()
        if not store.exists(data["path"]):
            continue
        handle = store.open(data["path"], "rb")
        files[data["field"]] = UploadedFile(
            handle, name=data["name"], size=store.size(data["path"])
        )
        request.held_paths = [*getattr(request, "held_paths", []), data["path"]]
    request._files = files


def release(request):
    """After a successful save the held copies are no longer needed."""
    store = storage()
    for path in getattr(request, "held_paths", []):
        store.delete(path)


def delete_expired(now=None):
    """Held files older than their tokens; for the periodic clean-up. Returns the count."""
    store, limit, removed = storage(), (now or time.time()) - MAX_AGE, 0
    if not Path(store.location).exists():
        return 0
    for name in store.listdir("")[1]:
        if store.get_modified_time(name).timestamp() < limit:
            store.delete(name)
            removed += 1
    return removed


def error_fields(context):
    """The upload fields the form and its inline rows refused, by their request names."""
    names = set()
    adminform = context.get("adminform")
    if adminform is not None:
        names |= {adminform.form.add_prefix(name) for name in adminform.form.errors}
    for inline in context.get("inline_admin_formsets", []):
        for form in inline.formset.forms:
            names |= {form.add_prefix(name) for name in form.errors}
    return names


class HeldFilesMixin:
    """For a ModelAdmin whose form takes files (covers, attachments)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        restore(request)
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code == 302:
            release(request)
        return response

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST" and request.FILES:
            context["held_files"] = hold(request, error_fields(context))
        return super().render_change_form(request, context, *args, **kwargs)
