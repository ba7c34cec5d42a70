"""The admin's history pages: who changed what and when, and reverting by a permitted user."""

import datetime
from decimal import Decimal

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "(trống)"


class VietnameseChanges(HistoricalRecordContextHelper):
    """Differences as an official reads them: choice labels, local dd/mm/yyyy dates,
    2.945 and 91,24, có/không, '(trống)' for nothing, instead of stored values."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return EMPTY
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


class HistoryAdmin(SimpleHistoryAdmin):
    """History with field-by-field differences; a revert is checked like any other change.

    simple-history only asks for the view permission before saving a revert, and asks it
    of the old version. Here a revert needs the change permission on the object as it is
    now, and it goes through the admin's own form, so its publishing rules apply as well.
    """

    object_history_list_template = "admin/history_list.html"
    object_history_form_template = "admin/history_form.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return VietnameseChanges(self.model, historical_record)

    def _current(self, request, object_id):
        return self.get_object(request, unquote(str(object_id)))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self._current(request, object_id)
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        current = self._current(request, obj.pk) if obj is not None else None
        return current is None or not self.has_change_permission(request, current)
