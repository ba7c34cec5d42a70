"""Texts that look like formulas leave the exports as data and come back through the import."""

import csv
import io
import json
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Value

from .test_import import confirm, upload

pytestmark = pytest.mark.django_db
YEAR = {"year": 2025}

PAYLOADS = {
    # indicator code: (note, source) as an official might type or paste them
    "ho-so-tiep-nhan": ('=HYPERLINK("http://evil.example/","Bấm vào")', "=cmd|' /C calc'!A0"),
    "ho-so-truc-tuyen": ("+1+cmd|' /C calc'!A0", "-2+3"),
    "ho-so-dung-han": ("@SUM(1+1)*cmd|' /C calc'!A0", "#N/A"),
    "dan-co-tai-khoan-vneid": ("'=đã có dấu nháy", "=1+1"),
    "can-bo-co-may-tinh": ("-1 so với kế hoạch", "+84 912 345 678"),
}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def typed(seed):
    for code, (note, source) in PAYLOADS.items():
        Value.objects.filter(indicator__code=code, year=2025).update(note=note, source_text=source)
    return {text for pair in PAYLOADS.values() for text in pair}


def get(client, name):
    return client.get(reverse(f"indicators:year-{name}", kwargs=YEAR)).content


def test_xlsx_holds_every_typed_text_as_a_string_cell_never_a_formula(client, typed):
    content = get(client, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    texts = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for text in typed - {"'=đã có dấu nháy"}:
        assert texts[text].data_type == "s", text
    # The one text an import would shorten keeps a quote in front (see portal.spreadsheets).
    assert texts["''=đã có dấu nháy"].data_type == "s"
    assert {cell.data_type for cell in cells if cell.value is not None} == {"s", "n"}
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    root = ElementTree.fromstring(xml)
    assert not list(root.iter(f"{MAIN}f"))
    inline = [
        c.findtext(f"{MAIN}is/{MAIN}t") for c in root.iter(f"{MAIN}c") if c.get("t") == "inlineStr"
    ]
    assert set(inline) >= typed - {"'=đã có dấu nháy"}


def test_csv_puts_a_quote_before_every_formula_start_and_nowhere_else(client, typed):
    rows = list(csv.reader(io.StringIO(get(client, "csv").decode("utf-8-sig"))))
    fields = [field for row in rows[1:] for field in row]
    for text in typed - {"#N/A"}:
        assert "'" + text in fields, text
    assert "#N/A" in fields
    assert not [field for field in fields if field.startswith(FORMULA_STARTS)]


def test_json_keeps_every_typed_text_exactly(client, typed):
    items = {i["code"]: i for i in json.loads(get(client, "json"))["indicators"]}
    for code, (note, source) in PAYLOADS.items():
        assert (items[code]["note"], items[code]["source"]) == (note, source)


def stored():
    return list(Value.objects.order_by("pk").values())


def test_reimporting_the_xlsx_export_with_formula_texts_changes_nothing(staff_client, typed):
    before = stored()
    response = upload(staff_client, get(staff_client, "xlsx"))
    rows = {row.code: row for row in response.context["rows"]}
    assert {row.action for row in rows.values()} == {"unchanged", "skip"}
    assert rows["ho-so-tiep-nhan"].note == PAYLOADS["ho-so-tiep-nhan"][0]
    confirm(staff_client, response)
    assert stored() == before


def workbook_from_csv(content):
    """The CSV opened in a spreadsheet and saved as .xlsx: numbers read as numbers, the
    "'" of an escaped field kept as a character, as Excel and LibreOffice show it."""
    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        cells = []
        for field in row:
            try:
                cells.append(float(field) if "." in field else int(field))
            except ValueError:
                cells.append(field)
        book.active.append(cells)
        for cell in book.active[book.active.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_reimporting_the_csv_export_takes_exactly_the_quote_off_again(staff_client, typed):
    before = stored()
    response = upload(staff_client, workbook_from_csv(get(staff_client, "csv")))
    rows = {row.code: row for row in response.context["rows"]}
    assert {row.action for row in rows.values()} == {"unchanged", "skip"}
    for code, (note, source) in PAYLOADS.items():
        assert (rows[code].note, rows[code].source_text) == (note, source)
    confirm(staff_client, response)
    assert stored() == before
