import datetime
import re
from datetime import timedelta

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.widgets import Select

from .models import Directive, Meeting, Unit
from .models.directives import DUE_SOON_DAYS
from .models.meetings import NOMINAL_HOURS

TimeOfDay = Meeting.TimeOfDay

Minutes = Meeting.MinutesStatus
OPEN_STATES = [Directive.State.UNASSIGNED, Directive.State.ASSIGNED, Directive.State.IN_PROGRESS]


class DirectiveFilterForm(forms.Form):
    """The tracker's GET filters; a value that does not fit is ignored, never an error page."""

    trang_thai = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        widget=Select,
        choices=[("", _("Tất cả"))] + list(Directive.State.choices),
    )
    don_vi = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"),
        required=False,
        queryset=Unit.objects.all(),
        to_field_name="slug",
        empty_label=_("Tất cả"),
        widget=Select,
    )
    nam = forms.TypedChoiceField(
        label=_("Năm họp"), required=False, coerce=int, empty_value=None, widget=Select
    )
    han = forms.TypedChoiceField(
        label=_("Thời hạn"),
        required=False,
        widget=Select,
        coerce=int,
        empty_value=None,
        choices=[("", _("Mọi thời hạn")), (DUE_SOON_DAYS, _("Đến hạn trong 7 ngày tới"))],
    )

    def __init__(self, data, years, commune=None):
        super().__init__(data)
        if commune is not None:
            self.fields["don_vi"].queryset = Unit.objects.for_commune(commune)
        self.fields["nam"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]

    def filters(self):
        """Lookups for the fields that hold a valid value; the rest are dropped."""
        self.is_valid()
        data = self.cleaned_data
        lookups = {}
        if data.get("trang_thai"):
            lookups["state"] = data["trang_thai"]
        if data.get("don_vi"):
            lookups["unit"] = data["don_vi"]
        if data.get("nam"):
            lookups["meeting__start__year"] = data["nam"]
        if data.get("han"):
            today = timezone.localdate()
            lookups["deadline__range"] = (today, today + timedelta(days=data["han"]))
            lookups["state__in"] = OPEN_STATES
        return lookups


# 14h, 14h30, 14g30, 14 giờ, 14 giờ 30, 14:30, 14.30, 14
HOUR = re.compile(
    r"^(\d{1,2})\s*(?:(?:h|g|giờ|:|\.)\s*(\d{1,2})?\s*(?:phút|p|')?)?$", re.IGNORECASE
)
# Where an hour typed with a part of the day must fall (end hour excluded).
PART_HOURS = {
    TimeOfDay.MORNING: (0, 12),
    TimeOfDay.AFTERNOON: (12, 18),
    TimeOfDay.EVENING: (18, 24),
}


class HourField(forms.CharField):
    """An hour as officials write it; the value is a `datetime.time` or None."""

    default_error_messages = {
        "invalid": _("Giờ chưa đúng dạng: gõ ví dụ 14h, 14h30, 14 giờ hoặc 14:30."),
    }

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = HOUR.match(value)
        hour, minute = (int(match[1]), int(match[2] or 0)) if match else (99, 0)
        if hour > 23 or minute > 59:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)


