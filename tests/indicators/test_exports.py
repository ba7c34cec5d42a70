import csv
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from indicators.exports import HEADERS, JSON_SCHEMA
from portal import compression

from .conftest import put

pytestmark = pytest.mark.django_db

YEAR = {"year": 2025}


def page_values(client):
    """{code: displayed value} read from the page's full table."""
    html = client.get(reverse("indicators:year", kwargs=YEAR)).content.decode()
    cells = re.findall(r'<td class="num" [^>]*data-code="([^"]+)"[^>]*>([^<]+)<', html)
    return {code: text.strip() for code, text in cells}


def read_csv(client):
    response = client.get(reverse("indicators:year-csv", kwargs=YEAR))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(client):
    response = client.get(reverse("indicators:year-xlsx", kwargs=YEAR))
    assert 'filename="chi-so-2025.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def read_json(client):
    response = client.get(reverse("indicators:year-json", kwargs=YEAR))
    return json.loads(response.content)


def test_csv_holds_the_same_values_as_the_page(client, seed):
    shown = page_values(client)
    rows = read_csv(client)
    assert list(rows[0].keys()) == HEADERS
    assert {row["Mã chỉ số"]: row["Hiển thị"] for row in rows} == shown
    by_code = {row["Mã chỉ số"]: row for row in rows}
    assert by_code["ho-so-tiep-nhan"]["Giá trị"] == "2945"
    assert by_code["ty-le-ho-so-truc-tuyen"]["Giá trị"] == "57.32"
    assert by_code["ho-so-dung-han"]["Dấu"] == "trên"


def test_xlsx_holds_real_numbers_equal_to_the_page(client, seed):
    shown = page_values(client)
    header, rows = read_xlsx(client)
    assert header == HEADERS
    by_code = {row["Mã chỉ số"].value: row for row in rows}
    assert set(by_code) == set(shown)
    received = by_code["ho-so-tiep-nhan"]["Giá trị"]
    assert received.value == 2945 and received.data_type == "n"
    assert received.number_format == "#,##0"
    online = by_code["ty-le-ho-so-truc-tuyen"]["Giá trị"]
    assert Decimal(str(online.value)) == Decimal("57.32")
    assert online.number_format == '#,##0.00"%"'
    assert by_code["ho-so-dung-han"]["Giá trị"].value == 98
    assert by_code["ho-so-dung-han"]["Dấu"].value == "trên"
    for code, row in by_code.items():
        assert row["Hiển thị"].value == shown[code]
    assert by_code["ho-so-tiep-nhan"]["Tình trạng"].value == "Chưa có chỉ tiêu"


def test_json_has_its_documented_shape_and_the_page_values(client, seed):
    shown = page_values(client)
    data = read_json(client)
    assert data["schema"] == JSON_SCHEMA and data["year"] == 2025
    items = {item["code"]: item for item in data["indicators"]}
    assert {code: item["display"] for code, item in items.items()} == shown
    online = items["ty-le-ho-so-truc-tuyen"]
    assert online["value"] == 57.32 and online["computation"] == "rate"
    assert (online["numerator"], online["denominator"]) == ("ho-so-truc-tuyen", "ho-so-tiep-nhan")
    on_time = items["ho-so-dung-han"]
    assert (on_time["value"], on_time["qualifier"]) == (98, "tren")
    assert on_time["target"] is None and on_time["status"] == "no_target"
    assert set(online) >= {"group", "unit", "previous_value", "status_label", "source", "note"}


def test_three_exports_agree(client, seed):
    csv_values = {r["Mã chỉ số"]: r["Giá trị"] for r in read_csv(client)}
    _header, rows = read_xlsx(client)
    xlsx_values = {r["Mã chỉ số"].value: r["Giá trị"].value for r in rows}
    json_values = {i["code"]: i["value"] for i in read_json(client)["indicators"]}
    for code, number in json_values.items():
        assert Decimal(csv_values[code]) == Decimal(str(number)) == Decimal(str(xlsx_values[code]))


def test_exports_leave_out_unpublished_figures_even_for_staff(staff_client, seed):
    put("dan-co-tai-khoan-vneid", 2025, "91.24", published=False)
    rows = {r["Mã chỉ số"]: r for r in read_csv(staff_client)}
    assert rows["dan-co-tai-khoan-vneid"]["Giá trị"] == ""
    assert read_json(staff_client)["indicators"][6]["value"] is None


def test_exports_of_a_year_without_figures_answer_404(client, seed):
    assert client.get(reverse("indicators:year-json", kwargs={"year": 2010})).status_code == 404


def test_a_workbook_is_sent_as_it_is_without_a_second_packing(client, seed, monkeypatch):
    calls = []
    monkeypatch.setattr(compression, "_packing", lambda *a: calls.append(1))
    monkeypatch.setattr(compression, "_kept_packing", lambda *a: calls.append(1))
    response = client.get(
        reverse("indicators:year-xlsx", kwargs={"year": 2025}), HTTP_ACCEPT_ENCODING="br, gzip"
    )
    assert response.status_code == 200
    assert "Content-Encoding" not in response and response.content[:2] == b"PK"
    assert calls == []
