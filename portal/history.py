"""The admin's history pages: who changed what and when, and reverting by a permitted user."""

import datetime
from decimal import Decimal

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import formats, timezone
from django_prose_editor.fields import ProseEditorField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from communes.admin_scoping import CommuneScopedAdmin

from .text_diff import describe

EMPTY = "(trống)"
NO_LINK = "(không có)"
# Set on every save; a version that changed only these changed nothing a person sees.
NOISE = {"updated_at"}
# Texts shorter than this read best whole, old → new; longer ones as words out and in.
WHOLE_TEXT = 60
ROW_CHANGES_SHOWN = 100


class VietnameseChanges(HistoricalRecordContextHelper):
    """Differences as an official reads them: choice labels, local dd/mm/yyyy dates,
    2.945 and 91,24, có/không, '(trống)' for nothing, words added and removed in long
    texts (rich text compared as text, plus its links and formatting), and no line for a
    field whose old and new values read the same."""

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            if change.field in NOISE:
                continue
            field = self.model._meta.get_field(change.field)
            if _is_text(field) and _long(change.old, change.new):
                diff = describe(change.old, change.new, rich=isinstance(field, ProseEditorField))
                if diff:
                    changes.append({"field": _label(field), "diff": diff})
                continue
            formatted = self.format_delta_change(change)
            if formatted.old != formatted.new:
                changes.append(
                    {"field": formatted.field, "old": formatted.old, "new": formatted.new}
                )
        return changes

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, DeletedObject):
            return NO_LINK if value.pk is None else f"{value.model._meta.verbose_name} đã xóa"
        if value is None or value == "":
            return NO_LINK if field.is_relation else EMPTY
        if isinstance(value, list):
            return [str(item) for item in value] or EMPTY
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "có" if value else "không"
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, Decimal):
            # Years and counters are integers and stay as typed (2025, not 2.025).
            exact = value == value.to_integral_value()
            value = value.quantize(Decimal(1)) if exact else value.normalize()
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        return value


def _is_text(field):
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices


def _long(*values):
    return any(len(str(value or "")) > WHOLE_TEXT for value in values)


def _label(field):
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def drop_unchanged_version(sender, history_instance, **kwargs):
    """A save that changed nothing (or only its own 'updated at') leaves no version."""
    if history_instance.history_type != "~":
        return
    previous = history_instance.prev_record
    if previous is None:
        return
    delta = history_instance.diff_against(previous, excluded_fields=NOISE)
    if not delta.changes:
        history_instance.delete()


def row_changes(history_rows, obj, request_user=None):
    """The versions of the rows entered inside `obj`'s form (a meeting's attendance,
    agenda, directives…), newest first, each with what changed since the row's previous
    version: the changes a meeting's own history would otherwise not show."""
    entries = []
    for model, fk_name in history_rows:
        records = (
            model.history.filter(**{f"{fk_name}_id": obj.pk})
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        previous = None
        for record in records:
            same_row = previous is not None and previous.id == record.id
            changes = []
            if record.history_type == "~" and same_row:
                delta = record.diff_against(previous, foreign_keys_are_objs=True)
                changes = VietnameseChanges(model, record).context_for_delta_changes(delta)
            if record.history_type != "~" or changes:
                entries.append(
                    {
                        "record": record,
                        "model": model._meta.verbose_name,
                        "changes": changes,
                    }
                )
            previous = record
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return entries[:ROW_CHANGES_SHOWN]


class HistoryAdmin(CommuneScopedAdmin, SimpleHistoryAdmin):
    """History with field-by-field differences; a revert is checked like any other change.

    simple-history only asks for the view permission before saving a revert, and asks it
    of the old version. Here a revert needs the change permission on the object as it is
    now, and it goes through the admin's own form, so its publishing rules apply as well.
    """

    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_form.html"
    # (model, foreign key to this admin's model) of rows edited inside its form.
    history_rows = ()

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseChanges(self.model, historical_record)

    def _current(self, request, object_id):
        return self.get_object(request, unquote(str(object_id)))

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self._current(request, object_id)
        if self.history_rows and obj is not None:
            extra_context["row_changes"] = row_changes(self.history_rows, obj)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self._current(request, object_id)
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
            version = self.model.history.filter(history_id=version_id).first()
            if version is not None:
                when = timezone.localtime(version.history_date).strftime("%d/%m/%Y %H:%M")
                request.history_revert_reason = f"Khôi phục phiên bản lúc {when}"
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        reason = getattr(request, "history_revert_reason", None)
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def revert_disabled(self, request, obj=None):
        current = self._current(request, obj.pk) if obj is not None else None
        return current is None or not self.has_change_permission(request, current)
