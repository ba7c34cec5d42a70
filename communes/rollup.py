"""The province's comparison of its communes: one year, the headline indicators, side by side.

Built in a fixed number of queries however many communes there are (the communes with their
host names, the indicators, the year's and last year's published figures, the years), then
computed in Python with the same ``indicators.figures.build`` the commune dashboard uses.

How the province's own figure is made, honestly:
- a computed rate (online filing) from the summed numerators and denominators of the communes
  that published both parts;
- a rate entered without its parts (on-time ratio, VNeID accounts) cannot be added up: the
  range and the median of the communes' figures are shown instead, and the page says why;
- a count (dossiers, digital teams) grows with population: summed, never ranked.

Ranks (rates only) are competition ranks (1, 2, 2, 4) in the indicator's good direction. A
qualified figure such as "trên 98%" is ranked at its bound, just past an exact figure equal to
it: the rank it is sure to deserve, which the page says.
"""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from indicators.figures import build, change_for, rate
from indicators.formatting import format_difference, format_number, format_value
from indicators.models import Indicator, Qualifier, Value

from .models import Commune

HEADLINE_CODES = [
    "ty-le-ho-so-truc-tuyen",
    "ho-so-dung-han",
    "dan-co-tai-khoan-vneid",
    "ho-so-tiep-nhan",
    "to-cong-nghe-so-cong-dong",
]
# A qualified figure sorts this far past its bound: after an exact equal figure, before any
# exact figure beyond it.
NUDGE = {Qualifier.ABOVE: Decimal("1e-9"), Qualifier.BELOW: Decimal("-1e-9")}


@dataclass
class Cell:
    figure: object
    url: str
    rank: int | None = None


@dataclass
class Row:
    commune: Commune
    cells: list
    published: bool

    @property
    def missing(self):
        return [cell.figure.indicator for cell in self.cells if not cell.figure.has_value]


@dataclass
class Column:
    indicator: Indicator
    ranked: bool
    province: str = ""
    province_note: str = ""
    change: str = ""
    published: int = 0


@dataclass
class Comparison:
    year: int | None
    years: list
    columns: list
    rows: list
    sort: str = "ten"
    descending: bool = False
    communes: int = 0
    notes: list = field(default_factory=list)

    @property
    def unpublished(self):
        return [row.commune for row in self.rows if not row.published]


def years():
    """Years with a published figure in any commune, newest first."""
    return list(Value.objects.published().years())


def comparison(year=None, sort="ten", descending=False, codes=HEADLINE_CODES):
    all_years = years()
    if year is None:
        year = all_years[0] if all_years else None
    communes = list(Commune.objects.active().prefetch_related("hosts").order_by("ordering", "name"))
    indicators = list(Indicator.objects.catalogue().filter(code__in=codes))
    indicators.sort(key=lambda indicator: codes.index(indicator.code))
    wanted = {i.pk for i in indicators} | {
        part for i in indicators for part in (i.numerator_id, i.denominator_id) if part
    }
    values = {}
    if year is not None:
        rows = Value.objects.published().filter(
            Q(year=year) | Q(year=year - 1), indicator_id__in=wanted
        )
        for value in rows:
            values.setdefault(value.commune_id, {})[(value.indicator_id, value.year)] = value
    # Each commune's indicator page, at that commune's address: the path is the same for all.
    paths = [
        reverse("indicators:detail", args=[indicator.code], urlconf="minhduc_portal.urls")
        for indicator in indicators
    ]
    result_rows = [
        _row(commune, indicators, paths, values.get(commune.pk, {}), year) for commune in communes
    ]
    columns = [_column(indicator, n, result_rows) for n, indicator in enumerate(indicators)]
    for n, column in enumerate(columns):
        if column.ranked:
            _rank([row.cells[n] for row in result_rows], column.indicator)
    result = Comparison(
        year=year,
        years=all_years,
        columns=columns,
        rows=result_rows,
        communes=len(communes),
    )
    _sort(result, sort, descending)
    return result


