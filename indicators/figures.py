"""Every figure the portal shows or exports is computed here, once.

The dashboard, the one-indicator page, the CSV/XLSX/JSON exports and the home page's
headline all read `Figure` objects built by this module, so what a leader prints, what
Excel opens and what the open-data file holds are the same numbers.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from django.db.models import F
from django.utils.translation import gettext as _

from .formatting import (
    at_places,
    format_difference,
    format_number,
    format_target,
    format_value,
    indicator_places,
)
from .models import HUNDRED, Comparator, Indicator, Qualifier, Target, Value

RATE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Status:
    code: str  # met, not_met, undetermined, goal, no_target, no_value
    label: str
    css: str  # badge modifier: ok, bad, warn or ""


@dataclass
class Figure:
    indicator: Indicator
    year: int
    value: Decimal | None = None
    qualifier: str = ""
    decimals: int | None = None  # as the official wrote it; None for a computed rate
    published: bool = True
    note: str = ""
    source_text: str = ""
    source_meeting: object = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    not_computable: bool = False  # a rate whose denominator is 0
    target: Target | None = None
    status: Status | None = None
    change: str = ""
    previous: "Figure | None" = field(default=None, repr=False)

    @property
    def has_value(self):
        return self.value is not None

    @property
    def places(self):
        """Decimals to show: those entered, or a rate's two (none when it is whole)."""
        if self.value is None:
            return 0
        if self.decimals is None:
            return indicator_places(self.indicator, self.value)
        return self.decimals

    @property
    def exact(self):
        """The value with the decimals shown (93.5, not 93.5000), or None."""
        return at_places(self.value, self.places)

    @property
    def display(self):
        if self.not_computable:
            return _("Không tính được (mẫu số bằng 0)")
        if self.value is None:
            return _("Chưa có số liệu")
        return format_value(self.indicator, self.value, self.qualifier, self.places)

    @property
    def qualifier_label(self):
        return Qualifier(self.qualifier).label if self.qualifier else ""

    @property
    def unit_label(self):
        if self.indicator.is_percent:
            return "%"
        return self.indicator.count_noun or self.indicator.get_unit_display()

    @property
    def target_display(self):
        if self.target is None:
            return _("Chưa có chỉ tiêu")
        return describe_target(self.target, self.indicator)

    @property
    def formula_display(self):
        """'1.688 / 2.945 hồ sơ' for a computed rate with both parts known."""
        if self.numerator is None or self.denominator is None:
            return ""
        noun = self.indicator.numerator.count_noun
        text = f"{format_number(self.numerator)} / {format_number(self.denominator)}"
        return f"{text} {noun}".strip()

    @property
    def has_previous(self):
        return self.previous is not None and self.previous.has_value

    @property
    def shows_status(self):
        """A status worth a badge: not the absence of a figure or target, said once instead."""
        return self.status is not None and self.status.code not in ("no_target", "no_value")

    @property
    def source(self):
        parts = [self.source_text, str(self.source_meeting) if self.source_meeting else ""]
        return "; ".join(part for part in parts if part)


def describe_target(target, indicator):
    amount = format_target(indicator, target.value)
    return _("%(cmp)s %(amount)s (năm %(year)s)") % {
        "cmp": target.get_comparator_display(),
        "amount": amount,
        "year": target.year,
    }


def meets(value, qualifier, comparator, goal):
    """True, False, or None when a bound ('trên 98') cannot settle it honestly."""
    at_least = comparator == Comparator.AT_LEAST
    if qualifier == Qualifier.EXACT:
        return value >= goal if at_least else value <= goal
    if qualifier == Qualifier.ABOVE:  # the real figure is greater than value
        if value >= goal:
            return at_least
        return None
    if value <= goal:  # BELOW: the real figure is less than value
        return not at_least
    return None


def rate(numerator, denominator):
    """numerator ÷ denominator × 100 to 2 places; None when the denominator is 0."""
    if not denominator:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(
        RATE_PLACES, rounding=ROUND_HALF_UP
    )


