"""Rules a typed figure must keep, shared by the admin form and the Excel import."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import HUNDRED, MIN_YEAR, Indicator, Value


def value_errors(value, pending=None):
    """Field errors (Vietnamese) for a Value; `pending` maps (indicator_id, year) to numbers
    about to be saved alongside it, so an import checks its rows against each other."""
    errors = {}
    indicator = value.indicator if value.indicator_id else None
    this_year = timezone.localdate().year
    if value.year is not None and not MIN_YEAR <= value.year <= this_year:
        errors["year"] = _("Năm phải từ %(min)d đến %(max)d.") % {"min": MIN_YEAR, "max": this_year}
    if indicator is None or value.value is None:
        return errors
    if indicator.is_rate:
        errors["indicator"] = _(
            "“%(name)s” được tính tự động (%(formula)s); hãy nhập tử số và mẫu số."
        ) % {"name": indicator.name, "formula": indicator.formula}
        return errors
    if value.value < 0:
        errors["value"] = _("Giá trị không được âm.")
    elif indicator.is_percent and value.value > HUNDRED:
        errors["value"] = _("Tỷ lệ phần trăm phải từ 0 đến 100.")
    elif not indicator.is_percent and value.value != value.value.to_integral_value():
        errors["value"] = _("Chỉ số số lượng phải là số nguyên.")
    elif value.year is not None and "year" not in errors:
        message = _part_whole_error(value, pending or {})
        if message:
            errors["value"] = message
    return errors


def _part_whole_error(value, pending):
    """The part of a rate may not exceed its whole in the same year (online ≤ received)."""
    indicator = value.indicator
    rates = Indicator.objects.filter(computation=Indicator.Computation.RATE).select_related(
        "numerator", "denominator"
    )
    for rate in rates:
        if rate.numerator_id == indicator.pk:
            whole = _other(rate.denominator, value, pending)
            if whole is not None and value.value > whole:
                return _("%(part)s (%(value)s) không được lớn hơn %(whole)s (%(other)s).") % {
                    "part": indicator.name,
                    "value": _plain(value.value),
                    "whole": rate.denominator.name,
                    "other": _plain(whole),
                }
        if rate.denominator_id == indicator.pk:
            part = _other(rate.numerator, value, pending)
            if part is not None and part > value.value:
                return _("%(whole)s (%(value)s) không được nhỏ hơn %(part)s (%(other)s).") % {
                    "whole": indicator.name,
                    "value": _plain(value.value),
                    "part": rate.numerator.name,
                    "other": _plain(part),
                }
    return ""


def _other(indicator, value, pending):
    """The other figure of the rate, in the same commune and year."""
    if (indicator.pk, value.year) in pending:
        return pending[(indicator.pk, value.year)]
    figures = Value.objects.filter(
        commune_id=value.commune_id, indicator=indicator, year=value.year
    )
    return figures.values_list("value", flat=True).first()


def _plain(number):
    from .formatting import format_number, significant_places

    return format_number(Decimal(number), significant_places(number))