def _row(commune, indicators, paths, values, year):
    cells = []
    for indicator, path in zip(indicators, paths, strict=True):
        figure = build(indicator, year, values, []) if year else None
        if figure is not None:
            figure.previous = build(indicator, year - 1, values, [])
            figure.change = change_for(figure)
        cells.append(Cell(figure=figure, url=commune.site_url + path if commune.site_url else ""))
    published = any(cell.figure is not None and cell.figure.has_value for cell in cells)
    return Row(commune=commune, cells=cells, published=published)


def _rank(cells, indicator):
    """Competition ranks, best first, on the figures that have a value."""
    higher = indicator.direction == Indicator.Direction.HIGHER
    valued = [c for c in cells if c.figure is not None and c.figure.has_value]

    def key(cell):
        figure = cell.figure
        return figure.value + NUDGE.get(figure.qualifier, 0)

    valued.sort(key=key, reverse=higher)
    previous_key, previous_rank = None, 0
    for position, cell in enumerate(valued, start=1):
        if key(cell) != previous_key:
            previous_key, previous_rank = key(cell), position
        cell.rank = previous_rank


def _column(indicator, n, rows):
    figures = [row.cells[n].figure for row in rows if row.cells[n].figure is not None]
    valued = [f for f in figures if f.has_value]
    column = Column(indicator=indicator, ranked=indicator.is_percent, published=len(valued))
    if not valued:
        column.province = _("Chưa xã nào công bố")
        return column
    if indicator.is_rate:
        _summed_rate(column, figures)
    elif indicator.is_percent:
        _spread(column, valued)
    else:
        _summed_count(column, figures)
    return column


def _summed_rate(column, figures):
    now = [f for f in figures if f.numerator is not None and f.denominator]
    top, bottom = sum(f.numerator for f in now), sum(f.denominator for f in now)
    value = rate(top, bottom)
    indicator = column.indicator
    noun = indicator.numerator.count_noun if indicator.numerator else ""
    column.province = format_value(indicator, value) if value is not None else "–"
    column.province_note = _("Tính từ tổng của %(count)s xã: %(top)s / %(bottom)s %(noun)s.") % {
        "count": len(now),
        "top": format_number(top),
        "bottom": format_number(bottom),
        "noun": noun,
    }
    before = [f.previous for f in figures if f.previous and f.previous.numerator is not None]
    before = [f for f in before if f.denominator]
    if before:
        old = rate(sum(f.numerator for f in before), sum(f.denominator for f in before))
        column.change = _difference(indicator, value, old)


def _spread(column, valued):
    indicator = column.indicator
    ordered = sorted(valued, key=lambda f: f.value + NUDGE.get(f.qualifier, 0))
    median = Decimal(statistics.median(f.value for f in ordered)).quantize(Decimal("0.01"))
    column.province = _("từ %(low)s đến %(high)s, trung vị %(median)s") % {
        "low": ordered[0].display,
        "high": ordered[-1].display,
        "median": format_value(indicator, median),
    }
    note = _(
        "Mỗi xã nhập tỷ lệ này trực tiếp, không kèm tử số và mẫu số, nên không cộng lại thành "
        "tỷ lệ của tỉnh được: trang nêu khoảng và trung vị của %(count)s xã."
    ) % {"count": len(valued)}
    if any(f.qualifier for f in valued):
        note += " " + _("Số liệu dạng “trên …” hoặc “dưới …” được tính theo mốc đã ghi.")
    column.province_note = note


def _summed_count(column, figures):
    indicator = column.indicator
    now = [f for f in figures if f.has_value]
    total = sum(f.value for f in now)
    column.province = format_value(indicator, total)
    column.province_note = _("Tổng của %(count)s xã đã công bố; số lượng không xếp hạng.") % {
        "count": len(now)
    }
    before = [f.previous for f in figures if f.previous and f.previous.has_value]
    if before:
        column.change = _difference(indicator, total, sum(f.value for f in before))


def _difference(indicator, value, old):
    if value is None or old is None:
        return ""
    change = value - old
    if change == 0:
        return _("không đổi so với năm trước")
    verb = _("tăng") if change > 0 else _("giảm")
    return f"{verb} {format_difference(indicator, change)} {_('so với năm trước')}"


