"""Directives (kết luận chỉ đạo) and their progress; overdue is derived, never stored."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.text import shorten

from .meetings import Meeting
from .people import Person, Unit

# "Due soon" on the home page and in the tracker's filter.
DUE_SOON_DAYS = 7


def _open():
    return ~Q(status__in=[Directive.Status.DONE, Directive.Status.CANCELLED])


def _overdue(today):
    return _open() & Q(deadline__lt=today)


def _unassigned():
    """Open, with neither a unit nor a person (the state says so only when not overdue)."""
    return _open() & Q(unit__isnull=True, person__isnull=True)


class DirectiveQuerySet(models.QuerySet):
    def for_commune(self, commune):
        """A directive belongs to its meeting's commune."""
        return self.filter(meeting__commune=commune)

    def with_state(self, today=None):
        """Annotate `is_overdue`, `is_late` and `state` (the status as the public reads it),
        for filtering and counting by them; a row read without them works them out itself
        by the same rule (``Directive.state``), which is cheaper than compiling this.

        Overdue is derived against the local date (Asia/Ho_Chi_Minh), never stored.
        """
        today = today or timezone.localdate()
        overdue = _overdue(today)
        late = Q(
            status=Directive.Status.DONE, deadline__isnull=False, completed_on__gt=F("deadline")
        )
        unassigned = _unassigned()
        return self.annotate(
            is_overdue=Case(When(overdue, then=Value(True)), default=Value(False)),
            is_late=Case(When(late, then=Value(True)), default=Value(False)),
            state=Case(
                When(status=Directive.Status.CANCELLED, then=Value(State.CANCELLED)),
                When(late, then=Value(State.DONE_LATE)),
                When(status=Directive.Status.DONE, then=Value(State.DONE)),
                When(overdue, then=Value(State.OVERDUE)),
                When(unassigned, then=Value(State.UNASSIGNED)),
                When(status=Directive.Status.IN_PROGRESS, then=Value(State.IN_PROGRESS)),
                default=Value(State.ASSIGNED),
                output_field=models.CharField(),
            ),
        )

    def watch_counts(self, today=None, soon_days=DUE_SOON_DAYS):
        """{overdue, due_soon, unassigned}: what the home page counts, in one query that
        compiles without the state annotation (its CASE costs 5 ms of CPU to build)."""
        today = today or timezone.localdate()
        not_overdue = ~Q(deadline__lt=today)  # a directive without a deadline included
        return self.aggregate(
            overdue=Count("pk", filter=_overdue(today)),
            due_soon=Count(
                "pk", filter=_open() & Q(deadline__range=(today, today + timedelta(soon_days)))
            ),
            unassigned=Count("pk", filter=_unassigned() & not_overdue),
        )

    def overdue(self, today=None):
        """Open directives whose deadline is before today (local date)."""
        return self.with_state(today).filter(is_overdue=True)

    def due_within(self, days, today=None):
        """Open directives overdue or due in the next `days` days (local date), soonest first."""
        today = today or timezone.localdate()
        return (
            self.with_state(today)
            .exclude(status__in=[Directive.Status.DONE, Directive.Status.CANCELLED])
            .filter(deadline__lte=today + timedelta(days=days))
            .order_by("deadline", "pk")
        )

    def dated_before_meeting(self):
        """Directives whose deadline or completion falls before the meeting that issued them
        (rows from before that rule; the work list asks for them to be put right)."""
        day = TruncDate("meeting__start")
        return self.filter(Q(deadline__lt=day) | Q(completed_on__lt=day))

    def for_rows(self):
        """What a directive's row shows beside its meeting: the unit, the person, progress."""
        return self.select_related("unit", "person").prefetch_related("updates")

    def for_tracker(self):
        """Everything the tracker shows, overdue first, in a fixed number of queries."""
        return (
            self.for_rows()
            .select_related("meeting")
            # Open ones by deadline put the overdue first whatever the day: no per-row Case.
            .order_by(
                "closed",
                F("deadline").asc(nulls_last=True),
                "-meeting__start",
                "order",
                "pk",
            )
        )


class State(models.TextChoices):
    """A directive's status as the public reads it, derived from status, deadline and today."""

    UNASSIGNED = "unassigned", _("Chưa phân công")
    ASSIGNED = "assigned", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    OVERDUE = "overdue", _("Quá hạn")
    DONE = "done", _("Hoàn thành")
    DONE_LATE = "done_late", _("Hoàn thành trễ hạn")
    CANCELLED = "cancelled", _("Đã hủy")


