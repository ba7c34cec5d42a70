"""Kept only because early migrations name it; files are checked by portal.uploads now."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_attachment_size(file):
    if file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("Tệp nặng %(size)s, vượt quá giới hạn %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(ATTACHMENT_MAX_BYTES),
            },
        )