def _sort(result, sort, descending):
    codes = [column.indicator.code for column in result.columns]
    if sort in codes:
        n = codes.index(sort)
        column = result.columns[n]

        def key(row):
            cell = row.cells[n]
            if cell.figure is None or not cell.figure.has_value:
                return (1, 0, row.commune.name)  # without a figure: last, either way
            if column.ranked:
                return (0, cell.rank if not descending else -cell.rank, row.commune.name)
            value = cell.figure.value
            return (0, -value if not descending else value, row.commune.name)

        result.rows.sort(key=key)
        result.sort, result.descending = sort, descending
    else:
        result.rows.sort(key=lambda row: row.commune.name, reverse=descending)
        result.sort, result.descending = "ten", descending


def chart(result, code="ty-le-ho-so-truc-tuyen"):
    """Horizontal bars (0–100%) of one rate per commune, in the table's order."""
    from indicators.charts import BAR_AREA, ROW, WIDTH, _n

    codes = [column.indicator.code for column in result.columns]
    if code not in codes:
        return None
    n = codes.index(code)
    rows = [row for row in result.rows if row.cells[n].figure and row.cells[n].figure.has_value]
    if not rows:
        return None
    bars = []
    for i, row in enumerate(rows):
        figure, top = row.cells[n].figure, i * ROW
        length = BAR_AREA * float(min(figure.value, 100)) / 100
        bars.append(
            {
                "label": capfirst(str(row.commune.name)),
                "value_text": figure.display,
                "label_y": _n(top + 15),
                "y": _n(top + 22),
                "width": _n(max(length, 1)),
                "text_x": _n(length + 6),
                "text_y": _n(top + 35),
            }
        )
    indicator = result.columns[n].indicator
    return {
        "id": f"bieu-do-xa-{code}",
        "title": _("%(name)s của các xã năm %(year)s")
        % {"name": indicator.short_name, "year": result.year},
        "desc": "; ".join(f"{row.commune.name}: {row.cells[n].figure.display}" for row in rows),
        "width": WIDTH,
        "height": len(rows) * ROW + 4,
        "axis_x": _n(BAR_AREA),
        "bars": bars,
    }


def table(result):
    """Header and rows as plain values, for the CSV and XLSX exports."""
    header = [_("Xã")]
    for column in result.columns:
        name = column.indicator.short_name
        header += [name, f"{name}: {_('dấu')}"] + (
            [f"{name}: {_('hạng')}"] if column.ranked else []
        )
    lines = []
    for row in result.rows:
        line = [str(row.commune.name)]
        for column, cell in zip(result.columns, row.cells, strict=True):
            figure = cell.figure
            valued = figure is not None and figure.has_value
            line += [
                float(figure.value) if valued else None,
                str(figure.qualifier_label) if valued else "",
            ]
            if column.ranked:
                line.append(cell.rank)
        lines.append(line)
    return header, lines


def as_json(result):
    """The comparison as open data; fields are only ever added, never renamed."""
    return {
        "schema": "minhduc-so-sanh-xa/1",
        "year": result.year,
        "province": {
            column.indicator.code: {
                "name": column.indicator.short_name,
                "figure": column.province,
                "how": column.province_note,
                "change": column.change,
                "published": column.published,
            }
            for column in result.columns
        },
        "communes": [
            {
                "name": str(row.commune.name),
                "slug": row.commune.slug,
                "url": row.commune.site_url,
                "figures": {
                    column.indicator.code: {
                        "value": float(cell.figure.value)
                        if cell.figure and cell.figure.has_value
                        else None,
                        "qualifier": cell.figure.qualifier if cell.figure else "",
                        "display": str(cell.figure.display) if cell.figure else "",
                        "rank": cell.rank,
                        "change": str(cell.figure.change) if cell.figure else "",
                    }
                    for column, cell in zip(result.columns, row.cells, strict=True)
                },
            }
            for row in result.rows
        ],
    }
