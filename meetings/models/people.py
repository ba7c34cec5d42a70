"""People and bodies: who sits on the committee, in which role, with which title."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import CommuneOwned, ForCommuneQuerySet, commune_field

from ..text import unique_slug


class Person(CommuneOwned, models.Model):
    commune = commune_field()
    full_name = models.CharField(_("họ và tên"), max_length=120)
    note = models.CharField(
        _("ghi chú nội bộ"),
        max_length=255,
        blank=True,
        help_text=_("Chỉ cán bộ quản trị xem; không hiện trên cổng."),
    )

    objects = ForCommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("meetings:committee")


class Unit(CommuneOwned, models.Model):
    commune = commune_field()
    name = models.CharField(_("tên đơn vị"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)

    objects = ForCommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="meetings_unit_name_per_commune",
                violation_error_message=_("Xã đã có đơn vị tên này."),
            ),
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="meetings_unit_slug_per_commune",
                violation_error_message=_("Xã đã có đơn vị với đường dẫn này."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, "don-vi")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('meetings:directives')}?don_vi={self.slug}"


class Committee(CommuneOwned, models.Model):
    commune = commune_field()
    name = models.CharField(_("tên"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255)
    description = models.TextField(_("giới thiệu"), blank=True)

    objects = ForCommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ban chỉ đạo")
        verbose_name_plural = _("ban chỉ đạo")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="meetings_committee_slug_per_commune",
                violation_error_message=_("Xã đã có ban với đường dẫn này."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:committee")


class MembershipQuerySet(models.QuerySet):
    def for_commune(self, commune):
        """A membership belongs to its committee's commune."""
        return self.filter(committee__commune=commune)

    def on(self, day):
        """Memberships that held on `day` (from and to dates included)."""
        return self.filter(Q(start__lte=day) | Q(start__isnull=True)).filter(
            Q(end__gte=day) | Q(end__isnull=True)
        )

    def current(self):
        return self.on(timezone.localdate())

    def past(self):
        return self.filter(end__lt=timezone.localdate())


class Role(models.IntegerChoices):
    """Roles in the committee; the number is the order pages list them in."""

    HEAD = 10, _("Trưởng Ban")
    STANDING_DEPUTY = 20, _("Phó Trưởng Ban thường trực")
    DEPUTY = 30, _("Phó Trưởng Ban")
    MEMBER = 40, _("Thành viên")
    SECRETARY = 50, _("Thư ký")


class Membership(models.Model):
    Role = Role

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("ban")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("người")
    )
    role = models.PositiveSmallIntegerField(
        _("vai trò trong Ban"), choices=Role.choices, default=Role.MEMBER
    )
    title = models.CharField(
        _("chức vụ"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("đơn vị công tác"),
    )
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(
        _("thứ tự"),
        null=True,
        blank=True,
        help_text=_(
            "Thứ tự theo nghi thức trên cổng và trong danh sách dự họp (1, 2, 3…); "
            "để trống thì xếp theo vai trò."
        ),
    )

    objects = MembershipQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên Ban")
        verbose_name_plural = _("thành viên Ban")
        # Protocol order as an official set it; members without one follow by role.
        ordering = ["committee", F("order").asc(nulls_last=True), "role", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.title or self.get_role_display()}"

    def get_absolute_url(self):
        return reverse("meetings:committee")