def status_for(figure):
    """Met / not met only against a target for the same year; a later one is a goal."""
    target, year = figure.target, figure.year
    if figure.value is None:
        return Status("no_value", _("Chưa có số liệu"), "")
    if target is None:
        return Status("no_target", _("Chưa có chỉ tiêu"), "")
    verdict = meets(figure.value, figure.qualifier, target.comparator, target.value)
    if target.year == year:
        if verdict is None:
            return Status(
                "undetermined", _("Chưa xác định được (số liệu báo cáo dạng khoảng)"), "warn"
            )
        if verdict:
            return Status("met", _("Đạt chỉ tiêu năm %(year)s") % {"year": year}, "ok")
        return Status("not_met", _("Chưa đạt chỉ tiêu năm %(year)s") % {"year": year}, "bad")
    goal = _("Mục tiêu %(year)s") % {"year": target.year}
    if verdict:
        return Status("goal", _("%(goal)s: đã đạt mức này") % {"goal": goal}, "ok")
    if figure.qualifier:
        return Status("goal", goal, "warn")
    if target.comparator == Comparator.AT_LEAST:
        gap = target.value - figure.value
    else:
        gap = figure.value - target.value
    return Status(
        "goal",
        _("%(goal)s: còn %(gap)s")
        % {"goal": goal, "gap": format_difference(figure.indicator, gap)},
        "warn",
    )


def change_for(figure):
    previous = figure.previous
    if previous is None or previous.value is None:
        return _("Chưa có số liệu năm trước")
    if figure.value is None:
        return ""
    if figure.qualifier or previous.qualifier:
        return _("Không so sánh được (số liệu dạng khoảng)")
    difference = figure.value - previous.value
    if difference == 0:
        return _("Không đổi so với năm %(year)s") % {"year": previous.year}
    verb = _("Tăng") if difference > 0 else _("Giảm")
    return _("%(verb)s %(amount)s so với năm %(year)s") % {
        "verb": verb,
        "amount": format_difference(figure.indicator, difference),
        "year": previous.year,
    }


def build(indicator, year, values, targets):
    """One indicator's figure for a year from {(indicator_id, year): Value} and its targets
    (sorted by year); no database access."""
    figure = Figure(indicator=indicator, year=year)
    if indicator.is_rate:
        top = values.get((indicator.numerator_id, year))
        bottom = values.get((indicator.denominator_id, year))
        if top and bottom and not (top.qualifier or bottom.qualifier):
            figure.numerator, figure.denominator = top.value, bottom.value
            figure.value = rate(top.value, bottom.value)
            figure.not_computable = figure.value is None
            figure.published = top.is_published and bottom.is_published
            figure.source_text = top.source_text
            figure.source_meeting = top.source_meeting
    elif (stored := values.get((indicator.pk, year))) is not None:
        figure.value, figure.qualifier = stored.value, stored.qualifier
        figure.decimals = stored.decimals
        figure.published, figure.note = stored.is_published, stored.note
        figure.source_text, figure.source_meeting = stored.source_text, stored.source_meeting
    figure.target = next((t for t in targets if t.year >= year), None)
    return figure


# What a figure shows of its source meeting (title, date, link) and of its target's basis
# document (a link when public): the minutes and long texts stay out of the rows.
SOURCE_MEETING = ("source_meeting", "title", "slug", "start")
BASIS_DOCUMENT = ("basis_document", "slug", "is_published", "scope")


def _with_related(queryset, relation, *fields):
    """The rows with their `relation` object, reading only its `fields`."""
    own = [f.name for f in queryset.model._meta.concrete_fields]
    related = [f"{relation}__{name}" for name in fields]
    return queryset.select_related(relation).only(*own, *related)


def _values_by_key(queryset):
    # No order: the rows go into a dict, and the default order joins two tables.
    rows = _with_related(queryset.order_by(), *SOURCE_MEETING)
    return {(v.indicator_id, v.year): v for v in rows}


def _targets_by_indicator(queryset):
    # A commune's own target before the province-wide one of the same year.
    ordered = queryset.order_by("indicator_id", "year", F("commune").asc(nulls_last=True))
    return {key: list(group) for key, group in groupby(ordered, key=lambda t: t.indicator_id)}


def _finish(figure, previous):
    figure.previous = previous
    figure.status = status_for(figure)
    figure.change = change_for(figure)
    return figure


@dataclass
class YearReport:
    year: int
    figures: list
    years: list  # years with visible figures, newest first

    @property
    def groups(self):
        """(group, figures, note): the note says what the group's figures lack, leaving out
        what the whole year lacks, which the page says once (``missing_note``)."""
        no_target, no_previous = self._lacks()
        groups = []
        for group, items in groupby(self.figures, key=lambda f: f.indicator.group):
            items = list(items)
            note = missing(items, self.year, skip_target=no_target, skip_previous=no_previous)
            groups.append((group, items, note))
        return groups

    @property
    def missing_note(self):
        """What no figure of the year has (a target, last year's figure), or ''."""
        no_target, no_previous = self._lacks()
        return missing(
            self.figures, self.year, skip_target=not no_target, skip_previous=not no_previous
        )

    def _lacks(self):
        with_value = [f for f in self.figures if f.has_value]
        return not self.has_targets, bool(with_value) and not self.has_previous

    @property
    def has_targets(self):
        return any(f.target is not None for f in self.figures)

    @property
    def table_columns(self):
        return 3 + 2 * self.has_previous + 2 * self.has_targets

    @property
    def has_ranges(self):
        return any(f.qualifier for f in self.figures)

    @property
    def previous_year(self):
        return next((y for y in self.years if y < self.year), None)

    @property
    def next_year(self):
        return next((y for y in reversed(self.years) if y > self.year), None)

    @property
    def has_previous(self):
        return any(f.has_previous for f in self.figures)

    @property
    def has_unpublished(self):
        return any(f.has_value and not f.published for f in self.figures)

    def by_code(self):
        return {f.indicator.code: f for f in self.figures}


