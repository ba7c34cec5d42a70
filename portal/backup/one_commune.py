"""One commune alone (``sao_luu --xa``): its rows, the shared catalogue, its accounts, its files.

The archive has the full backup's format, so ``khoi_phuc`` restores it into an empty install
like any backup. Which rows are a commune's follows the admin's scoping
(``communes.admin_scoping.commune_path``): a commune column of their own, or their parent's (a
meeting's directives). History rows follow the rows they record, through their own commune
column or through their parent's ids, live or deleted. An account goes with the commune it
works in (a StaffAccount naming it, or none at all in the install's first commune, as
``StaffAccount.works_in`` reads it). A reference from one of its rows to a row left behind (a
province-wide target citing another commune's document, a figure entered by a province
account) is emptied and counted; a required one stops the export.
"""

import posixpath
import re
from collections import Counter
from pathlib import Path

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Prefetch, Q

from communes.admin_scoping import commune_path
from communes.models import first_commune_pk

from .common import BackupError, by_natural_key, label, media_roots

# Everyone's: the roles, the province and its catalogue (indicators, document kinds).
SHARED = {
    "auth.group",
    "auth.permission",
    "contenttypes.contenttype",
    "communes.province",
    "documents.documenttype",
    "documents.issuer",
    "documents.sector",
    "indicators.indicator",
    "indicators.indicatorgroup",
}
# Nobody's: sign-ins and login attempts belong to the install, not to a commune's content.
LEFT_OUT = {
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    "sessions.session",
}
# A cover's renditions beside its original: `<stem>-<width>.webp|jpg` (news.images).
RENDITION = re.compile(r"(?P<stem>.+)-\d+\.(?:webp|jpg)")


def unknown(model):
    return BackupError(
        f"Chưa rõ bảng {label(model)} thuộc xã nào: không sao lưu riêng một xã được."
    )


def tracked_model(model):
    """The model a simple-history table records, or None for any other model."""
    return getattr(model, "instance_type", None)


def history_of(model):
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


class OneCommune:
    """What an archive of ``commune`` holds: rows per model, references emptied, files."""

    def __init__(self, commune):
        self.commune = commune
        self.emptied = Counter()
        self._ids = {}
        self._files = None

    def queryset(self, model):
        """The rows of ``model`` the archive holds."""
        name, rows, tracked = label(model), model._base_manager.all(), tracked_model(model)
        if name in LEFT_OUT:
            return rows.none()
        if name in SHARED or (tracked is not None and label(tracked) in SHARED):
            return rows
        if name == "communes.commune":
            return rows.filter(pk=self.commune.pk)
        if name in ("communes.hostname", "communes.staffaccount"):
            return rows.filter(commune=self.commune)  # not the province's host names or accounts
        if model is get_user_model():
            return rows.filter(self._accounts())
        if model is LogEntry:
            return rows.filter(user__in=self.queryset(get_user_model()))
        if tracked is not None:
            return self._history(model, tracked, rows)
        return self._owned(model, rows)

    def _accounts(self):
        works_here = Q(commune_account__commune=self.commune)
        if self.commune.pk == first_commune_pk():
            works_here |= Q(commune_account__isnull=True)
        return works_here

    def _owned(self, model, rows):
        path = commune_path(model)
        if path is None:
            raise unknown(model)
        if path != "commune":
            return rows.filter(**{path: self.commune})
        return rows.filter(self._in_commune(model))

    def _in_commune(self, model):
        """The commune's rows; a province-wide row (an empty commune: a target) is everyone's."""
        if model._meta.get_field("commune").null:
            return Q(commune=self.commune) | Q(commune__isnull=True)
        return Q(commune=self.commune)

    def _history(self, model, tracked, rows):
        """History rows of the commune's objects, including objects deleted since."""
        if "m2m_history_id" in {field.attname for field in model._meta.fields}:
            # Many-to-many history (an article's tags): rows of the history rows kept.
            parent = model._meta.get_field("history").related_model
            return rows.filter(history__in=self.queryset(parent))
        path = commune_path(tracked)
        if path is None or path == "commune" and commune_path(model) != "commune":
            raise unknown(model)
        if path == "commune":
            return rows.filter(self._in_commune(tracked))
        parent = path.split("__")[0]
        return rows.filter(self._ever(tracked, parent))

    def _ever(self, tracked, parent):
        """The parent rows (``parent`` of ``tracked``) the commune has, or had (their history)."""
        parent_model = tracked._meta.get_field(parent).related_model
        ever = Q(**{f"{parent}_id__in": self.queryset(parent_model).values("pk")})
        if history := history_of(parent_model):
            had = self.queryset(history).values(parent_model._meta.pk.attname)
            ever |= Q(**{f"{parent}_id__in": had})
        return ever

    def rows(self, model):
        """The archive's rows of ``model``, ordered, many-to-many links kept within it."""
        queryset = self.queryset(model).order_by("pk")
        for field in model._meta.many_to_many:
            target = field.related_model
            if not by_natural_key(target):
                queryset = queryset.prefetch_related(
                    Prefetch(field.name, queryset=self.queryset(target))
                )
        return queryset

    def clean(self, obj):
        """Empty a reference to a row the archive leaves out (or refuse a required one)."""
        history = tracked_model(type(obj)) is not None
        for field in type(obj)._meta.concrete_fields:
            target = field.related_model
            if not field.is_relation or by_natural_key(target) or label(target) in SHARED:
                continue
            if history and target is not get_user_model():
                continue  # the past as it was: history keeps ids of rows deleted since
            value = getattr(obj, field.attname)
            if value is None or value in self.ids(target):
                continue
            if not field.null:
                raise BackupError(
                    f"{label(type(obj))} #{obj.pk} của xã trỏ tới {label(target)} #{value} "
                    "không thuộc xã: không sao lưu riêng được."
                )
            setattr(obj, field.attname, None)
            self.emptied[f"{label(type(obj))}.{field.name}"] += 1
        return obj

    def ids(self, model):
        if model not in self._ids:
            self._ids[model] = set(self.queryset(model).values_list("pk", flat=True))
        return self._ids[model]

    def collect_files(self, models_):
        """Read, with the rows, the names of every file a kept row (or history row) names."""
        folders = {root.resolve(): folder for folder, root in media_roots().items()}
        names = set()
        for model in models_:
            tracked = tracked_model(model) or model
            for field in tracked._meta.concrete_fields:
                if not isinstance(field, models.FileField):
                    continue
                folder = folders.get(Path(field.storage.location).resolve())
                if folder is None:
                    continue
                stored = self.queryset(model).exclude(**{field.attname: ""})
                for name in stored.values_list(field.attname, flat=True):
                    if name:
                        names.add(f"{folder}/{name}")
        self._files = names
        self._stems = {posixpath.splitext(name)[0] for name in names}

    def keeps_file(self, name):
        """Whether the archive holds ``name`` ("media/…" or "private-media/…")."""
        if name in self._files:
            return True
        rendition = RENDITION.fullmatch(name)
        return rendition is not None and rendition["stem"] in self._stems