class MeetingTimeMixin(forms.Form):
    """The start as a day plus either an hour or a part of the day (sáng, chiều, tối, cả ngày)."""

    start_date = forms.DateField(
        label=_("Ngày họp"),
        widget=AdminDateWidget(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Dạng dd/mm/yyyy, ví dụ 15/01/2026."),
    )
    start_hour = HourField(
        label=_("Giờ bắt đầu"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "14h30", "size": 8}),
        help_text=_("Ví dụ 14h, 14h30, 14 giờ hoặc 14:30. Để trống khi chỉ biết buổi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start = self.instance.start if self.instance.pk else None
        if start is not None:
            local = timezone.localtime(start)
            self.initial.setdefault("start_date", local.date())
            if self.instance.start_time_known:
                self.initial.setdefault("start_hour", f"{local:%H:%M}")
        field = self.fields.get("time_of_day")
        if field is not None:
            field.label = _("Buổi")
            field.help_text = _("Chọn buổi khi chưa biết giờ chính xác.")

    def clean(self):
        cleaned = super().clean()
        day, hour = cleaned.get("start_date"), cleaned.get("start_hour")
        part = cleaned.get("time_of_day") or TimeOfDay.EXACT
        if day is None or "start_hour" in self.errors:
            return cleaned
        if hour is None:
            if part == TimeOfDay.EXACT:
                self.add_error(
                    "start_hour",
                    _(
                        "Nhập giờ bắt đầu (ví dụ 14h30) hoặc chọn buổi họp "
                        "(sáng, chiều, tối, cả ngày)."
                    ),
                )
                return cleaned
            hour = datetime.time(NOMINAL_HOURS[part])
        elif part in PART_HOURS and not PART_HOURS[part][0] <= hour.hour < PART_HOURS[part][1]:
            self.add_error(
                "start_hour",
                _("%(hour)s không thuộc buổi %(part)s: sửa giờ hoặc chọn “Giờ chính xác”.")
                % {"hour": f"{hour:%H:%M}", "part": TimeOfDay(part).label.lower()},
            )
            return cleaned
        else:
            part = TimeOfDay.EXACT
        cleaned["time_of_day"] = part
        start = datetime.datetime.combine(day, hour)
        self.instance.start = timezone.make_aware(start)
        return cleaned


class MeetingAdminForm(MeetingTimeMixin, forms.ModelForm):
    """The meeting page: the minutes' status moves only as far as the user's rights allow.

    Lãnh đạo approves (``approve_minutes``); Thư ký or Lãnh đạo then publishes approved
    minutes (``publish_minutes``). Approved text changes only through a new approval.
    Everything is compared with the database, not the instance: a revert's instance is an
    old version, whose status would otherwise pass for unchanged.
    """

    can_approve = False  # both set for each request by the admin
    can_publish = False

    class Meta:
        model = Meeting
        fields = ["minutes", "minutes_status", "minutes_approved_at"]  # the admin adds the rest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status, self.stored_minutes = self._stored()
        field = self.fields.get("minutes_status")
        if field is not None:  # offer only the moves this user may make
            stored = self.stored_status
            field.choices = [
                (value, label)
                for value, label in field.choices
                if value == stored or not self._refusal(stored, value)
            ]

    def _stored(self):
        if self.instance.pk is None:
            return Minutes.DRAFT, ""
        row = Meeting.objects.filter(pk=self.instance.pk).values_list("minutes_status", "minutes")
        return row.first() or (Minutes.DRAFT, "")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("minutes_status") or self.stored_status
        stored = self.stored_status
        if status != stored:
            message = self._refusal(stored, status)
            if message:
                raise ValidationError({"minutes_status": message})
        sanitize = Meeting._meta.get_field("minutes").sanitize
        rewritten = "minutes" in cleaned and (
            sanitize(cleaned["minutes"] or "") != sanitize(self.stored_minutes or "")
        )
        if rewritten and status != Minutes.DRAFT and not self.can_approve:
            raise ValidationError(
                {
                    "minutes": _(
                        "Biên bản đã được duyệt: muốn sửa nội dung, hãy chuyển tình trạng về "
                        "“Dự thảo” để Lãnh đạo duyệt lại."
                    )
                }
            )
        return cleaned

    def _refusal(self, stored, status):
        """Why this user may not move the minutes from `stored` to `status`, or None."""
        if status == Minutes.DRAFT:
            return None  # taking minutes back to draft publishes nothing
        if status == Minutes.APPROVED and stored == Minutes.DRAFT and not self.can_approve:
            return _("Chỉ Lãnh đạo duyệt biên bản: hãy để “Dự thảo” và báo Lãnh đạo duyệt.")
        if not self.can_publish and Minutes.PUBLISHED in (stored, status):
            return _("Bạn chưa có quyền công bố hoặc thôi công bố biên bản.")
        if status == Minutes.PUBLISHED and stored == Minutes.DRAFT and not self.can_approve:
            return _("Biên bản phải được Lãnh đạo duyệt trước khi công bố.")
        return None
