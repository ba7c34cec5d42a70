"""The admin on a commune's host shows and saves that commune's rows only.

Every model admin and inline of a commune-owned model goes through these mixins: the lists,
the objects a URL names (another commune's is "not found"), the choices of foreign keys and
autocompletes (which ask the related model's admin, scoped the same way), the history
pages and the new rows, which join the request's commune. A province-wide row (a target
with no commune) is read there but not changed. On the province's host
(``request.commune`` is None) nothing is filtered: a province account reads every commune.
"""

from collections import defaultdict
from itertools import chain

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, get_fields_from_path, unquote
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

# Models reached through their parent row rather than a commune column of their own.
THROUGH = {
    "meetings.directive": "meeting__commune",
    "meetings.membership": "committee__commune",
    "meetings.attendance": "meeting__commune",
    "meetings.agendaitem": "meeting__commune",
    "meetings.issue": "meeting__commune",
    "meetings.directiveupdate": "directive__meeting__commune",
    "meetings.attachment": "meeting__commune",
    "news.attachment": "article__commune",
    "documents.documentfile": "document__commune",
    "documents.documentrelation": "source__commune",
}


def commune_path(model):
    """The lookup from ``model`` to its commune, or None for shared models (the catalogue)."""
    label = model._meta.label_lower
    if label in THROUGH:
        return THROUGH[label]
    names = {field.name for field in model._meta.get_fields()}
    return "commune" if "commune" in names else None


def for_commune(queryset, commune):
    """The rows of ``commune``; a province-wide row (an empty commune) is everyone's."""
    path = commune_path(queryset.model)
    if commune is None or path is None:
        return queryset
    if path == "commune" and queryset.model._meta.get_field("commune").null:
        return queryset.filter(Q(commune=commune) | Q(commune__isnull=True))
    return queryset.filter(**{path: commune})


def exclude_commune(model_admin, request, exclude):
    if getattr(request, "commune", None) is None or commune_path(model_admin.model) != "commune":
        return exclude
    return [*(exclude or ()), "commune"]


class CommuneChoices:
    """Foreign-key and many-to-many choices limited to the request's commune."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(None, db_field, request)
            if queryset is None:
                queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = for_commune(queryset, getattr(request, "commune", None))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(None, db_field, request)
            if queryset is None:
                queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = for_commune(queryset, getattr(request, "commune", None))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def province_wide(request, obj):
    """Whether ``obj`` is a province-wide row (an empty commune) seen from a commune's host:
    every commune reads it, the province's accounts alone change it."""
    return (
        getattr(request, "commune", None) is not None
        and obj is not None
        and commune_path(type(obj)) == "commune"
        and obj.commune_id is None
    )


def edits_shared_rows(request):
    """Whether this account may add, change or delete shared rows (the indicator catalogue,
    the document types, issuers and sectors every commune reads) from this host.

    They are the province's list: its accounts and superusers edit them anywhere. While the
    install serves a single commune, that commune's staff keep extending them, as before
    there were many; once there are more, a commune's edit would change its neighbours'.
    Read once per request.
    """
    if getattr(request, "commune", None) is None:
        return True
    if not hasattr(request, "_edits_shared_rows"):
        from portal.fragments import kept_value

        from .models import Commune, StaffAccount

        user = request.user
        request._edits_shared_rows = (
            user.is_superuser
            or kept_value("communes-served", Commune.objects.count, request) == 1
            or StaffAccount.objects.of_province(user)
        )
    return request._edits_shared_rows


