"""Meetings and what is recorded at them: attendance, agenda, difficulties, attachments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from communes.models import CommuneOwned, ForCommuneQuerySet, commune_field
from portal import uploads
from portal.media import private_storage
from portal.text import shorten

from ..text import unique_slug
from .people import Committee, Membership, Person, Role, Unit

# DOC and XLS are left out: their binary format cannot be told apart by content here.
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "png"]
ATTACHMENT_MAX_BYTES = 20 * uploads.MB
MINUTES_EXTENSIONS = {
    "Document": True,
    "Paragraph": True,
    "Text": True,
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


class MeetingQuerySet(ForCommuneQuerySet):
    def public(self):
        """Meetings citizens may see: every meeting, cancelled ones marked as such."""
        return self.select_related("committee", "chair")

    def for_list(self):
        """For a list of meetings, which never shows the minutes (often pages long)."""
        return self.defer("minutes")

    def held(self):
        """Meetings that took place."""
        return self.filter(status=Meeting.Status.HELD)

    def _ahead(self, now):
        """Not started yet: by the hour when it is known, else by the (local) day."""
        now = now or timezone.now()
        exact = Q(time_of_day=TimeOfDay.EXACT)
        return Q(status=Meeting.Status.PLANNED) & (
            (exact & Q(start__gte=now)) | (~exact & Q(start__date__gte=timezone.localdate(now)))
        )

    def upcoming(self, now=None):
        """Planned meetings that have not started yet, soonest first."""
        return self.filter(self._ahead(now)).order_by("start")

    def next_start(self, now=None):
        """When the next planned meeting starts (it then leaves `upcoming()`), or None."""
        now = now or timezone.now()
        return self.upcoming(now).values_list("start", flat=True).first()

    def not_upcoming(self, now=None):
        """Everything `upcoming()` leaves out: held, cancelled, and planned ones already past."""
        return self.exclude(self._ahead(now))


class TimeOfDay(models.TextChoices):
    """When a meeting starts: an exact hour, or only the part of the day officials know."""

    EXACT = "exact", _("Giờ chính xác")
    MORNING = "morning", _("Sáng")
    AFTERNOON = "afternoon", _("Chiều")
    EVENING = "evening", _("Tối")
    ALL_DAY = "all_day", _("Cả ngày")


# The hour a part of the day is stored at, so that meetings of one day sort in order.
NOMINAL_HOURS = {
    TimeOfDay.MORNING: 8,
    TimeOfDay.AFTERNOON: 14,
    TimeOfDay.EVENING: 19,
    TimeOfDay.ALL_DAY: 7,
}


class Meeting(CommuneOwned, models.Model):
    TimeOfDay = TimeOfDay

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường kỳ")
        EXTRAORDINARY = "extraordinary", _("Bất thường")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã họp")
        CANCELLED = "cancelled", _("Đã hủy")

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")
        PUBLISHED = "published", _("Đã công bố")

    commune = commune_field()
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("ban")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề."),
    )
    start = models.DateTimeField(_("bắt đầu"))
    time_of_day = models.CharField(
        _("buổi"),
        max_length=10,
        choices=TimeOfDay.choices,
        default=TimeOfDay.EXACT,
        help_text=_("Khi chỉ biết buổi họp (sáng, chiều, tối, cả ngày), cổng chỉ ghi buổi."),
    )
    end = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chủ trì"),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    minutes = ProseEditorField(
        _("biên bản"), extensions=MINUTES_EXTENSIONS, sanitize=True, blank=True
    )
    minutes_status = models.CharField(
        _("tình trạng biên bản"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
        help_text=_("Biên bản chỉ hiện trên cổng khi đã công bố."),
    )
    minutes_approved_at = models.DateField(_("ngày duyệt biên bản"), null=True, blank=True)
    reviewed_year = models.PositiveSmallIntegerField(
        _("năm được đánh giá"),
        null=True,
        blank=True,
        help_text=_("Năm có số liệu chỉ tiêu được cuộc họp xem xét, ví dụ 2025."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["-start", "pk"]
        # Lãnh đạo approves the minutes; then Thư ký or Lãnh đạo publishes approved minutes.
        permissions = [
            ("approve_minutes", _("Có thể duyệt biên bản")),
            ("publish_minutes", _("Có thể công bố và thôi công bố biên bản đã duyệt")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="meetings_meeting_slug_per_commune",
                violation_error_message=_("Xã đã có cuộc họp với đường dẫn này."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="meeting_end_after_start",
                violation_error_message=_("Giờ kết thúc phải sau giờ bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(reviewed_year__isnull=True)
                | Q(reviewed_year__gte=2000, reviewed_year__lte=2100),
                name="meeting_reviewed_year_range",
                violation_error_message=_("Năm được đánh giá phải từ 2000 đến 2100."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, "cuoc-hop")
        if not self.start_time_known and self.start:
            # Only the day counts; a fixed hour per part keeps a day's meetings in order.
            local = timezone.localtime(self.start)
            hour = NOMINAL_HOURS[self.time_of_day]
            self.start = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        # The form sanitises too; this covers every other way in (shell, imports, demo data).
        self.minutes = self._meta.get_field("minutes").sanitize(self.minutes or "")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def clean(self):
        approved = (self.MinutesStatus.APPROVED, self.MinutesStatus.PUBLISHED)
        if self.minutes_status in approved and not self.minutes_approved_at:
            raise ValidationError(
                {"minutes_approved_at": _("Biên bản đã duyệt cần có ngày duyệt (dd/mm/yyyy).")}
            )
        if self.minutes_status == self.MinutesStatus.PUBLISHED and not self.minutes:
            raise ValidationError({"minutes": _("Chưa có nội dung biên bản để công bố.")})

    @property
    def day(self):
        """The local date of the meeting."""
        return timezone.localdate(self.start)

    @property
    def start_time_known(self):
        return self.time_of_day == TimeOfDay.EXACT

    @property
    def session(self):
        """The part of the day as it is said ('chiều', 'cả ngày'); '' when the hour is known."""
        return "" if self.start_time_known else str(self.get_time_of_day_display()).lower()

    @property
    def minutes_public(self):
        return self.minutes_status == self.MinutesStatus.PUBLISHED and bool(self.minutes)


class Attachment(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo")
        RESOLUTION = "resolution", _("Nghị quyết, kết luận")
        PLAN = "plan", _("Kế hoạch")
        OTHER = "other", _("Tài liệu khác")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("cuộc họp")
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    file = models.FileField(
        _("tệp"),
        upload_to=uploads.UploadTo("cuoc-hop/%Y/"),
        # Private: served only while the attachment is public (meetings.files).
        storage=private_storage,
        max_length=255,
        validators=[uploads.FileValidator(ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES)],
        help_text=_(
            "PDF, Word (DOCX, ODT), Excel (XLSX, ODS) hoặc ảnh JPEG, PNG; tối đa 20 MB mỗi tệp "
            "(mỗi lần lưu gửi tối đa 30 MB). Tệp DOC, XLS cũ: hãy lưu lại thành DOCX, XLSX. "
            "Ảnh được lưu lại không kèm thông tin vị trí."
        ),
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("loại nội dung"), max_length=100, blank=True, editable=False)
    public = models.BooleanField(_("công khai"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.original_name = uploads.display_name(self.file.name)
            self.content_type = uploads.prepare(self.file).content_type
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url


class AttendanceQuerySet(models.QuerySet):
    def in_role_order(self):
        """Protocol order: members by the order set (the member order unless changed), then
        by role; guests (no role in the committee) after the members."""
        return self.order_by(
            Case(When(committee_role__isnull=True, then=Value(1)), default=Value(0)),
            F("order").asc(nulls_last=True),
            "committee_role",
            "pk",
        )


class Attendance(models.Model):
    class MeetingRole(models.TextChoices):
        CHAIR = "chair", _("Chủ trì")
        MEMBER = "member", _("Thành viên")
        PRESENTER = "presenter", _("Báo cáo")
        SECRETARY = "secretary", _("Thư ký")
        GUEST = "guest", _("Khách mời")

    class Presence(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        EXCUSED = "excused", _("Vắng có lý do")
        ABSENT = "absent", _("Vắng")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("cuộc họp")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("người")
    )
    title = models.CharField(
        _("chức vụ lúc họp"),
        max_length=255,
        blank=True,
        help_text=_("Lấy từ danh sách thành viên Ban vào ngày họp; sửa được."),
    )
    committee_role = models.PositiveSmallIntegerField(
        _("vai trò trong Ban"), choices=Role.choices, null=True, blank=True
    )
    meeting_role = models.CharField(
        _("vai trò trong cuộc họp"),
        max_length=20,
        choices=MeetingRole.choices,
        default=MeetingRole.MEMBER,
    )
    presence = models.CharField(
        _("tham dự"), max_length=20, choices=Presence.choices, default=Presence.PRESENT
    )
    absence_reason = models.CharField(
        _("lý do vắng (nội bộ)"),
        max_length=255,
        blank=True,
        help_text=_("Chỉ cán bộ quản trị xem; không bao giờ hiện trên cổng."),
    )
    order = models.PositiveSmallIntegerField(
        _("thứ tự"),
        null=True,
        blank=True,
        help_text=_("Để trống để theo thứ tự thành viên Ban; khách mời xếp sau thành viên."),
    )

    objects = AttendanceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người dự họp")
        verbose_name_plural = _("người dự họp")
        ordering = ["meeting", F("order").asc(nulls_last=True), "committee_role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message=_("Người này đã có trong danh sách dự họp."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.title})" if self.title else str(self.person)

    def save(self, *args, **kwargs):
        if not self.title or self.committee_role is None or self.order is None:
            self.fill_from_membership()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @property
    def present(self):
        return self.presence == self.Presence.PRESENT

    def fill_from_membership(self):
        """Title, committee role and order as they stood on the meeting date, where blank."""
        membership = (
            Membership.objects.on(timezone.localdate(self.meeting.start))
            .filter(committee_id=self.meeting.committee_id, person_id=self.person_id)
            .order_by("role")
            .first()
        )
        if membership:
            self.title = self.title or membership.title
            if self.committee_role is None:
                self.committee_role = membership.role
            if self.order is None:
                self.order = membership.order


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("cuộc họp")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("người trình bày"),
    )
    presenter_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("đơn vị trình bày"),
    )
    content = models.TextField(_("tóm tắt"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục chương trình họp")
        verbose_name_plural = _("chương trình họp")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#chuong-trinh"


class Issue(models.Model):
    """A difficulty or shortcoming (khó khăn, hạn chế) raised at a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="issues", verbose_name=_("cuộc họp")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.TextField(_("nội dung"))
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name=_("đơn vị liên quan"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khó khăn, hạn chế")
        verbose_name_plural = _("khó khăn, hạn chế")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return shorten(self.text, 80)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#kho-khan"
