"""Slugs for Vietnamese titles: "Ban Chỉ đạo họp" gives "ban-chi-dao-hop"."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Paths under /tin-tuc/ that an article must never shadow.
RESERVED_SLUGS = frozenset({"rss", "chuyen-muc", "trang", "xem-truoc", "tim-kiem", "the"})
MAX_LENGTH = 200


def slugify_vi(text):
    """Django's slugify drops "đ"; fold it to "d" first."""
    return slugify(str(text).replace("đ", "d").replace("Đ", "D"))[:MAX_LENGTH].strip("-")


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Đường dẫn “%(slug)s” trùng với một trang của mục Tin tức; hãy chọn đường dẫn khác."),
            code="reserved_slug",
            params={"slug": value},
        )


def unique_slug(queryset, text, exclude_pk=None):
    """A slug from `text` that no other row of `queryset` uses and that is not reserved."""
    base = slugify_vi(text) or "bai-viet"
    taken = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    taken = set(
        taken.filter(slug__startswith=base[: MAX_LENGTH - 4]).values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
    return candidate
