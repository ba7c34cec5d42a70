"""A figure keeps the decimals the official wrote, from the form to every page and export."""

import csv
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from indicators import formatting
from indicators.models import Indicator, Value
from tests.communes.helpers import first_commune

from .conftest import put
from .test_admin_rules import post_value

pytestmark = pytest.mark.django_db
YEAR = {"year": 2024}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# code: (typed in the form, qualifier, decimals kept, shown on the pages)
TYPED = {
    "dan-co-tai-khoan-vneid": ("93,5", "", 1, "93,5%"),
    "ho-so-dung-han": ("98", "tren", 0, "trên 98%"),
    "can-bo-co-may-tinh": ("98,50", "", 2, "98,50%"),
    "ho-so-tiep-nhan": ("2.945", "", 0, "2.945"),
    "ho-so-truc-tuyen": ("1.688", "", 0, "1.688"),
}
SHOWN = {code: shown for code, (_t, _q, _d, shown) in TYPED.items()}
SHOWN["ty-le-ho-so-truc-tuyen"] = "57,32%"  # 1.688 ÷ 2.945, computed: two decimals


@pytest.fixture
def typed(staff_client):
    """The figures typed into the admin form, then published."""
    for code, (text, qualifier, _decimals, _shown) in TYPED.items():
        response = post_value(staff_client, code, 2024, text, qualifier, is_published="on")
        assert response.status_code == 302, response.content.decode()
    return staff_client


def page_values(client):
    """{code: value shown} in the year's table, for the indicators typed here."""
    html = client.get(reverse("indicators:year", kwargs=YEAR)).content.decode()
    shown = dict(re.findall(r'<td class="num"[^>]*data-code="([^"]+)">([^<]+)<', html))
    return {code: shown[code].strip() for code in SHOWN}


def decimals():
    return dict(Value.objects.values_list("indicator__code", "decimals"))


def test_form_keeps_the_decimals_typed(typed):
    assert decimals() == {code: kept for code, (_t, _q, kept, _s) in TYPED.items()}


def test_change_form_shows_the_value_as_typed(typed):
    value = Value.objects.get(indicator__code="dan-co-tai-khoan-vneid")
    html = typed.get(reverse("admin:indicators_value_change", args=[value.pk])).content.decode()
    assert 'value="93,5"' in html
    assert "93,5000" not in html


