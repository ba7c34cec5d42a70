"""The secretary's desk: a whole meeting entered on one page."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from communes.admin_scoping import CommuneChoices
from portal.admin_inlines import CardsInline
from portal.held_files import HeldFilesMixin
from portal.history import HistoryAdmin
from portal.widgets import RichTextWidget

from .forms import MeetingAdminForm
from .models import (
    AgendaItem,
    Attachment,
    Attendance,
    Committee,
    Directive,
    DirectiveUpdate,
    Issue,
    Meeting,
    Membership,
    Person,
    Unit,
)

SHORT_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}


class DatePlaceholders:
    """Date inputs show the format officials must type: dd/mm/yyyy."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.SplitDateTimeField):
            field.widget.widgets[0].attrs["placeholder"] = "dd/mm/yyyy"
            field.widget.widgets[1].attrs["placeholder"] = "hh:mm"
        elif isinstance(field, forms.DateField):
            field.widget.attrs["placeholder"] = "dd/mm/yyyy"
        return field


class MembershipInline(CommuneChoices, DatePlaceholders, admin.TabularInline):
    model = Membership
    fields = ["order", "person", "role", "title", "unit", "start", "end"]
    autocomplete_fields = ["person", "unit"]
    extra = 1


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    search_fields = ["full_name"]
    list_display = ["full_name", "note"]
    inlines = [MembershipInline]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    search_fields = ["name"]
    list_display = ["name", "slug"]


