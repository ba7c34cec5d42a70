"""Slugs for Vietnamese titles: "Ban Chỉ đạo họp" gives "ban-chi-dao-hop"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.text import unique_slug as portal_unique_slug

# Paths under /tin-tuc/ that an article must never shadow.
RESERVED_SLUGS = frozenset({"rss", "chuyen-muc", "trang", "xem-truoc", "tim-kiem", "the"})
MAX_LENGTH = 200


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Đường dẫn “%(slug)s” trùng với một trang của mục Tin tức; hãy chọn đường dẫn khác."),
            code="reserved_slug",
            params={"slug": value},
        )


def unique_slug(queryset, text, exclude_pk=None):
    """A slug from `text` that no other row of `queryset` uses and that is not reserved."""
    others = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    return portal_unique_slug(others, text, "bai-viet", MAX_LENGTH, RESERVED_SLUGS)
