"""The communes one install serves, their host names, and the province that hosts them."""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

validate_host_name = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    _(
        "Tên miền chỉ gồm chữ thường không dấu, chữ số, dấu gạch ngang và dấu chấm, "
        "không có “http://”, cổng hay đường dẫn (ví dụ: bcd.minhduc.gov.vn)."
    ),
)


# Made for every commune (communes.creation), so no content of its own; a category counts as
# content through its articles.
STARTING_DATA_MODELS = ("portal.SearchEntry", "news.Category", "portal.SiteIdentity")


class CommuneQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Commune(models.Model):
    """One commune served by the install: every commune-owned row points at it."""

    name = models.CharField(_("tên xã"), max_length=120, help_text=_("Ví dụ: xã Minh Đức."))
    slug = models.SlugField(_("mã xã"), max_length=80, unique=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    ordering = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("xã")
        verbose_name_plural = _("các xã")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name

    def delete(self, *args, **kwargs):
        """Only a commune without content goes; its starting data goes with it."""
        if content := self.content_counts():
            raise ValidationError(self.content_message(content))
        with transaction.atomic():
            for model in STARTING_DATA_MODELS:
                apps.get_model(model).objects.filter(commune=self).delete()
            return super().delete(*args, **kwargs)

    def content_message(self, content):
        return _(
            "Không xóa được %(name)s: xã còn nội dung (%(content)s). "
            "Hãy chuyển hoặc xóa nội dung trước."
        ) % {
            "name": self.name,
            "content": ", ".join(f"{count} {label}" for label, count in content.items()),
        }

    def content_counts(self):
        """{verbose name plural: rows} of the commune's own content (not its starting data)."""
        counts = {}
        for relation in self._meta.get_fields(include_hidden=True):
            model = relation.related_model
            if (
                not relation.one_to_many
                or relation.field.name != "commune"
                or relation.on_delete is not models.PROTECT
                or model._meta.label in STARTING_DATA_MODELS
            ):
                continue
            if count := model._base_manager.filter(commune=self).count():
                counts[str(model._meta.verbose_name_plural)] = count
        return counts

    @cached_property
    def primary_host(self):
        hosts = sorted(self.hosts.all(), key=lambda host: (not host.is_primary, host.pk))
        return hosts[0].name if hosts else ""

    @cached_property
    def site_url(self):
        """The commune's public address: SITE_URL's scheme and port on its primary host."""
        return public_url(self.primary_host)


class Province(models.Model):
    """The province hosting the communes; its name is entered by a province account."""

    name = models.CharField(
        _("tên tỉnh"), max_length=120, blank=True, help_text=_("Ví dụ: tỉnh …, như văn bản ghi.")
    )

    class Meta:
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        ordering = ["pk"]

    def __str__(self):
        return self.name or str(_("Tỉnh (chưa nhập tên)"))

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first()


class HostNameQuerySet(models.QuerySet):
    def for_lookup(self):
        """With the commune, its identity and its primary host name, or the province."""
        primary = HostName.objects.filter(commune=OuterRef("commune"), is_primary=True)
        return self.select_related("commune__identity", "province").annotate(
            commune_primary_host=Subquery(primary.values("name")[:1])
        )


class HostName(models.Model):
    """A host name the install answers on, for one commune or for the province."""

    name = models.CharField(
        _("tên miền"),
        max_length=253,
        unique=True,
        validators=[validate_host_name],
        error_messages={"unique": _("Tên miền này đã thuộc về một xã hoặc tỉnh trên cổng.")},
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosts",
        verbose_name=_("xã"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosts",
        verbose_name=_("tỉnh"),
    )
    is_primary = models.BooleanField(
        _("địa chỉ chính"),
        default=False,
        help_text=_("Dùng trong RSS, sơ đồ trang, lịch và liên kết chia sẻ."),
    )

    objects = HostNameQuerySet.as_manager()

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")
        ordering = ["-is_primary", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=True, province__isnull=False)
                | Q(commune__isnull=False, province__isnull=True),
                name="host_name_of_commune_or_province",
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(is_primary=True),
                name="one_primary_host_per_commune",
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_name = self.name

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        self.name = (self.name or "").strip().lower()
        # Neither is a database rule too; in a new commune's form the commune is not saved yet.
        if self.commune_id is not None and self.province_id is not None:
            raise ValidationError(_("Tên miền thuộc về một xã hoặc thuộc về tỉnh, không cả hai."))


class StaffAccountQuerySet(models.QuerySet):
    def works_in(self, user, commune):
        """Whether ``user`` may work on ``commune``'s host (None: the province's host).

        A superuser and a province account work everywhere; a commune account only on its
        commune; an account with no row here belongs to the first commune, as every account
        did before the install served many communes.
        """
        if user.is_superuser:
            return True
        row = self.filter(user=user).values_list("commune_id", flat=True)
        if not row:
            return commune is not None and commune.pk == first_commune_pk()
        return row[0] is None or (commune is not None and row[0] == commune.pk)

    def of_province(self, user):
        """Whether ``user`` is a province account (a row naming no commune)."""
        return self.filter(user=user, commune__isnull=True).exists()

    def users_of(self, users, commune):
        """The accounts of ``users`` (a User queryset) working in ``commune`` alone, as
        works_in has it: superusers and province accounts are not among them."""
        mine = Q(commune_account__commune=commune)
        if commune.pk == first_commune_pk():
            mine |= Q(commune_account__isnull=True)
        return users.filter(mine, is_superuser=False)


class StaffAccount(models.Model):
    """Where an official's account works: one commune (its roles act there only) or, with
    no commune, the province (reads every commune, creates communes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="commune_account",
        verbose_name=_("tài khoản"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_accounts",
        verbose_name=_("xã"),
        help_text=_("Để trống với tài khoản của tỉnh."),
    )

    objects = StaffAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("nơi làm việc của tài khoản")
        verbose_name_plural = _("nơi làm việc của tài khoản")
        ordering = ["user__username"]

    def __str__(self):
        return f"{self.user}: {self.commune or _('tỉnh')}"


def public_url(host):
    """'bcd.minhduc.gov.vn' → 'https://bcd.minhduc.gov.vn' (scheme and port of SITE_URL)."""
    parts = urlsplit(settings.SITE_URL)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


class CommuneOwned:
    """Mixin of commune-owned models: rules "unique per commune" are checked in forms too.

    A form leaves the commune out (it is set from the request), and Django skips a
    constraint naming a field the form leaves out; the row's own commune is checked instead.
    """

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=set(exclude or ()) - {"commune"})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - {"commune"})


def first_commune_pk():
    """The install's first commune: where a row made without a commune belongs.

    A single-commune install has only this one; code serving a request names the request's
    commune instead.
    """
    return Commune.objects.order_by("pk").values_list("pk", flat=True).first()


def commune_field(**kwargs):
    """The ForeignKey every commune-owned model has (PROTECT: a commune with content stays)."""
    kwargs.setdefault("default", first_commune_pk)
    return models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("xã"), **kwargs
    )


class ForCommuneQuerySet(models.QuerySet):
    """Base of every commune-owned model's queryset."""

    def for_commune(self, commune):
        """The rows of one commune (the request's: ``request.commune``)."""
        return self.filter(commune=commune)
