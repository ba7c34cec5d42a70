"""The blank workbook officials fill in, and importing it."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator, Value

pytestmark = pytest.mark.django_db
URL = "admin:indicators_value_import_template"
IMPORT = "admin:indicators_value_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Chỉ số", "Mã chỉ số", "Đơn vị", "Năm", "Dấu", "Giá trị", "Nguồn", "Ghi chú"]


def download(client, year=2025):
    response = client.get(reverse(URL), {"nam": year})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert f'filename="mau-nhap-so-lieu-{year}.xlsx"' in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_by_code(sheet):
    return {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}


def validation_for(sheet, coordinate):
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, coordinate
    return found[0]


def test_template_has_one_row_per_indicator_typed_in(staff_client):
    sheet = download(staff_client).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    rows = rows_by_code(sheet)
    entered = Indicator.objects.filter(computation="entered")
    assert set(rows) == set(entered.values_list("code", flat=True))
    assert "ty-le-ho-so-truc-tuyen" not in rows  # computed from its parts
    assert rows["ho-so-tiep-nhan"] == (
        "Tổng số hồ sơ thủ tục hành chính tiếp nhận trong năm",
        "ho-so-tiep-nhan",
        "hồ sơ",
        2025,
        None,
        None,
        None,
        None,
    )
    assert rows["dan-co-tai-khoan-vneid"][2] == "%"


def test_template_validates_values_qualifiers_and_years(staff_client):
    sheet = download(staff_client).worksheets[0]
    line = {row[1].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    percent = validation_for(sheet, f"F{line['dan-co-tai-khoan-vneid']}")
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    count = validation_for(sheet, f"F{line['ho-so-tiep-nhan']}")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert count.error == "Chỉ số số lượng phải là số nguyên, không âm."
    qualifier = validation_for(sheet, f"E{line['ho-so-dung-han']}")
    assert (qualifier.type, qualifier.formula1) == ("list", '"trên,dưới"')
    year = validation_for(sheet, f"D{line['ho-so-dung-han']}")
    assert (year.type, year.formula1, year.formula2) == (
        "whole",
        "2000",
        str(timezone.localdate().year),
    )
    for check in (percent, count, qualifier, year):
        assert check.showErrorMessage and check.allow_blank


def test_template_is_readable(staff_client):
    book = download(staff_client)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 50
    assert all(sheet.column_dimensions[c].width >= 8 for c in "BCDEFGH")
    assert all(cell.font.bold for cell in sheet[1])
    assert book.sheetnames == ["Số liệu 2025", "Hướng dẫn"]


def fill(book, figures):
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in figures:
            row[4].value, row[5].value, row[6].value = figures[row[1].value]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_filled_template_imports_and_blank_rows_are_skipped(staff_client):
    content = fill(
        download(staff_client, 2024),
        {
            "ho-so-tiep-nhan": (None, 2945, "Báo cáo năm 2024"),
            "ho-so-truc-tuyen": (None, 1688, "Báo cáo năm 2024"),
            "ho-so-dung-han": ("trên", 98, None),
            "dan-co-tai-khoan-vneid": (None, 93.5, None),
        },
    )
    upload = SimpleUploadedFile("mau.xlsx", content, content_type=XLSX)
    preview = staff_client.post(reverse(IMPORT), {"workbook": upload})
    html = preview.content.decode()
    actions = {row.code: row.action for row in preview.context["rows"]}
    assert actions["ho-so-tiep-nhan"] == "new"
    assert actions["to-cong-nghe-so-cong-dong"] == "empty"
    assert "4 dòng chưa nhập giá trị được bỏ qua." in html
    assert "Số Tổ công nghệ số cộng đồng" not in html  # left blank: counted, not listed
    assert "trên 98%" in html and "93,5%" in html
    response = staff_client.post(reverse(IMPORT), {"token": preview.context["token"]})
    assert response.status_code == 302
    saved = {v.indicator.code: v.formatted for v in Value.objects.select_related("indicator")}
    assert saved == {
        "ho-so-tiep-nhan": "2.945",
        "ho-so-truc-tuyen": "1.688",
        "ho-so-dung-han": "trên 98%",
        "dan-co-tai-khoan-vneid": "93,5%",
    }


def test_preview_names_indicators_with_the_code_beside(staff_client):
    content = fill(download(staff_client, 2024), {"ho-so-tiep-nhan": (None, 2945, None)})
    upload = SimpleUploadedFile("mau.xlsx", content, content_type=XLSX)
    html = staff_client.post(reverse(IMPORT), {"workbook": upload}).content.decode()
    assert (
        "<td>Tổng số hồ sơ thủ tục hành chính tiếp nhận trong năm "
        '<small class="quiet">ho-so-tiep-nhan</small></td>'
    ) in html


def test_import_page_offers_last_year_template_in_one_click(staff_client):
    html = staff_client.get(reverse(IMPORT)).content.decode()
    assert f'action="{reverse(URL)}"' in html
    assert f'value="{timezone.localdate().year - 1}"' in html
    assert "Tải mẫu Excel trống" in html


def test_unfilled_template_is_refused_with_a_message(staff_client):
    content = fill(download(staff_client, 2024), {})
    upload = SimpleUploadedFile("mau.xlsx", content, content_type=XLSX)
    response = staff_client.post(reverse(IMPORT), {"workbook": upload})
    assert "Tệp chưa có số liệu nào để nhập" in response.content.decode()
    assert response.context["token"] is None


@pytest.mark.parametrize("year", ["1999", "3000", "abc"])
def test_bad_template_year_is_explained_on_the_import_page(staff_client, year):
    response = staff_client.get(reverse(URL), {"nam": year})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "errorlist" in response.content.decode()


def test_template_needs_the_import_permission(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("xem", password="mat-khau-dai-1", is_staff=True)
    client.force_login(user)
    assert client.get(reverse(URL), {"nam": 2025}).status_code == 403