def in_commune(form, commune):
    """``form`` with its instance in ``commune`` before validation, so that "unique in the
    commune" is checked in this commune."""

    class InCommune(form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.instance.commune = commune

    InCommune.__name__ = form.__name__
    return InCommune


def held_elsewhere(model, objs, commune):
    """Whether deleting ``objs`` (rows of ``model``) would take rows of another commune (or
    province-wide ones) with them, or is held back by such rows."""
    collector = NestedObjects(using=router.db_for_write(model))
    collector.collect(objs)
    pks = defaultdict(set)
    for row in [*collector.protected, *chain.from_iterable(collector.model_objs.values())]:
        pks[type(row)].add(row.pk)
    for model, found in pks.items():
        path = commune_path(model)
        if path and model._base_manager.filter(pk__in=found).exclude(**{path: commune}).exists():
            return True
    return False


class NotFoundElsewhere:
    """On a commune's host an object the URL names outside the commune (change, delete,
    history) is "not found", the Vietnamese 404, rather than Django's redirect to the index
    saying it does not exist. A missing id answers the same, so the answer never tells
    whether another commune has that row."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        if getattr(request, "commune", None) is not None:
            raise Http404
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)


class CommuneScopedAdmin(NotFoundElsewhere, CommuneChoices):
    """A model admin showing, finding and saving the request's commune's rows only."""

    def get_queryset(self, request):
        return for_commune(super().get_queryset(request), getattr(request, "commune", None))

    def get_list_filter(self, request):
        """Filters by a commune-owned relation offer the rows this list holds, not every
        commune's (Django's default lists the whole related table)."""
        filters = super().get_list_filter(request)
        if getattr(request, "commune", None) is None:
            return filters
        scoped = []
        for item in filters:
            if isinstance(item, str):
                field = get_fields_from_path(self.model, item)[-1]
                if field.is_relation and commune_path(field.related_model):
                    item = (item, admin.RelatedOnlyFieldListFilter)
            scoped.append(item)
        return scoped

    def get_exclude(self, request, obj=None):
        """The commune is the host's: not a field of the form (a choice on the province's)."""
        return exclude_commune(self, request, super().get_exclude(request, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        commune = getattr(request, "commune", None)
        if obj is not None or commune is None or commune_path(self.model) != "commune":
            return form
        return in_commune(form, commune)

    def has_add_permission(self, request):
        return self._may_edit(request, None) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj) and super().has_delete_permission(request, obj)

    def _may_edit(self, request, obj):
        if commune_path(self.model) is None:
            return edits_shared_rows(request)
        return not province_wide(request, obj)

    def get_deleted_objects(self, objs, request):
        """On a commune's host, deleting a shared row (the catalogue) that other communes'
        rows hang on is refused, without listing theirs. (A province-wide row is refused by
        has_delete_permission.)"""
        commune = getattr(request, "commune", None)
        if (
            commune is None
            or commune_path(self.model)
            or not held_elsewhere(self.model, objs, commune)
        ):
            return super().get_deleted_objects(objs, request)
        refused = [
            _("Không xóa được %(row)s: mục dùng chung, các xã khác cũng dùng.") % {"row": obj}
            for obj in objs
        ]
        return (
            [str(obj) for obj in objs],
            {self.opts.verbose_name_plural: len(objs)},
            set(),
            refused,
        )

    def history_view(self, request, object_id, extra_context=None):
        self._found(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._found(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _found(self, request, object_id):
        """History pages (simple-history's) look the object up unscoped: check it first. A
        deleted object's history stays readable in the commune it belonged to."""
        commune = getattr(request, "commune", None)
        object_id = unquote(str(object_id))
        if commune is None or self.get_object(request, object_id) is not None:
            return
        history = getattr(self.model, "history", None)
        if history is not None and commune_path(self.model) == "commune":
            key = {self.model._meta.pk.attname: object_id, "commune": commune}
            try:
                if history.filter(**key).exists():
                    return
            except (ValueError, ValidationError):
                pass
        raise Http404

    def save_formset(self, request, form, formset, change):
        commune = getattr(request, "commune", None)
        if commune is not None:
            for row in formset.forms:
                if row.instance.pk is None and commune_path(type(row.instance)) == "commune":
                    row.instance.commune = commune
        super().save_formset(request, form, formset, change)


class CommuneScopedInline(CommuneChoices):
    """An inline of a shared model's rows (the targets under the catalogue's indicator): the
    host's own, the commune's or, on the province's host, the province-wide ones. An inline
    cannot make one row read-only; the other rows are in the model's own list."""

    def get_queryset(self, request):
        commune = getattr(request, "commune", None)
        return super().get_queryset(request).filter(**{commune_path(self.model): commune})

    def get_exclude(self, request, obj=None):
        return exclude_commune(self, request, super().get_exclude(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        commune = getattr(request, "commune", None)
        if commune is not None and commune_path(self.model) == "commune":
            kwargs["form"] = in_commune(kwargs.get("form", self.form), commune)
        return super().get_formset(request, obj, **kwargs)
