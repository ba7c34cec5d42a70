"""The admin on a commune's host shows and saves that commune's rows only.

Every model admin and inline of a commune-owned model goes through these mixins: the lists,
the objects a URL names (another commune's is "not found"), the choices of foreign keys and
autocompletes (which ask the related model's admin, scoped the same way), the history
pages and the new rows, which join the request's commune. On the province's host
(``request.commune`` is None) nothing is filtered: a province account reads every commune.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404

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


class CommuneScopedAdmin(CommuneChoices):
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

        class InCommune(form):
            # Set before validation, so "unique in the commune" is checked in this commune.
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.instance.commune = commune

        InCommune.__name__ = form.__name__
        return InCommune

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
    """An inline of a shared model (a target under the catalogue's indicator): its rows of
    the request's commune only."""

    def get_queryset(self, request):
        return for_commune(super().get_queryset(request), getattr(request, "commune", None))

    def get_exclude(self, request, obj=None):
        return exclude_commune(self, request, super().get_exclude(request, obj))
