from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import (
    Commune,
    CommuneOwned,
    ForCommuneQuerySet,
    commune_field,
    first_commune_pk,
)

from . import uploads


def parse_footer_links(text):
    for line in (text or "").splitlines():
        if line.strip():
            label, _sep, url = line.partition("|")
            yield label.strip(), url.strip()


def validate_footer_links(text):
    check_url = URLValidator(schemes=["http", "https"])
    for number, (label, url) in enumerate(parse_footer_links(text), start=1):
        try:
            if not label:
                raise ValidationError("")
            check_url(url)
        except ValidationError:
            raise ValidationError(
                _("Dòng %(number)d cần có dạng “Tên | https://địa-chỉ”."),
                params={"number": number},
            ) from None


class SiteIdentity(models.Model):
    """A commune's identity on its portal; empty fields are left out of every page."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="identity", verbose_name=_("xã")
    )
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
    logo = models.ImageField(
        _("biểu trưng"),
        # Always public, so in MEDIA_ROOT; re-encoded on save like every uploaded image.
        upload_to=uploads.UploadTo("site/"),
        blank=True,
        validators=[uploads.FileValidator(["png", "jpg", "webp"], 2 * uploads.MB)],
        help_text=_("Ảnh PNG, JPEG hoặc WebP (không nhận SVG), tối đa 2 MB."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"),
        max_length=255,
        blank=True,
        help_text=_("Họ tên và chức vụ người chịu trách nhiệm nội dung."),
    )
    footer_links = models.TextField(
        _("liên kết ở chân trang"),
        blank=True,
        validators=[validate_footer_links],
        help_text=_(
            "Mỗi dòng một liên kết, tên và địa chỉ cách nhau bởi dấu |, ví dụ: "
            "Cổng Dịch vụ công quốc gia | https://dichvucong.gov.vn"
        ),
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

    def save(self, *args, **kwargs):
        if self.logo and not self.logo._committed:
            uploads.prepare(self.logo)
        super().save(*args, **kwargs)

    @classmethod
    def current(cls, commune=None):
        """The identity of ``commune`` (of the first commune when none is named)."""
        rows = cls.objects.order_by("pk")
        return (rows.filter(commune=commune) if commune else rows).first()

    @property
    def full_name(self):
        return f"{self.committee_name} {self.commune_name}"

    # What a state portal must publish about who runs it (shown in the footer when filled).
    CONTACT_FIELDS = ("owner_agency", "responsible_person", "address", "phone", "email")

    @property
    def missing_contact_fields(self):
        """The names of the contact fields still empty, for the admin's work list."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.CONTACT_FIELDS
            if not getattr(self, name)
        ]

    @property
    def links(self):
        """[(label, url)] from ``footer_links``, one "label | url" a line."""
        return list(parse_footer_links(self.footer_links))


class DailyVisitsQuerySet(ForCommuneQuerySet):
    def totals(self, today=None):
        """Today's, this month's and all-time visits in one query."""
        today = today or timezone.localdate()
        return self.aggregate(
            today=Sum("count", filter=Q(day=today), default=0),
            month=Sum("count", filter=Q(day__gte=today.replace(day=1)), default=0),
            total=Sum("count", default=0),
        )


class DailyVisits(CommuneOwned, models.Model):
    commune = commune_field()
    day = models.DateField(_("ngày"))
    count = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    objects = DailyVisitsQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "day"], name="daily_visits_per_commune")
        ]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.count}"

    @classmethod
    def record(cls, day=None, commune=None):
        """Add one visit to the commune's day row; an UPDATE in the database, so none is lost."""
        day = day or timezone.localdate()
        commune_id = commune.pk if commune else first_commune_pk()
        rows = cls.objects.filter(commune_id=commune_id, day=day)
        if rows.update(count=F("count") + 1):
            return 1
        try:
            with transaction.atomic():
                cls.objects.create(commune_id=commune_id, day=day, count=1)
        except IntegrityError:  # another request created the row first
            rows.update(count=F("count") + 1)
        return 1


class SearchEntry(CommuneOwned, models.Model):
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
        COMMITTEE = "committee", _("Ban Chỉ đạo")
        DOCUMENT = "document", _("Văn bản")

    commune = commune_field()
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("mã đối tượng"))
    title = models.TextField(_("tiêu đề"))
    body = models.TextField(_("nội dung"), blank=True)
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(_("ngày"), null=True, blank=True)
    category = models.CharField(_("chuyên mục"), max_length=200, blank=True)
    # For kinds whose source has a window (portal.search.Source.window): shown between these
    # (no start: never; no end: for good).
    shown_from = models.DateTimeField(null=True, blank=True, editable=False)
    shown_until = models.DateTimeField(null=True, blank=True, editable=False)
    # Filled on PostgreSQL only; its GIN index is created by migration 0003 there.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind", "object_id"], name="search_entry_unique_per_commune"
            )
        ]
        indexes = [
            # A search takes a commune's newest matches in this order (portal.search
            # .CANDIDATES): a common word stops after that many rows, not sorting every match.
            models.Index(
                "commune", F("date").desc(), F("id").desc(), name="search_entry_commune_newest"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class SearchWordQuerySet(models.QuerySet):
    def nearest(self, query_words):
        """{word: the closest indexed word by trigram similarity} in one query (pg_trgm)."""
        sql = (
            "SELECT term, (SELECT w.word FROM portal_searchword w WHERE w.word %% term "
            "ORDER BY similarity(w.word, term) DESC, w.word LIMIT 1) "
            "FROM unnest(%s::text[]) AS term"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [list(query_words)])
            return dict(cursor.fetchall())


class SearchWord(models.Model):
    """Every folded word the search has indexed (PostgreSQL only): where suggestions come from.

    Words are never removed; a suggestion is checked against visible entries before it is shown.
    """

    word = models.CharField(_("từ"), max_length=100, unique=True)

    objects = SearchWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("từ đã lập chỉ mục")
        verbose_name_plural = _("từ đã lập chỉ mục")
        ordering = ["word"]

    def __str__(self):
        return self.word

    @classmethod
    def add(cls, words):
        fresh = {word for word in words if 2 <= len(word) <= 100 and not word.isdigit()}
        cls.objects.bulk_create([cls(word=w) for w in fresh], ignore_conflicts=True)
