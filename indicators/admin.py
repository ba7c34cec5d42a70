import dataclasses

from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import ModelChange

from communes.admin_scoping import CommuneScopedInline
from portal.history import EMPTY, HistoryAdmin, VietnameseChanges

from . import entry_template, importing
from .formatting import format_number, format_target
from .forms import ConfirmImportForm, EntryTemplateForm, ImportForm, TargetForm, ValueForm
from .models import Indicator, IndicatorGroup, Target, Value


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(HistoryAdmin):
    list_display = ["name", "code", "order"]
    prepopulated_fields = {"code": ["name"]}


@admin.display(description=_("năm"), ordering="year")
def year_column(obj):
    # Years are not amounts: 2025, never "2.025".
    return str(obj.year)


@admin.display(description=_("giá trị mục tiêu"), ordering="value")
def target_column(obj):
    return format_target(obj.indicator, obj.value)


@admin.display(description=_("phạm vi"), ordering="commune")
def scope_column(obj):
    return obj.commune or _("Toàn tỉnh")


class TargetInline(CommuneScopedInline, admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0


class ProvinceWideTargetInline(admin.TabularInline):
    """On a commune's host, the province-wide targets of the indicator: read, not changed."""

    model = Target
    fields = readonly_fields = [year_column, "comparator", target_column, "basis"]
    verbose_name_plural = _("chỉ tiêu toàn tỉnh (do tỉnh quản lý)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(commune=None).select_related("indicator")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name", "code", "group", "unit", "computation", "order"]
    list_filter = ["group", "unit", "computation"]
    search_fields = ["name", "short_name", "code"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "group", "order"]}),
        (_("Đơn vị và cách tính"), {"fields": ["unit", "count_noun", "decimals", "direction"]}),
        (
            _("Công thức (chỉ với chỉ số tính theo tỷ lệ)"),
            {"fields": ["computation", "numerator", "denominator"]},
        ),
        (_("Mô tả"), {"fields": ["definition", "source"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group")

    def get_inlines(self, request, obj):
        if getattr(request, "commune", None) is None:
            return [TargetInline]
        # The editable one first: its rows keep the prefix "targets" on every host.
        return [TargetInline, ProvinceWideTargetInline]


@admin.register(Target)
class TargetAdmin(HistoryAdmin):
    """Province-wide targets (no commune) are read on a commune's host and changed on the
    province's (communes.admin_scoping); a target added on a commune's host is its own."""

    list_display = ["indicator", year_column, "comparator", target_column, "basis", scope_column]
    list_filter = ["year", "indicator__group"]
    list_select_related = ["indicator", "commune"]
    form = TargetForm


class ValueChanges(VietnameseChanges):
    """A figure's history with the decimals its official wrote: 98,50, not 98,5; a save
    that only changed the decimals (93,5 → 93,50) reads as a change of the value."""

    def context_for_delta_changes(self, delta):
        old, new = delta.old_record, delta.new_record
        # `decimals` is not editable, so simple-history leaves it out of the delta.
        changes = [c for c in delta.changes if c.field != "value"]
        if "value" in delta.changed_fields or old.decimals != new.decimals:
            changes.insert(
                0, ModelChange("value", (old.value, old.decimals), (new.value, new.decimals))
            )
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        if change.field == "value" and isinstance(value, tuple):
            number, places = value
            return EMPTY if number is None else format_number(number, places)
        return super().prepare_delta_change_value(change, value)


@admin.register(Value)
class ValueAdmin(HistoryAdmin):
    form = ValueForm
    list_display = [
        "indicator",
        year_column,
        "shown_as",
        "is_published",
        "source_meeting",
        "entered_by",
        "entered_at",
    ]
    list_filter = ["year", "is_published", "indicator__group"]
    list_select_related = ["indicator", "source_meeting", "entered_by"]
    search_fields = ["indicator__name", "note", "source_text"]
    readonly_fields = ["entered_by", "entered_at"]
    actions = ["publish", "unpublish"]
    change_list_template = "admin/indicators/value/change_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ValueChanges(self.model, historical_record)

    @admin.display(description=_("hiển thị"))
    def shown_as(self, obj):
        return obj.formatted

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("indicators.publish_value")

    def has_change_permission(self, request, obj=None):
        # A published figure is public: changing it is publishing a new one.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("is_published")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def save_model(self, request, obj, form, change):
        obj.entered_by, obj.entered_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def _set_published(self, queryset, published):
        # One save per row (not a bulk update) so that each change enters the history.
        values = list(queryset.exclude(is_published=published))
        for value in values:
            value.is_published = published
            value.save(update_fields=["is_published"])
        return len(values)

    @admin.action(description=_("Công bố các số liệu đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_published(queryset, True)
        self.message_user(request, _("Đã công bố %(n)d số liệu.") % {"n": count})

    @admin.action(description=_("Thôi công bố các số liệu đã chọn"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._set_published(queryset, False)
        self.message_user(request, _("Đã thôi công bố %(n)d số liệu.") % {"n": count})

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        template = self.admin_site.admin_view(self.entry_template_view)
        return [
            path("nhap-excel/", view, name="indicators_value_import"),
            path("nhap-excel/mau/", template, name="indicators_value_import_template"),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def _import_page(self, request, template_form=None, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Nhập số liệu từ Excel"),
            "template_form": template_form or EntryTemplateForm(),
            **context,
        }
        return TemplateResponse(request, "admin/indicators/value/import.html", context)

    def entry_template_view(self, request):
        """A blank workbook for the chosen year, or the import page saying what is wrong."""
        self._check_import_permission(request)
        form = EntryTemplateForm(request.GET)
        if not form.is_valid():
            return self._import_page(request, template_form=form, form=ImportForm())
        return entry_template.response(form.cleaned_data["nam"])

    def import_view(self, request):
        """Upload → preview with each row's errors → confirm; nothing saved before that."""
        self._check_import_permission(request)
        form, rows, token = ImportForm(), None, None
        if request.method == "POST" and "token" in request.POST:
            confirm = ConfirmImportForm(request.POST)
            try:
                rows, saved = importing.apply(confirm.data["token"], request.user, request.commune)
            except signing.BadSignature:
                messages.error(
                    request, _("Phiên nhập đã hết hạn hoặc không hợp lệ; hãy tải tệp lại.")
                )
                return redirect(reverse("admin:indicators_value_import"))
            if not any(row.errors for row in rows):
                messages.success(request, _("Đã lưu %(n)d số liệu.") % {"n": saved})
                return redirect(reverse("admin:indicators_value_changelist"))
            messages.error(request, _("Không lưu gì: dữ liệu đã thay đổi, có dòng bị lỗi."))
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    rows, token = importing.preview(
                        form.cleaned_data["workbook"],
                        request.commune,
                        self.has_publish_permission(request),
                    )
                except importing.WorkbookError as exc:
                    form.add_error("workbook", str(exc))
        # Template rows left blank are only counted, so the preview shows what was typed.
        shown = [row for row in rows or [] if row.action != "empty"]
        return self._import_page(
            request,
            form=form,
            rows=rows,
            shown_rows=shown,
            blank_count=len(rows or []) - len(shown),
            token=token,
            has_errors=rows and not token,
        )