def missing(figures, year, skip_target=False, skip_previous=False):
    """One sentence for what these figures lack: no target, no figure for the year before."""
    with_value = [f for f in figures if f.has_value]
    parts = []
    if not skip_target:
        if not any(f.target for f in figures):
            parts.append(_("chưa có chỉ tiêu cho năm %(year)s") % {"year": year})
        elif not all(f.target for f in figures):
            parts.append(_("chỉ số không ghi chỉ tiêu là chưa có chỉ tiêu"))
    if not skip_previous and with_value:
        if not any(f.has_previous for f in with_value):
            parts.append(_("chưa có số liệu năm %(year)s để so sánh") % {"year": year - 1})
        elif not all(f.has_previous for f in with_value):
            parts.append(_("chỉ số không ghi so sánh là chưa có số liệu năm trước"))
    sentence = "; ".join(parts)
    return f"{sentence[:1].upper()}{sentence[1:]}." if sentence else ""


def latest_year(commune, include_unpublished=False):
    return Value.objects.for_commune(commune).visible(include_unpublished).years().first()


def year_report(commune, year, include_unpublished=False, codes=None, with_years=True):
    """The commune's figures of the year for every indicator (or only `codes`) in four
    queries (three without the list of years that have figures)."""
    visible = Value.objects.for_commune(commune).visible(include_unpublished)
    indicators = Indicator.objects.catalogue()
    if codes is not None:
        indicators = indicators.filter(code__in=codes)
    indicators = list(indicators)
    values = _values_by_key(visible.filter(year__in=[year, year - 1]))
    targets = _targets_by_indicator(
        _with_related(
            Target.objects.for_commune(commune).filter(year__gte=year - 1),
            *BASIS_DOCUMENT,
        )
    )
    figures = []
    for indicator in indicators:
        own = targets.get(indicator.pk, [])
        previous = build(indicator, year - 1, values, own)
        figures.append(_finish(build(indicator, year, values, own), previous))
    years = list(visible.years()) if with_years else [year]
    return YearReport(year=year, figures=figures, years=years)


def history(commune, indicator, include_unpublished=False):
    """The indicator's figure for every year that has one, oldest first (two queries)."""
    parts = [indicator.numerator_id, indicator.denominator_id] if indicator.is_rate else []
    values = _values_by_key(
        Value.objects.for_commune(commune)
        .visible(include_unpublished)
        .filter(indicator_id__in=[indicator.pk, *parts])
    )
    targets = list(
        _with_related(
            Target.objects.for_commune(commune).filter(indicator=indicator), *BASIS_DOCUMENT
        ).order_by("year", F("commune").asc(nulls_last=True))
    )
    figures = []
    for year in sorted({year for _id, year in values}):
        previous = build(indicator, year - 1, values, targets)
        figure = _finish(build(indicator, year, values, targets), previous)
        if figure.has_value or figure.not_computable:
            figures.append(figure)
    return figures, targets


def headline(commune, codes):
    """The latest published year's figures for a few codes, in a fixed number of queries
    (for the home page): (year, [Figure]) or (None, [])."""
    year = latest_year(commune)
    if year is None:
        return None, []
    report = year_report(commune, year, codes=codes, with_years=False)
    order = {code: i for i, code in enumerate(codes)}
    return year, sorted(report.figures, key=lambda f: order[f.indicator.code])


def reviewing_meetings(commune, indicator, years):
    """Held meetings that reviewed one of these years or are the source of a figure."""
    from django.db.models import Q

    from meetings.models import Meeting

    ids = [indicator.pk]
    if indicator.is_rate:
        ids += [indicator.numerator_id, indicator.denominator_id]
    return (
        Meeting.objects.for_commune(commune)
        .held()
        .filter(Q(reviewed_year__in=years) | Q(indicator_values__indicator_id__in=ids))
        .distinct()
        .order_by("-start")
    )
