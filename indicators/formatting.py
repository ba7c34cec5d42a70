"""Numbers written the Vietnamese way (2.945; 57,32%; trên 98%), for pages and exports alike."""

from decimal import ROUND_HALF_UP, Decimal

PERCENT_POINTS = "điểm phần trăm"


def format_number(number, decimals=0):
    """'2.945', '91,24', '100': up to `decimals` places, none when the number is whole."""
    if number is None:
        return ""
    # Written directly rather than through the locale (no language switch per number):
    # floatformat's "-Ng" rounding, then "." for thousands and "," for decimals.
    number = Decimal(number)
    places = 0 if number == number.to_integral_value() else decimals
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_amount(indicator, number):
    """A number with its unit: '57,32%' or '2.945'."""
    text = format_number(number, indicator.decimals)
    return f"{text}%" if indicator.is_percent else text


def format_value(indicator, number, qualifier=""):
    """The figure as a report writes it: 'trên 98%', '2.945'."""
    from .models import Qualifier

    text = format_amount(indicator, number)
    if qualifier:
        return f"{Qualifier(qualifier).label} {text}"
    return text


def format_difference(indicator, difference):
    """'3,5 điểm phần trăm' for percents, '120 hồ sơ' for counts (always positive)."""
    text = format_number(abs(difference), indicator.decimals)
    if indicator.is_percent:
        return f"{text} {PERCENT_POINTS}"
    return f"{text} {indicator.count_noun}".strip()
