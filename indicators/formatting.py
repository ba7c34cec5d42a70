"""Numbers written the Vietnamese way (2.945; 57,32%; trên 98%), for pages and exports alike.

A figure an official entered is shown with the decimals they wrote (93,5 stays 93,5, 98 stays
98); a number nobody typed (a computed rate, a target) with its indicator's decimals, or none
when it is whole (57,32%, 100%).
"""

from decimal import ROUND_HALF_UP, Decimal

PERCENT_POINTS = "điểm phần trăm"
MAX_PLACES = 4  # Value.value keeps four decimals


def significant_places(number):
    """Decimals a number needs, trailing zeros dropped: 93.5000 → 1, 100.0000 → 0."""
    exponent = Decimal(number).normalize().as_tuple().exponent
    return min(max(-exponent, 0), MAX_PLACES) if isinstance(exponent, int) else 0


def written_places(number):
    """Decimals as written, trailing zeros kept: Decimal('98.50') → 2, Decimal('98') → 0."""
    exponent = Decimal(number).as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def at_places(number, places):
    """The number with exactly `places` decimals (rounded half up): 93.5000, 1 → 93.5."""
    if number is None:
        return None
    return Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def indicator_places(indicator, number):
    """A computed number's decimals: the indicator's, or none when it is whole."""
    number = Decimal(number)
    return 0 if number == number.to_integral_value() else indicator.decimals


def format_number(number, places=0):
    """'2.945', '91,24', '93,5': the number with exactly `places` decimals."""
    if number is None:
        return ""
    # Written directly rather than through the locale (no language switch per number):
    # "." for thousands and "," for decimals.
    text = f"{at_places(number, places):,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_amount(indicator, number, places=None):
    """A number with its unit: '57,32%' or '2.945'; `places` None for a computed number."""
    if places is None:
        places = indicator_places(indicator, number)
    text = format_number(number, places)
    return f"{text}%" if indicator.is_percent else text


def format_target(indicator, number):
    """A target as its basis writes it: '≥ 98,5%' keeps one decimal, '≥ 80%' none."""
    return format_amount(indicator, number, significant_places(number))


def format_value(indicator, number, qualifier="", places=None):
    """The figure as a report writes it: 'trên 98%', '2.945', '93,5%'."""
    from .models import Qualifier

    text = format_amount(indicator, number, places)
    if qualifier:
        return f"{Qualifier(qualifier).label} {text}"
    return text


def format_difference(indicator, difference):
    """'3,5 điểm phần trăm' for percents, '120 hồ sơ' for counts (always positive).

    A difference of two figures is exact: it is written with the decimals it needs.
    """
    text = format_number(abs(difference), significant_places(difference))
    if indicator.is_percent:
        return f"{text} {PERCENT_POINTS}"
    return f"{text} {indicator.count_noun}".strip()
