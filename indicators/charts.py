"""Geometry for the server-rendered SVG charts.

Coordinates are returned as ready-made strings so the templates never localize them
(a Vietnamese "12,5" inside an SVG attribute would break the drawing).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from .formatting import format_amount, format_target

WIDTH = 340
BAR_AREA = 240  # horizontal chart: room for the bar, the rest for the value text
ROW = 46


def _n(number):
    return f"{float(number):.1f}"


def percent_bars(figures):
    """Horizontal bars (0–100%) for the year's percent indicators that have a value."""
    rows = [f for f in figures if f.indicator.is_percent and f.has_value]
    if not rows:
        return None
    bars = []
    for i, figure in enumerate(rows):
        top = i * ROW
        length = BAR_AREA * float(figure.value) / 100
        bar = {
            "label": figure.indicator.short_name,
            "value_text": figure.display,
            "label_y": _n(top + 15),
            "y": _n(top + 22),
            "width": _n(max(length, 1)),
            "text_x": _n(length + 6),
            "text_y": _n(top + 35),
            "css": "chart__bar--unpublished" if not figure.published else "",
        }
        target = figure.target
        if target is not None and target.year == figure.year:
            bar["target_x"] = _n(BAR_AREA * float(target.value) / 100)
        bars.append(bar)
    year = rows[0].year
    return {
        "id": f"bieu-do-ty-le-{year}",
        "title": _("Các chỉ số tỷ lệ phần trăm năm %(year)s") % {"year": year},
        "desc": "; ".join(f"{f.indicator.short_name}: {f.display}" for f in rows),
        "width": WIDTH,
        "height": len(rows) * ROW + 4,
        "axis_x": _n(BAR_AREA),
        "bars": bars,
    }


def yearly_bars(indicator, history, targets):
    """Vertical bars, one per year, with the indicator's targets drawn as lines."""
    rows = [f for f in history if f.has_value]
    if not rows:
        return None
    height, base, left = 220, 190, 10
    if indicator.is_percent:
        top_value = Decimal(100)
    else:
        top_value = max([f.value for f in rows] + [t.value for t in targets]) * Decimal("1.15")
    top_value = top_value or Decimal(1)
    scale = (base - 20) / float(top_value)
    slot = (WIDTH - 2 * left) / max(len(rows), 1)
    bar_width = min(slot * 0.6, 70)
    bars = []
    for i, figure in enumerate(rows):
        length = float(figure.value) * scale
        x = left + i * slot + (slot - bar_width) / 2
        bars.append(
            {
                "x": _n(x),
                "y": _n(base - length),
                "width": _n(bar_width),
                "height": _n(max(length, 1)),
                "center": _n(x + bar_width / 2),
                "value_text": figure.display,
                "value_y": _n(base - length - 6),
                "year": str(figure.year),
                "css": "chart__bar--unpublished" if not figure.published else "",
            }
        )
    lines = [
        {
            "y": _n(base - float(t.value) * scale),
            "label": _("Chỉ tiêu %(year)s: %(cmp)s %(amount)s")
            % {
                "year": t.year,
                "cmp": t.get_comparator_display(),
                "amount": format_target(indicator, t.value),
            },
        }
        for t in targets
        if t.value <= top_value
    ]
    desc = "; ".join(f"{_('Năm')} {f.year}: {f.display}" for f in rows)
    return {
        "id": f"bieu-do-{indicator.code}",
        "title": _("%(name)s qua các năm") % {"name": indicator.short_name},
        "desc": desc,
        "width": WIDTH,
        "height": height,
        "base": _n(base),
        "bars": bars,
        "lines": lines,
        "top_y": _n(base - float(top_value) * scale),
        "top_text": format_amount(indicator, top_value) if indicator.is_percent else "",
    }
