from django.contrib.postgres.search import SearchVectorField
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SiteIdentity(models.Model):
    """The portal's one identity record; empty fields are left out of every page."""

    commune_name = models.CharField(_("tên xã"), max_length=120)
    province = models.CharField(_("tỉnh"), max_length=120, blank=True)
    committee_name = models.CharField(_("tên Ban Chỉ đạo"), max_length=255)
    committee_short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    owner_agency = models.CharField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Ủy ban nhân dân xã Minh Đức."),
    )
    logo = models.ImageField(_("biểu trưng"), upload_to="site/", blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ người chịu trách nhiệm nội dung."),
    )
    visits_before_launch = models.PositiveBigIntegerField(
        _("lượt truy cập trước khi chuyển sang cổng này"),
        default=0,
        help_text=_("Cộng vào tổng lượt truy cập, để giữ số liệu của cổng cũ."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thông tin cổng")
        verbose_name_plural = _("thông tin cổng")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.committee_name} {self.commune_name}"

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first()

    @property
    def full_name(self):
        return f"{self.committee_name} {self.commune_name}"


class DailyVisitsQuerySet(models.QuerySet):
    def totals(self, today=None):
        """Today's, this month's and all-time visits in one query."""
        today = today or timezone.localdate()
        return self.aggregate(
            today=Sum("count", filter=Q(day=today), default=0),
            month=Sum("count", filter=Q(day__gte=today.replace(day=1)), default=0),
            total=Sum("count", default=0),
        )


class DailyVisits(models.Model):
    day = models.DateField(_("ngày"), unique=True)
    count = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    objects = DailyVisitsQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.count}"

    @classmethod
    def record(cls, day=None):
        """Add one visit to the day's row; an UPDATE in the database, so none is lost."""
        day = day or timezone.localdate()
        if cls.objects.filter(day=day).update(count=F("count") + 1):
            return 1
        try:
            with transaction.atomic():
                cls.objects.create(day=day, count=1)
        except IntegrityError:  # another request created the row first
            cls.objects.filter(day=day).update(count=F("count") + 1)
        return 1


class SearchEntry(models.Model):
    """One searchable page (article, meeting, directive, indicator), kept by portal.search.

    Holds the text as shown (for excerpts), the same text folded (diacritics removed, for
    SQLite and for ranking) and, on PostgreSQL, a weighted tsvector with a GIN index.
    Whether a row may be shown is decided at query time by each app's own queryset.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin tức")
        MEETING = "meeting", _("Cuộc họp")
        DIRECTIVE = "directive", _("Kết luận chỉ đạo")
        INDICATOR = "indicator", _("Chỉ số")
        DOCUMENT = "document", _("Văn bản")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("mã đối tượng"))
    title = models.TextField(_("tiêu đề"))
    body = models.TextField(_("nội dung"), blank=True)
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(_("ngày"), null=True, blank=True)
    category = models.CharField(_("chuyên mục"), max_length=200, blank=True)
    # Filled on PostgreSQL only; its GIN index is created by migration 0003 there.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url