class Directive(models.Model):
    """A direction (kết luận chỉ đạo) issued at a meeting, followed until it is done."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Đã giao")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")
        CANCELLED = "cancelled", _("Đã hủy")

    State = State

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="directives", verbose_name=_("cuộc họp")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.TextField(_("nội dung chỉ đạo"))
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directives",
        verbose_name=_("đơn vị chủ trì"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directives",
        verbose_name=_("người phụ trách"),
    )
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    # The tracker's sort key, kept by save(): done and cancelled directives go last.
    closed = models.BooleanField(default=False, editable=False)

    objects = DirectiveQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết luận chỉ đạo")
        verbose_name_plural = _("kết luận chỉ đạo")
        ordering = ["meeting", "order", "pk"]
        indexes = [models.Index(fields=["closed", "deadline"], name="directive_tracker_order")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="directive_done_has_date",
                violation_error_message=_("Kết luận đã hoàn thành cần có ngày hoàn thành."),
            ),
            models.CheckConstraint(
                condition=Q(status="done") | Q(completed_on__isnull=True),
                name="directive_date_only_when_done",
                violation_error_message=_(
                    "Chỉ ghi ngày hoàn thành khi tình trạng là “Hoàn thành”."
                ),
            ),
        ]

    def __str__(self):
        return shorten(self.text, 80)

    def save(self, *args, **kwargs):
        self.closed = self.status in (self.Status.DONE, self.Status.CANCELLED)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "closed"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#ket-luan-{self.pk}"

    # The rule of ``with_state()``, for rows read without it; an annotation from it, set on
    # the instance, takes the place of these.
    @cached_property
    def state(self):
        """The status as the public reads it on today's local date."""
        if self.status == self.Status.CANCELLED:
            return State.CANCELLED
        if self.status == self.Status.DONE:
            late = self.deadline and self.completed_on and self.completed_on > self.deadline
            return State.DONE_LATE if late else State.DONE
        if self.deadline and self.deadline < timezone.localdate():
            return State.OVERDUE
        if self.unit_id is None and self.person_id is None:
            return State.UNASSIGNED
        return State.IN_PROGRESS if self.status == self.Status.IN_PROGRESS else State.ASSIGNED

    @cached_property
    def is_overdue(self):
        return self.state == State.OVERDUE

    @cached_property
    def is_late(self):
        return self.state == State.DONE_LATE

    def clean(self):
        day = meeting_day(self)
        if day is None:
            return
        errors = {}
        if self.deadline and self.deadline < day:
            errors["deadline"] = _(
                "Hạn hoàn thành không được trước ngày họp %(day)s, ngày kết luận được đưa ra: "
                "hãy nhập một ngày từ %(day)s trở đi."
            ) % {"day": f"{day:%d/%m/%Y}"}
        if self.completed_on and self.completed_on < day:
            errors["completed_on"] = _(
                "Ngày hoàn thành không được trước ngày họp %(day)s: hãy kiểm tra lại ngày."
            ) % {"day": f"{day:%d/%m/%Y}"}
        if errors:
            raise ValidationError(errors)


def meeting_day(directive):
    """The local day of the directive's meeting, or None while the meeting is not known yet
    (a new meeting whose own date is still invalid)."""
    try:
        start = directive.meeting.start
    except Meeting.DoesNotExist:
        return None
    return timezone.localdate(start) if start else None


class DirectiveUpdate(models.Model):
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="updates", verbose_name=_("kết luận")
    )
    date = models.DateField(_("ngày"), default=timezone.localdate)
    note = models.CharField(_("tiến độ"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["directive", "-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {shorten(self.note, 60)}"

    def get_absolute_url(self):
        return self.directive.get_absolute_url()

    def clean(self):
        try:
            day = meeting_day(self.directive)
        except Directive.DoesNotExist:
            return
        if day and self.date and self.date < day:
            raise ValidationError(
                {
                    "date": _(
                        "Ngày cập nhật tiến độ không được trước ngày họp %(day)s của kết luận này."
                    )
                    % {"day": f"{day:%d/%m/%Y}"}
                }
            )