def test_resaving_with_other_decimals_changes_them(typed):
    value = Value.objects.get(indicator__code="dan-co-tai-khoan-vneid")
    response = typed.post(
        reverse("admin:indicators_value_change", args=[value.pk]),
        {
            "indicator": value.indicator_id,
            "year": 2024,
            "value": "93,50",
            "qualifier": "",
            "note": "",
            "source_text": "",
            "source_meeting": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.decimals == 2 and value.formatted == "93,50%"


def test_dashboard_table_and_tiles_show_the_precision_entered(typed, client):
    assert page_values(client) == SHOWN
    html = client.get(reverse("indicators:year", kwargs=YEAR)).content.decode()
    assert '<p class="tile__value">93,5%</p>' in html
    assert "trên 98,00%" not in html and "93,50%" not in html


def test_indicator_page_and_home_show_the_precision_entered(typed, client):
    detail = client.get(reverse("indicators:detail", kwargs={"code": "dan-co-tai-khoan-vneid"}))
    assert '<td class="num">93,5%' in detail.content.decode()
    home = client.get(reverse("portal:home")).content.decode()
    for shown in ("93,5%", "trên 98%", "57,32%", "2.945"):
        assert f'<span class="home-figure__value">{shown}</span>' in home


def test_change_on_last_year_is_written_with_the_decimals_it_needs(typed, client):
    put("dan-co-tai-khoan-vneid", 2023, "91.24")
    html = client.get(reverse("indicators:year", kwargs=YEAR)).content.decode()
    assert "Tăng 2,26 điểm phần trăm so với năm 2023" in html


def test_csv_writes_the_numbers_as_entered(typed, client):
    response = client.get(reverse("indicators:year-csv", kwargs=YEAR))
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    values = {row["Mã chỉ số"]: (row["Giá trị"], row["Hiển thị"]) for row in rows}
    assert values["dan-co-tai-khoan-vneid"] == ("93.5", "93,5%")
    assert values["ho-so-dung-han"] == ("98", "trên 98%")
    assert values["can-bo-co-may-tinh"] == ("98.50", "98,50%")
    assert values["ty-le-ho-so-truc-tuyen"] == ("57.32", "57,32%")


def test_xlsx_cells_show_the_decimals_entered(typed, client):
    content = client.get(reverse("indicators:year-xlsx", kwargs=YEAR)).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    code, value = header.index("Mã chỉ số"), header.index("Giá trị")
    cells = {row[code].value: row[value] for row in sheet.iter_rows(min_row=2)}
    expected = {
        "dan-co-tai-khoan-vneid": (93.5, '#,##0.0"%"'),
        "ho-so-dung-han": (98, '#,##0"%"'),
        "can-bo-co-may-tinh": (98.5, '#,##0.00"%"'),
        "ho-so-tiep-nhan": (2945, "#,##0"),
        "ty-le-ho-so-truc-tuyen": (57.32, '#,##0.00"%"'),
    }
    for indicator, (number, number_format) in expected.items():
        assert (cells[indicator].value, cells[indicator].number_format) == (number, number_format)


def test_json_holds_the_number_and_its_decimals(typed, client):
    data = json.loads(client.get(reverse("indicators:year-json", kwargs=YEAR)).content)
    items = {item["code"]: item for item in data["indicators"]}
    assert (
        items["dan-co-tai-khoan-vneid"]["value"],
        items["dan-co-tai-khoan-vneid"]["decimals"],
    ) == (93.5, 1)
    assert (items["ho-so-dung-han"]["value"], items["ho-so-dung-han"]["decimals"]) == (98, 0)
    assert (items["can-bo-co-may-tinh"]["value"], items["can-bo-co-may-tinh"]["decimals"]) == (
        98.5,
        2,
    )
    assert items["ty-le-ho-so-truc-tuyen"]["decimals"] == 2
    assert (
        '"value": 98,' in client.get(reverse("indicators:year-json", kwargs=YEAR)).content.decode()
    )


def test_export_imported_again_restores_the_same_decimals(typed, client):
    """Form → page → export → import: the precision comes back unchanged."""
    exported = client.get(reverse("indicators:year-xlsx", kwargs=YEAR)).content
    before = decimals()
    Value.objects.all().delete()
    url = reverse("admin:indicators_value_import")
    upload = SimpleUploadedFile("chi-so-2024.xlsx", exported, content_type=XLSX)
    preview = typed.post(url, {"workbook": upload})
    assert preview.context["token"], preview.content.decode()
    assert typed.post(url, {"token": preview.context["token"]}).status_code == 302
    assert decimals() == before
    Value.objects.update(is_published=True)
    assert page_values(client) == SHOWN


@pytest.mark.parametrize(
    ("cell", "number_format", "stored", "kept"),
    [
        (93.5, "General", "93.5", 1),
        (98, "General", "98", 0),
        (98.5, "0.00", "98.50", 2),
        (0.985, "0.0%", "98.5", 1),  # "98,5%" typed into Excel
        (0.1 + 0.2, "General", "0.3", 1),
        (57.5, "#,##0.##", "57.5", 1),
        (57.3174, '0.00" %";[Red]-0.00', "57.32", 2),
        ("91,24", "General", "91.24", 2),
        ("98,50", "@", "98.50", 2),
        ("2.945", "General", "2945", 0),
    ],
)
def test_import_reads_the_decimals_a_cell_shows(cell, number_format, stored, kept):
    from indicators.importing import _number

    number, places = _number(cell, number_format)
    assert (str(number), places) == (stored, kept)


def test_import_refuses_more_decimals_or_digits_than_a_figure_keeps(staff_client):
    from .test_import import upload, workbook

    content = workbook(
        [
            ("dan-co-tai-khoan-vneid", 2024, "91,12345", "", "", ""),
            ("ho-so-tiep-nhan", 2024, 1e20, "", "", ""),
        ]
    )
    html = upload(staff_client, content).content.decode()
    assert "Giá trị có quá 4 chữ số thập phân." in html
    assert "Giá trị quá lớn." in html


def test_migration_fills_decimals_from_the_stored_value(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("indicators", "0002_history")])
    old = executor.loader.project_state([("indicators", "0002_history")]).apps
    indicator = old.get_model("indicators", "Indicator").objects.get(code="dan-co-tai-khoan-vneid")
    old.get_model("indicators", "Value").objects.create(
        indicator=indicator, year=2024, value=Decimal("93.5000")
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    value = Value.objects.get()
    assert value.decimals == 1 and value.formatted == "93,5%"


def test_rates_keep_two_decimals_and_targets_their_own():
    rate = Indicator(unit="percent", decimals=2)
    assert formatting.format_amount(rate, Decimal("57.32")) == "57,32%"
    assert formatting.format_target(rate, Decimal("98.5000")) == "98,5%"
    assert formatting.format_value(rate, Decimal("98.0000"), "tren", 0) == "trên 98%"


def test_history_shows_values_with_the_decimals_entered(typed):
    value = Value.objects.get(indicator__code="can-bo-co-may-tinh")
    url = reverse("admin:indicators_value_change", args=[value.pk])
    data = {
        "indicator": value.indicator_id,
        "year": 2024,
        "qualifier": "",
        "note": "",
        "source_text": "",
        "source_meeting": "",
        "is_published": "on",
    }
    assert typed.post(url, data | {"value": "98,5"}).status_code == 302
    assert typed.post(url, data | {"value": "97"}).status_code == 302
    history = reverse("admin:indicators_value_history", args=[value.pk])
    text = typed.get(history).content.decode()
    assert "Giá trị:</strong> 98,50&nbsp;&rarr;&nbsp;98,5" in text  # decimals alone
    assert "Giá trị:</strong> 98,5&nbsp;&rarr;&nbsp;97" in text
    assert "Số chữ số thập phân" not in text


def test_target_form_and_list_show_the_target_as_written(staff_client):
    from indicators.models import Target

    target = Target.objects.create(
        commune=first_commune(),
        indicator=Indicator.objects.get(code="ho-so-dung-han"),
        year=2030,
        value=Decimal("98.5"),
        basis="Kế hoạch của UBND xã",
    )
    form = staff_client.get(reverse("admin:indicators_target_change", args=[target.pk]))
    assert 'value="98,5"' in form.content.decode()
    listing = staff_client.get(reverse("admin:indicators_target_changelist")).content.decode()
    assert "98,5%" in listing and "98,5000" not in listing
