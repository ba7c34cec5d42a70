import datetime
import zoneinfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats

from portal.templatetags.portal import long_date, weekday


def render(source, **context):
    return Template("{% load humanize l10n portal %}" + source).render(Context(context))


def test_numbers_use_dot_for_thousands_and_comma_for_decimals():
    assert render("{{ n }}", n=2945) == "2.945"
    assert render("{{ n }}", n=1234567) == "1.234.567"
    assert render("{{ x|floatformat:2 }}", x=91.24) == "91,24"
    assert render("{{ x|floatformat:2 }}", x=57.3174) == "57,32"


def test_years_can_be_shown_without_grouping():
    assert render("{{ y|unlocalize }}", y=2026) == "2026"


def test_dates_are_day_month_year():
    day = datetime.date(2026, 1, 15)
    assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=day) == "15/01/2026"
    assert formats.date_format(day) == "15/01/2026"


def test_typed_dates_are_read_day_first():
    """An official typing 05/01/2026 means 5 January, not 1 May."""
    field = forms.DateField()
    assert field.clean("05/01/2026") == datetime.date(2026, 1, 5)
    assert forms.DateTimeField().clean("15/01/2026 14:00").day == 15


def test_weekday_names_are_in_full():
    assert weekday(datetime.date(2026, 1, 15)) == "Thứ Năm"
    assert weekday(datetime.date(2026, 1, 18)) == "Chủ Nhật"
    assert long_date(datetime.date(2026, 1, 15)) == "Thứ Năm, 15/01/2026"


def test_long_date_shows_local_time_for_aware_datetimes():
    utc = datetime.datetime(2026, 1, 15, 8, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert long_date(utc) == "Thứ Năm, 15/01/2026 15:00"


def test_weeks_start_on_monday():
    assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize("value", [None, ""])
def test_empty_dates_render_empty(value):
    assert long_date(value) == "" and weekday(value) == ""


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 1, 5),
        datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC),  # 00:30 on 02/03 locally
        datetime.datetime(2026, 3, 1, 23, 59, 12, 345, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo")),
        datetime.datetime(2026, 3, 1, 8, 0),
        None,
        "",
    ],
)
def test_the_row_date_filters_give_what_the_date_filter_gives(value):
    pairs = {"dmy": 'date:"d/m/Y"', "ymd": "date:'Y-m-d'", "iso": "date:'c'"}
    for quick, django_filter in pairs.items():
        assert render(f"{{{{ v|{quick} }}}}", v=value) == render(
            f"{{{{ v|{django_filter} }}}}", v=value
        )


def test_long_date_writes_the_short_formats_out():
    """long_date spells the Vietnamese short formats itself (it runs on every row)."""
    moment = datetime.datetime(2026, 1, 15, 8, 5, tzinfo=datetime.UTC)
    local = moment.astimezone(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert long_date(moment) == f"Thứ Năm, {formats.date_format(local, 'SHORT_DATETIME_FORMAT')}"
    assert long_date(moment.date()) == f"Thứ Năm, {formats.date_format(moment.date())}"
