"""Categories, tags, articles and their attachments; what the public sees is decided here."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField, create_sanitizer
from simple_history.models import HistoricalRecords

from communes.models import CommuneOwned, ForCommuneQuerySet, commune_field
from portal import uploads
from portal.media import private_storage
from portal.text import plain_text, slugify_vi

from . import images
from .slugs import RESERVED_SLUGS, unique_slug, validate_not_reserved
from .text import BODY_EXTENSIONS, normalize_tags, scope_header_cells

ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx"]
ATTACHMENT_MAX_BYTES = 20 * uploads.MB
RELATED_COUNT = 5


class SlugFromName(models.Model):
    """A name and a unique slug, filled from the name when left empty."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            rows = type(self)._default_manager.filter(commune_id=self.commune_id)
            self.slug = unique_slug(rows, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class Category(CommuneOwned, SlugFromName):
    commune = commune_field()
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên."),
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ForCommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="news_category_name_per_commune",
                violation_error_message=_("Xã đã có chuyên mục tên này."),
            ),
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="news_category_slug_per_commune",
                violation_error_message=_("Xã đã có chuyên mục với đường dẫn này."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class Tag(CommuneOwned, SlugFromName):
    commune = commune_field()
    name = models.CharField(_("tên thẻ"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=80, blank=True)

    objects = ForCommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="news_tag_name_per_commune",
                violation_error_message=_("Xã đã có thẻ tên này."),
            ),
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="news_tag_slug_per_commune",
                violation_error_message=_("Xã đã có thẻ với đường dẫn này."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag", kwargs={"slug": self.slug})


def publishing_minute():
    """Now, to the minute: the admin shows and sends back hours and minutes only, so a
    publish time with seconds would change on every later save of the article."""
    return timezone.now().replace(second=0, microsecond=0)


class ArticleQuerySet(ForCommuneQuerySet):
    def published(self, now=None):
        """What the public may see: published, publish time passed, not expired."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def next_change(self, now=None):
        """When what `published()` returns next changes by time alone (a scheduled publish
        or an expiry), or None: lists built from it are valid until then."""
        now = now or timezone.now()
        moments = self.filter(status=Article.Status.PUBLISHED).aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        return min(filter(None, moments.values()), default=None)

    def for_list(self):
        """Rows for a list of cards: the category joined, the long body left in the database."""
        return self.select_related("category").defer("body")


class Article(CommuneOwned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        REVIEW = "review", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã đăng")
        RETURNED = "returned", _("Trả lại để sửa")

    commune = commune_field()
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        blank=True,
        validators=[validate_not_reserved],
        help_text=_("Để trống để tạo tự động từ tiêu đề. Bài đã đăng thì không đổi được."),
    )
    summary = models.TextField(
        _("sapo (tóm tắt)"),
        max_length=600,
        help_text=_("Một hai câu giới thiệu bài, hiện dưới tiêu đề và khi chia sẻ bài."),
    )
    body = ProseEditorField(
        _("nội dung"),
        extensions=BODY_EXTENSIONS,
        # Applied last to first: tags renamed, nh3 with the editor's allow-list, then the
        # header cells' scope added (nh3 would remove it; the editor drops and re-adds it).
        sanitize=[scope_header_cells, create_sanitizer, normalize_tags],
    )
    cover = models.ImageField(
        _("ảnh bìa"),
        upload_to="tin-tuc/anh/%Y/%m/",
        # Private: served only while the article is public (news.files).
        storage=private_storage,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        validators=[images.validate_cover],
        help_text=_("Ảnh JPEG, PNG hoặc WebP, tối đa 10 MB. Thông tin vị trí trong ảnh bị xoá."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("mô tả ảnh (cho người không xem được ảnh)"),
        max_length=255,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh bìa. Ví dụ: Toàn cảnh cuộc họp tại hội trường UBND xã."),
    )
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("chuyên mục")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("thẻ"))
    author = models.CharField(_("tác giả"), max_length=120, blank=True)
    signature = models.CharField(
        _("dòng ký tên"),
        max_length=120,
        blank=True,
        help_text=_("Hiện ở cuối bài, ví dụ: Hải Bình - TTDV."),
    )
    source = models.CharField(
        _("nguồn tin"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Trung tâm Dịch vụ tổng hợp xã Minh Đức."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name=_("cuộc họp được đưa tin"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(
        _("lý do trả lại"),
        blank=True,
        help_text=_("Bắt buộc khi trả lại bài: ghi rõ cần sửa gì."),
    )
    publish_at = models.DateTimeField(
        _("thời điểm đăng"),
        null=True,
        blank=True,
        help_text=_("Để trống thì đăng ngay khi duyệt; chọn thời điểm sau này để hẹn giờ đăng."),
    )
    expires_at = models.DateTimeField(
        _("hết hạn hiển thị"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này bài không còn hiện trên cổng. Để trống nếu không hết hạn."),
    )
    first_published_at = models.DateTimeField(
        _("đăng lần đầu"), null=True, blank=True, editable=False
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("người tạo"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("người sửa cuối"),
    )

    objects = ArticleQuerySet.as_manager()
    # The view counter is updated in bulk, without history; the tags are kept with each version.
    history = HistoricalRecords(excluded_fields=["view_count"], m2m_fields=[tags])

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_article", _("Có thể duyệt, đăng và trả lại bài viết"))]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="news_article_public"),
            # A commune's public list in its order, and its count, from the index alone
            # (PostgreSQL, 50.000 articles: the count 47 → 15 ms, no table read; a deep page
            # skips index entries, not rows; a tag's count joins it instead of the table).
            models.Index(
                fields=["commune", "status", "publish_at", "id", "expires_at"],
                name="news_article_public_list",
            ),
            # The same for a category (its count 36 → 3 ms).
            models.Index(
                fields=["category", "commune", "status", "publish_at", "id", "expires_at"],
                name="news_article_public_category",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="news_article_slug_per_commune",
                violation_error_message=_("Xã đã có bài viết với đường dẫn này."),
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)),
                name="news_article_slug_not_reserved",
                violation_error_message=_("Đường dẫn này trùng với một trang của mục Tin tức."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="news_article_published_has_time",
                violation_error_message=_("Bài đã đăng phải có thời điểm đăng."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="news_article_returned_has_reason",
                violation_error_message=_("Trả lại bài thì phải ghi lý do."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expires_at__gt=F("publish_at")),
                name="news_article_expires_after_publish",
                violation_error_message=_("Thời điểm hết hạn phải sau thời điểm đăng."),
            ),
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""),
                name="news_article_cover_has_alt",
                violation_error_message=_("Có ảnh bìa thì phải có mô tả ảnh."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED:
            self.publish_at = self.publish_at or publishing_minute()
            self.first_published_at = self.first_published_at or self.publish_at
        if not self.slug:
            rows = Article.objects.for_commune(self.commune_id)
            self.slug = unique_slug(rows, self.title, exclude_pk=self.pk)
        # Sanitised on every save, not only through forms: the body is rendered as HTML.
        self.body = self._meta.get_field("body").sanitize(self.body or "")
        new_cover = bool(self.cover) and not self.cover._committed
        if new_cover:
            content, width, height = images.clean_original(self.cover)
            name = uploads.stored_name(slugify_vi(self.title)[:60] or "anh-bia", "jpg")
            self.cover.save(name, content, save=False)
            self.cover_width, self.cover_height = width, height
        super().save(*args, **kwargs)
        if new_cover:
            images.write_renditions(self.cover.storage, self.cover.name)
        old_name, old_width = getattr(self, "_loaded_cover", (None, None))
        if old_name and old_name != self.cover.name:
            storage = self.cover.storage
            transaction.on_commit(lambda: images.delete_cover(storage, old_name, old_width))
        self._loaded_cover = (self.cover.name, self.cover_width)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def signature_in_body(self):
        """The pasted body already ends with the signature line (printed once, then)."""
        signature = " ".join(self.signature.split()).lower()
        return bool(signature) and plain_text(self.body).lower().endswith(signature)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_slug = instance.__dict__.get("slug")
        cover = instance.__dict__.get("cover")
        instance._loaded_cover = (
            getattr(cover, "name", cover),
            instance.__dict__.get("cover_width"),
        )
        return instance

    def clean(self):
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            self.publish_at = publishing_minute()  # before the constraint that needs it
        errors = {}
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            errors["return_reason"] = _("Hãy ghi lý do trả lại để người viết biết cần sửa gì.")
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            errors["expires_at"] = _("Thời điểm hết hạn phải sau thời điểm đăng.")
        if self.cover and not self.cover_alt.strip():
            errors["cover_alt"] = _(
                "Hãy mô tả ảnh bìa bằng một câu ngắn, cho người dùng trình đọc màn hình."
            )
        loaded = getattr(self, "_loaded_slug", None)
        if self.first_published_at and loaded and self.slug != loaded:
            errors["slug"] = _(
                "Bài đã đăng thì không đổi đường dẫn, để các liên kết đã chia sẻ vẫn mở được."
            )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def body_text(self):
        """The body without markup, for search indexes, descriptions and feeds."""
        return plain_text(self.body)

    def cover_sources(self):
        """[(width, webp_url, jpg_url)] for the stored renditions, smallest first."""
        if not self.cover or not self.cover_width:
            return []
        storage = self.cover.storage
        return [
            (
                width,
                storage.url(images.rendition_name(self.cover.name, width, "webp")),
                storage.url(images.rendition_name(self.cover.name, width, "jpg")),
            )
            for width in images.rendition_widths(self.cover_width)
        ]

    def rendition_names(self):
        """The stored renditions of the cover (served like the cover itself)."""
        return images.rendition_names(self.cover.name, self.cover_width) if self.cover else []

    def cover_rendition_url(self, width=1440):
        """The JPEG rendition closest to `width` (for sharing and feeds)."""
        sources = self.cover_sources()
        if not sources:
            return ""
        return min(sources, key=lambda source: abs(source[0] - width))[2]

    def _same_category(self):
        return Article.objects.published().for_list().filter(category_id=self.category_id)

    def _reference_time(self):
        # A draft being previewed has no publish time yet; it would appear "now".
        return self.publish_at or timezone.now()

    def newer(self):
        """Up to five newer articles of the same category, newest first."""
        at = self._reference_time()
        rows = self._same_category().filter(
            Q(publish_at__gt=at) | Q(publish_at=at, pk__gt=self.pk or 0)
        )
        return list(rows.order_by("publish_at", "pk")[:RELATED_COUNT])[::-1]

    def older(self):
        """Up to five older articles of the same category, newest first."""
        at = self._reference_time()
        rows = (
            self._same_category()
            .filter(Q(publish_at__lt=at) | Q(publish_at=at, pk__lt=self.pk or 0))
            .exclude(pk=self.pk)
        )
        return list(rows.order_by("-publish_at", "-pk")[:RELATED_COUNT])


class Attachment(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("bài viết")
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(
        _("tệp"),
        upload_to=uploads.UploadTo("tin-tuc/tai-lieu/%Y/%m/"),
        # Private: served only while the article is public (news.files).
        storage=private_storage,
        max_length=255,
        validators=[uploads.FileValidator(ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES)],
        help_text=_(
            "PDF, DOCX hoặc XLSX, tối đa 20 MB mỗi tệp (mỗi lần lưu gửi tối đa 30 MB). "
            "Nội dung tệp được kiểm tra: tệp đổi đuôi không được nhận."
        ),
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("loại nội dung"), max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["article", "order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.original_name = uploads.display_name(self.file.name)
            self.content_type = uploads.prepare(self.file).content_type
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    @property
    def extension(self):
        return uploads.extension_of(self.file.name).upper()
