"""The register of documents (văn bản): what the committee works from and what it issues.

Validity (còn hiệu lực, hết hiệu lực, bị thay thế ...) is derived from the type, the dates
and the relations at query time, never stored. Every link to meetings and directives lives
here: `meetings` does not know this app.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import CommuneOwned, ForCommuneQuerySet, commune_field
from meetings.models import Attachment, Directive, Meeting
from portal import uploads
from portal.media import private_storage
from portal.text import unique_slug

from .uploads import extension, extract_text, validate_document_file


class ListEntry(models.Model):
    """A row of a list officials extend: document types, issuing bodies, fields."""

    name = models.CharField(_("tên"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentType(ListEntry):
    has_effect = models.BooleanField(
        _("có hiệu lực thi hành"),
        default=True,
        help_text=_(
            "Bỏ chọn với báo cáo, thông báo, công văn: hiệu lực của chúng “không áp dụng”."
        ),
    )

    history = HistoricalRecords()

    class Meta(ListEntry.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class Issuer(ListEntry):
    history = HistoricalRecords()

    class Meta(ListEntry.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class Sector(ListEntry):
    history = HistoricalRecords()

    class Meta(ListEntry.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class Validity(models.TextChoices):
    """A document's validity as the public reads it; the values are the list's filter."""

    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    REPLACED = "bi-thay-the", _("Bị thay thế")
    NOT_APPLICABLE = "khong-ap-dung", _("Không áp dụng")


class DocumentQuerySet(ForCommuneQuerySet):
    def published(self):
        """Documents the public may see: published, public in scope (never internal or mật)."""
        return self.filter(is_published=True, scope=Document.Scope.PUBLIC)

    def in_effect_on(self, today):
        """Documents whose effect has begun by `today` (from the issue date when none is set)."""
        return self.filter(
            Q(effective_from__lte=today) | Q(effective_from__isnull=True, issued_on__lte=today)
        )

    def with_validity(self, today=None):
        """Annotate `validity` and, when replaced, the replacing document's number and slug.

        Only a published replacement whose effect has begun replaces: a draft does not.
        """
        today = today or timezone.localdate()
        # Conditions on the joined row rather than `source__in=...`: SQLite would otherwise
        # run the inner query once per document.
        replacers = DocumentRelation.objects.filter(
            Q(source__effective_from__lte=today)
            | Q(source__effective_from__isnull=True, source__issued_on__lte=today),
            target=OuterRef("pk"),
            kind=DocumentRelation.Kind.REPLACES,
            source__is_published=True,
            source__scope=Document.Scope.PUBLIC,
        ).order_by("-source__issued_on", "-source__pk")
        return self.annotate(
            replaced=Exists(replacers),
            replaced_by_number=Subquery(replacers.values("source__number")[:1]),
            replaced_by_slug=Subquery(replacers.values("source__slug")[:1]),
        ).annotate(
            validity=Case(
                When(doc_type__has_effect=False, then=Value(Validity.NOT_APPLICABLE)),
                When(replaced=True, then=Value(Validity.REPLACED)),
                When(effective_until__lt=today, then=Value(Validity.EXPIRED)),
                When(effective_from__gt=today, then=Value(Validity.NOT_YET)),
                When(
                    effective_from__isnull=True, issued_on__gt=today, then=Value(Validity.NOT_YET)
                ),
                default=Value(Validity.IN_FORCE),
                output_field=models.CharField(),
            )
        )

    def for_list(self, today=None):
        """What a list row shows, in one query, newest issue first."""
        return (
            self.select_related("doc_type", "issuer", "sector")
            .with_validity(today)
            .order_by("-issued_on", "-pk")
        )


class Document(CommuneOwned, models.Model):
    class Scope(models.TextChoices):
        PUBLIC = "public", _("Công khai")
        INTERNAL = "internal", _("Nội bộ")
        SECRET = "secret", _("Mật")

    commune = commune_field()
    number = models.CharField(
        _("số ký hiệu"), max_length=60, help_text=_("Ví dụ: 57-NQ/TW, 01/KH-BCĐ.")
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("loại")
    )
    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("cơ quan ban hành"),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("lĩnh vực"),
    )
    title = models.TextField(_("trích yếu"), max_length=1000)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        blank=True,
        help_text=_("Để trống để tạo tự động từ loại và số ký hiệu."),
    )
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống khi văn bản có hiệu lực từ ngày ban hành."),
    )
    effective_until = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    scope = models.CharField(
        _("phạm vi công bố"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.PUBLIC,
        help_text=_("Văn bản nội bộ và văn bản mật không bao giờ hiện trên cổng."),
    )
    is_published = models.BooleanField(_("đã công bố"), default=False)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    issued_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents_issued",
        verbose_name=_("ban hành từ cuộc họp"),
        help_text=_("Với thông báo kết luận, kế hoạch: cuộc họp đã ra văn bản này."),
    )
    reviewed_at = models.ManyToManyField(
        Meeting,
        blank=True,
        related_name="documents_reviewed",
        verbose_name=_("được xem xét tại cuộc họp"),
    )
    directives = models.ManyToManyField(
        Directive,
        blank=True,
        related_name="documents",
        verbose_name=_("kết luận chỉ đạo thực hiện văn bản"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-pk"]
        permissions = [("publish_document", _("Có thể công bố và thôi công bố văn bản"))]
        constraints = [
            # Party documents are numbered per term: a number comes back, on another date.
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="document_slug_per_commune",
                violation_error_message=_("Xã đã có văn bản với đường dẫn này."),
            ),
            models.UniqueConstraint(
                fields=["commune", "issuer", "number", "issued_on"],
                name="document_number_unique_per_commune_issuer_and_date",
                violation_error_message=_(
                    "Cơ quan này đã có văn bản cùng số ký hiệu ban hành cùng ngày."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True) | Q(effective_from__gte=F("issued_on")),
                name="document_effect_not_before_issue",
                violation_error_message=_("Ngày có hiệu lực không được trước ngày ban hành."),
            ),
            models.CheckConstraint(
                # Compared with the issue date when the effect date is empty.
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=Coalesce(F("effective_from"), F("issued_on"))),
                name="document_end_not_before_effect",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(scope="public"),
                name="document_published_only_when_public",
                violation_error_message=_("Chỉ văn bản công khai mới được công bố trên cổng."),
            ),
        ]

    def __str__(self):
        return f"{self.doc_type.name} số {self.number}" if self.doc_type_id else self.number

    def save(self, *args, **kwargs):
        self.number = " ".join(self.number.split())
        if not self.slug:
            others = Document.objects.for_commune(self.commune_id).exclude(pk=self.pk)
            text = f"{self.doc_type.name} {self.number}" if self.doc_type_id else self.number
            text = text.replace("/", " ")  # 57-NQ/TW → 57-nq-tw, not 57-nqtw
            self.slug = unique_slug(
                others, text, "van-ban", self._meta.get_field("slug").max_length
            )
        if self.is_published and not self.published_at:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        issued, start, end = self.issued_on, self.effective_from, self.effective_until
        if issued and start and start < issued:
            errors["effective_from"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
        if end and (start or issued) and end < (start or issued):
            errors["effective_until"] = (
                _("Ngày hết hiệu lực không được trước ngày có hiệu lực.")
                if start
                else _("Ngày hết hiệu lực không được trước ngày ban hành.")
            )
        if self.is_published and self.scope == self.Scope.SECRET:
            errors["is_published"] = _("Văn bản mật không bao giờ được công bố trên cổng.")
        elif self.is_published and self.scope == self.Scope.INTERNAL:
            errors["is_published"] = _(
                "Văn bản nội bộ không công bố trên cổng: chọn phạm vi “Công khai” để công bố."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        """Whether the public may see it: the same rule as `published()`, for one document."""
        return self.is_published and self.scope == self.Scope.PUBLIC

    @property
    def effect_starts(self):
        return self.effective_from or self.issued_on

    @property
    def validity_label(self):
        """The state as the page writes it ("Bị thay thế bởi 12/NQ-ĐU"); needs `with_validity()`."""
        if self.validity == Validity.REPLACED and self.replaced_by_number:
            return _("Bị thay thế bởi %(number)s") % {"number": self.replaced_by_number}
        return Validity(self.validity).label


class DocumentFile(models.Model):
    """A file of a document's full text (PDF first; DOCX allowed), with its text for search."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("văn bản")
    )
    title = models.CharField(
        _("tên tệp"), max_length=255, blank=True, help_text=_("Ví dụ: Toàn văn, Phụ lục.")
    )
    file = models.FileField(
        _("tệp"),
        upload_to=uploads.UploadTo("van-ban/%Y/"),
        # Private: served only through documents.views.download, while the document may be seen.
        storage=private_storage,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF hoặc Word (.docx); tối đa 20 MB."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0, editable=False)
    text = models.TextField(_("chữ trong tệp"), blank=True, editable=False)
    has_text = models.BooleanField(_("có lớp chữ"), default=False, editable=False)
    pages_read = models.PositiveSmallIntegerField(_("số trang đã đọc"), default=0, editable=False)
    source_attachment = models.ForeignKey(
        Attachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="document_files",
        verbose_name=_("chép từ tài liệu cuộc họp"),
    )

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["document", "order", "pk"]

    def __str__(self):
        return self.title or self.filename

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:  # a new upload: read it once, now
            self.size = self.file.size
            self.text, self.pages_read = extract_text(self.file, self.kind)
            self.has_text = bool(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"slug": self.document.slug, "pk": self.pk})

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def kind(self):
        return extension(self.file.name)

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.kind, "application/octet-stream")


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DocumentRelation(models.Model):
    """`source` replaces / amends / is based on / guides `target`; read both ways."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("thay thế")
        AMENDS = "amends", _("sửa đổi, bổ sung")
        BASIS = "basis", _("căn cứ")
        GUIDES = "guides", _("hướng dẫn thi hành")

    REVERSE = {
        Kind.REPLACES: _("bị thay thế bởi"),
        Kind.AMENDS: _("được sửa đổi, bổ sung bởi"),
        Kind.BASIS: _("là căn cứ của"),
        Kind.GUIDES: _("được hướng dẫn thi hành bởi"),
    }

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("văn bản")
    )
    kind = models.CharField(_("quan hệ"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("văn bản liên quan"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
        ordering = ["source", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="document_relation_once",
                violation_error_message=_("Quan hệ này đã được ghi."),
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="document_relation_not_to_itself",
                violation_error_message=_("Văn bản không thể liên quan đến chính nó."),
            ),
        ]

    def __str__(self):
        return f"{self.source.number} {self.get_kind_display()} {self.target.number}"

    def get_absolute_url(self):
        return self.source.get_absolute_url()

    @property
    def document(self):
        """The document whose page lists this relation as its own."""
        return self.source

    @property
    def reverse_label(self):
        return self.REVERSE[self.kind]