@admin.register(Committee)
class CommitteeAdmin(HistoryAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


class AttendanceInline(CardsInline):
    model = Attendance
    fields = [
        "order",
        "person",
        "title",
        "committee_role",
        "meeting_role",
        "presence",
        "absence_reason",
    ]
    autocomplete_fields = ["person"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).in_role_order()


class AgendaItemInline(CardsInline):
    model = AgendaItem
    fields = ["order", "title", "presenter", "presenter_unit", "content"]
    autocomplete_fields = ["presenter", "presenter_unit"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("title", "content"):
            kwargs.update(SHORT_TEXT)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class IssueInline(DatePlaceholders, CardsInline):
    model = Issue
    fields = ["order", "text", "unit"]
    autocomplete_fields = ["unit"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            kwargs.update(SHORT_TEXT)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DirectiveInline(IssueInline):
    model = Directive
    fields = ["order", "text", "unit", "person", "deadline", "status", "completed_on"]
    autocomplete_fields = ["unit", "person"]
    show_change_link = True


class AttachmentInline(CardsInline):
    model = Attachment
    fields = ["title", "kind", "file", "original_name", "public"]
    readonly_fields = ["original_name"]
    extra = 1


def keep_chair_in_step(meeting):
    """The chair is entered once: the "Chủ trì" field or an attendance row's role fills the
    other (what the form's script does in the browser, kept true without it)."""
    chairs = meeting.attendances.filter(meeting_role=Attendance.MeetingRole.CHAIR)
    if meeting.chair_id is None:
        only = list(chairs.values_list("person_id", flat=True)[:2])
        if len(only) == 1:
            meeting.chair_id = only[0]
            meeting.save(update_fields=["chair", "updated_at"])
        return
    for row in chairs.exclude(person_id=meeting.chair_id):
        row.meeting_role = Attendance.MeetingRole.MEMBER
        row.save(update_fields=["meeting_role"])
    for row in meeting.attendances.filter(person_id=meeting.chair_id).exclude(
        meeting_role=Attendance.MeetingRole.CHAIR
    ):
        row.meeting_role = Attendance.MeetingRole.CHAIR
        row.save(update_fields=["meeting_role"])


@admin.register(Meeting)
class MeetingAdmin(DatePlaceholders, HeldFilesMixin, HistoryAdmin):
    form = MeetingAdminForm
    actions = ["approve_minutes", "publish_minutes"]
    list_display = ["title", "start", "status", "minutes_status"]
    list_filter = ["status", "minutes_status", "kind", "committee"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    autocomplete_fields = ["chair"]
    formfield_overrides = {ProseEditorField: {"widget": RichTextWidget}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "committee",
                    "title",
                    "slug",
                    ("start_date", "start_hour", "time_of_day"),
                    "end",
                    "place",
                    "chair",
                    ("kind", "status"),
                    "reviewed_year",
                    "summary",
                ]
            },
        ),
        (_("Biên bản"), {"fields": ["minutes", ("minutes_status", "minutes_approved_at")]}),
    ]
    inlines = [AttendanceInline, AgendaItemInline, IssueInline, DirectiveInline, AttachmentInline]
    history_rows = [
        (Attendance, "meeting"),
        (AgendaItem, "meeting"),
        (Issue, "meeting"),
        (Directive, "meeting"),
        (Attachment, "meeting"),
    ]

    class Media:
        js = ["meetings/admin-attendance.js"]
        css = {"all": ["css/admin-forms.css", "meetings/admin.css"]}

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        committees = list(Committee.objects.values_list("pk", flat=True)[:2])
        if len(committees) == 1:  # the only committee needs no choosing
            initial.setdefault("committee", committees[0])
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        keep_chair_in_step(form.instance)

    def has_approve_permission(self, request, obj=None):
        return request.user.has_perm("meetings.approve_minutes")

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("meetings.publish_minutes")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_approve = self.has_approve_permission(request)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_approve_permission(request):
            fields.append("minutes_approved_at")
        return fields

    def _move_minutes(self, queryset, status, **changes):
        # One save per meeting (not a bulk update) so that each change enters the history.
        meetings = list(queryset)
        for meeting in meetings:
            meeting.minutes_status = status
            for name, value in changes.items():
                setattr(meeting, name, value)
            meeting.save(update_fields=["minutes_status", *changes, "updated_at"])
        return len(meetings)

    @admin.action(description=_("Duyệt biên bản các cuộc họp đã chọn"), permissions=["approve"])
    def approve_minutes(self, request, queryset):
        drafts = queryset.filter(minutes_status=Meeting.MinutesStatus.DRAFT).exclude(minutes="")
        count = self._move_minutes(
            drafts, Meeting.MinutesStatus.APPROVED, minutes_approved_at=timezone.localdate()
        )
        self.message_user(
            request,
            _("Đã duyệt %(n)d biên bản (bỏ qua biên bản trống hoặc đã duyệt).") % {"n": count},
        )

    @admin.action(
        description=_("Công bố biên bản đã duyệt của các cuộc họp đã chọn"),
        permissions=["publish"],
    )
    def publish_minutes(self, request, queryset):
        approved = queryset.filter(minutes_status=Meeting.MinutesStatus.APPROVED).exclude(
            minutes=""
        )
        count = self._move_minutes(approved, Meeting.MinutesStatus.PUBLISHED)
        self.message_user(
            request, _("Đã công bố %(n)d biên bản (chỉ biên bản đã được duyệt).") % {"n": count}
        )

    def get_urls(self):
        members = self.admin_site.admin_view(self.members_view)
        return [
            path("thanh-vien/", members, name="meetings_meeting_members"),
            *super().get_urls(),
        ]

    def members_view(self, request):
        """JSON: the committee's members on a date, with their titles then (for the fill button)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            day = forms.DateField().clean(request.GET.get("date", ""))
            committee = forms.ModelChoiceField(Committee.objects.all()).clean(
                request.GET.get("committee", "")
            )
        except ValidationError:
            return JsonResponse(
                {"error": "Chọn Ban và nhập ngày họp theo dạng dd/mm/yyyy trước."}, status=400
            )
        memberships = (
            Membership.objects.on(day)
            .filter(committee=committee)
            .select_related("person")
            .order_by(F("order").asc(nulls_last=True), "role", "start", "pk")
        )
        return JsonResponse(
            {
                "members": [
                    {
                        "person": m.person_id,
                        "name": str(m.person),
                        "title": m.title,
                        "role": m.role,
                        "order": m.order,
                    }
                    for m in memberships
                ]
            }
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["members_url"] = reverse("admin:meetings_meeting_members")
        return super().render_change_form(request, context, add, change, form_url, obj)


class DirectiveUpdateInline(DatePlaceholders, admin.TabularInline):
    model = DirectiveUpdate
    fields = ["date", "note"]
    extra = 1


@admin.register(Directive)
class DirectiveAdmin(DatePlaceholders, HistoryAdmin):
    list_display = ["short_text", "meeting", "unit", "deadline", "state_label"]
    list_filter = ["status", "unit", "meeting"]
    list_select_related = ["meeting", "unit"]
    search_fields = ["text", "meeting__title"]
    autocomplete_fields = ["meeting", "unit", "person"]
    fields = ["meeting", "order", "text", "unit", "person", "deadline", "status", "completed_on"]
    inlines = [DirectiveUpdateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_state()

    @admin.display(description=_("nội dung"))
    def short_text(self, directive):
        return str(directive)

    @admin.display(description=_("tình trạng"), ordering="state")
    def state_label(self, directive):
        return Directive.State(directive.state).label
