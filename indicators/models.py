from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import CommuneOwned, ForCommuneQuerySet, commune_field

# Years a figure or target may be about; anything outside is a typing mistake.
MIN_YEAR = 2000
MAX_YEAR = 2100
HUNDRED = Decimal(100)


class IndicatorGroup(models.Model):
    code = models.SlugField(_("mã nhóm"), max_length=60, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm chỉ số")
        verbose_name_plural = _("nhóm chỉ số")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('indicators:dashboard')}#nhom-{self.code}"


class IndicatorQuerySet(models.QuerySet):
    def catalogue(self):
        """Every indicator with its group and formula parts, in display order (one query)."""
        return self.select_related("group", "numerator", "denominator").order_by(
            "group__order", "group__name", "order", "code"
        )


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = "count", _("số lượng")
        PERCENT = "percent", _("tỷ lệ phần trăm")

    class Computation(models.TextChoices):
        ENTERED = "entered", _("nhập trực tiếp")
        RATE = "rate", _("tính bằng tử số ÷ mẫu số")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("càng cao càng tốt")
        LOWER = "lower", _("càng thấp càng tốt")

    code = models.SlugField(
        _("mã chỉ số"),
        max_length=60,
        unique=True,
        help_text=_("Dùng trong đường dẫn và tệp xuất; không đổi sau khi đã công bố."),
    )
    name = models.CharField(_("tên chỉ số"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=80)
    group = models.ForeignKey(
        IndicatorGroup,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("nhóm"),
    )
    unit = models.CharField(_("đơn vị"), max_length=10, choices=Unit.choices)
    count_noun = models.CharField(
        _("đơn vị đếm"),
        max_length=40,
        blank=True,
        help_text=_("Với chỉ số số lượng, ví dụ: hồ sơ, tổ."),
    )
    definition = models.TextField(_("định nghĩa"), blank=True)
    computation = models.CharField(
        _("cách tính"), max_length=10, choices=Computation.choices, default=Computation.ENTERED
    )
    numerator = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tử số"),
    )
    denominator = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mẫu số"),
    )
    direction = models.CharField(
        _("chiều tốt"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân"),
        default=0,
        help_text=_("Số chữ số sau dấu phẩy khi hiển thị (tối đa 4)."),
    )
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = IndicatorQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["group__order", "order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimals__lte=4),
                name="indicator_decimals_at_most_4",
                violation_error_message=_("Tối đa 4 chữ số thập phân."),
            ),
            models.CheckConstraint(
                condition=Q(computation="entered", numerator__isnull=True, denominator__isnull=True)
                | Q(
                    computation="rate",
                    unit="percent",
                    numerator__isnull=False,
                    denominator__isnull=False,
                ),
                name="indicator_rate_has_both_parts",
                violation_error_message=_(
                    "Chỉ số tính theo tỷ lệ phải là tỷ lệ phần trăm và có đủ tử số, mẫu số; "
                    "chỉ số nhập trực tiếp thì không có tử số, mẫu số."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:detail", kwargs={"code": self.code})

    @property
    def is_rate(self):
        return self.computation == self.Computation.RATE

    @property
    def is_percent(self):
        return self.unit == self.Unit.PERCENT

    @property
    def formula(self):
        """The rate's formula in words, or '' for an indicator typed in directly."""
        if not self.is_rate:
            return ""
        return f"{self.numerator.name} ÷ {self.denominator.name} × 100"

    def clean(self):
        if not self.is_rate:
            return
        errors = {}
        if self.unit != self.Unit.PERCENT:
            errors["unit"] = _("Chỉ số tính theo tỷ lệ phải có đơn vị là tỷ lệ phần trăm.")
        for field in ("numerator", "denominator"):
            part = getattr(self, field)
            if part is None:
                errors[field] = _("Chỉ số tính theo tỷ lệ cần chọn chỉ số này.")
            elif part.pk == self.pk or part.is_rate or part.is_percent:
                errors[field] = _("Hãy chọn một chỉ số số lượng khác, nhập trực tiếp.")
        if not errors and self.numerator_id == self.denominator_id:
            errors["denominator"] = _("Tử số và mẫu số phải là hai chỉ số khác nhau.")
        if errors:
            raise ValidationError(errors)


class Comparator(models.TextChoices):
    AT_LEAST = "gte", "≥"
    AT_MOST = "lte", "≤"


class TargetQuerySet(models.QuerySet):
    def for_commune(self, commune):
        """The commune's own targets and the province-wide ones."""
        return self.filter(Q(commune=commune) | Q(commune__isnull=True))


class Target(CommuneOwned, models.Model):
    # Empty: a province-wide target, which every commune's figures are measured against.
    commune = commune_field(
        null=True,
        blank=True,
        default=None,
        help_text=_("Để trống khi chỉ tiêu áp dụng cho cả tỉnh."),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("chỉ số")
    )
    year = models.PositiveSmallIntegerField(_("năm mục tiêu"))
    comparator = models.CharField(
        _("so sánh"), max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    value = models.DecimalField(_("giá trị mục tiêu"), max_digits=14, decimal_places=4)
    basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        help_text=_(
            "Văn bản đặt ra chỉ tiêu và phạm vi của nó, ví dụ: Kế hoạch năm 2026 của UBND xã. "
            "Chỉ nhập chỉ tiêu đúng với chỉ số này."
        ),
    )
    basis_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("văn bản căn cứ"),
        help_text=_("Văn bản trong mục Văn bản đặt ra chỉ tiêu này, nếu đã có."),
    )

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "indicator", "year"],
                name="target_one_per_commune_indicator_year",
                violation_error_message=_("Chỉ số này đã có chỉ tiêu cho năm này."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(commune__isnull=True),
                name="target_one_province_wide_per_indicator_year",
                violation_error_message=_("Chỉ số này đã có chỉ tiêu toàn tỉnh cho năm này."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="target_year_range",
                violation_error_message=_("Năm phải từ 2000 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("Giá trị không được âm."),
            ),
        ]

    def __str__(self):
        return (
            f"{self.indicator.short_name} {self.year}: {self.get_comparator_display()} {self.value}"
        )

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def clean(self):
        if self.indicator_id and self.indicator.is_percent and self.value > HUNDRED:
            raise ValidationError({"value": _("Tỷ lệ phần trăm phải từ 0 đến 100.")})


class Qualifier(models.TextChoices):
    EXACT = "", _("(số chính xác)")
    ABOVE = "tren", _("trên")
    BELOW = "duoi", _("dưới")


class ValueQuerySet(ForCommuneQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible(self, include_unpublished=False):
        """What a reader may see: published figures, or every figure for staff."""
        return self if include_unpublished else self.published()

    def for_year(self, year):
        return self.filter(year=year)

    def years(self):
        """Distinct years that have figures, newest first."""
        return self.order_by("-year").values_list("year", flat=True).distinct()


class Value(CommuneOwned, models.Model):
    commune = commune_field()
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("chỉ số")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=4)
    # How many decimals the official wrote (93,5 → 1; 98 → 0): the figure is shown so.
    decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân đã nhập"), default=0, editable=False
    )
    qualifier = models.CharField(
        _("dấu"),
        max_length=4,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        blank=True,
        help_text=_("Chọn “trên” khi báo cáo ghi “trên 98%”: giá trị lưu là 98."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicator_values",
        verbose_name=_("cuộc họp nguồn"),
    )
    source_text = models.CharField(
        _("nguồn"),
        max_length=255,
        blank=True,
        help_text=_("Báo cáo hoặc văn bản có số liệu này."),
    )
    is_published = models.BooleanField(
        _("đã công bố"), default=False, help_text=_("Chỉ số liệu đã công bố mới hiện trên cổng.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("người nhập"),
    )
    entered_at = models.DateTimeField(_("nhập lúc"), default=timezone.now, editable=False)

    objects = ValueQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        permissions = [("publish_value", _("Có thể công bố và thôi công bố số liệu"))]
        ordering = ["-year", "indicator__group__order", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "indicator", "year"],
                name="value_one_per_commune_indicator_year",
                violation_error_message=_("Chỉ số này đã có số liệu cho năm này."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="value_year_range",
                violation_error_message=_("Năm phải từ 2000 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="value_not_negative",
                violation_error_message=_("Giá trị không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(decimals__lte=4),
                name="value_decimals_at_most_4",
                violation_error_message=_("Tối đa 4 chữ số thập phân."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.short_name} {self.year}"

    def get_absolute_url(self):
        return reverse("indicators:year", kwargs={"year": self.year})

    @property
    def formatted(self):
        """The figure as a report writes it: '2.945', '91,24%', 'trên 98%'."""
        from .formatting import format_value

        return format_value(self.indicator, self.value, self.qualifier, self.decimals)

    @property
    def as_entered(self):
        """The stored number with the decimals the official wrote: 93,5, not 93,5000."""
        from .formatting import at_places

        return at_places(self.value, self.decimals)

    def clean(self):
        from .rules import value_errors

        errors = value_errors(self)
        if errors:
            raise ValidationError(errors)
