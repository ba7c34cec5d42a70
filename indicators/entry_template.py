"""A blank workbook for entering a year's figures, in the columns the import reads.

One row per indicator typed in (a computed rate is left out: its parts are entered), with
its name, code, unit and the year filled in. Excel itself refuses what the import would
refuse: a percent outside 0–100, a count that is not a whole number, a qualifier other
than "trên" or "dưới".
"""

import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from portal.spreadsheets import append_row

from .models import MIN_YEAR, Indicator

# Header (as the import reads it) and width in the workbook.
COLUMNS = [
    ("Chỉ số", 58),
    ("Mã chỉ số", 30),
    ("Đơn vị", 10),
    ("Năm", 8),
    ("Dấu", 9),
    ("Giá trị", 14),
    ("Nguồn", 40),
    ("Ghi chú", 30),
]
HEADERS = [header for header, _width in COLUMNS]
GIVEN = 4  # the first four columns are filled in; the official types the rest
GIVEN_FILL = PatternFill("solid", fgColor="EEEEEE")
QUALIFIER_LIST = '"trên,dưới"'
INSTRUCTIONS = [
    "Cách điền mẫu nhập số liệu",
    "Mỗi dòng của trang đầu là một chỉ số: chỉ điền các cột Dấu, Giá trị, Nguồn, Ghi chú; "
    "không sửa Chỉ số, Mã chỉ số và Năm.",
    "Giá trị: số như trong báo cáo, ví dụ 91,24 cho 91,24% (không gõ dấu %), 2.945 cho "
    "2.945 hồ sơ. Tỷ lệ phần trăm từ 0 đến 100; số lượng là số nguyên, không âm.",
    "Dấu: để trống khi là số chính xác; chọn “trên” khi báo cáo ghi “trên 98%” (giá trị "
    "là 98), “dưới” khi ghi “dưới 5%”.",
    "Dòng chưa có số liệu cứ để trống: khi nhập, hệ thống bỏ qua dòng đó.",
    "Tỷ lệ hồ sơ nộp trực tuyến không có trong mẫu: hệ thống tự tính từ số hồ sơ trực "
    "tuyến và tổng số hồ sơ tiếp nhận.",
    "Nhập tệp tại Quản trị › Số liệu › Nhập từ Excel; hệ thống cho xem trước, chưa lưu gì "
    "trước khi bạn xác nhận.",
]


def _validation(kind, prompt_title, prompt, error, **rule):
    return DataValidation(
        type=kind,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=prompt_title,
        prompt=prompt,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error=error,
        **rule,
    )


def _validations(year):
    """Excel's own checks, matching the import's rules (indicators.rules)."""
    return {
        "percent": _validation(
            "decimal",
            "Tỷ lệ phần trăm",
            "Một số từ 0 đến 100, không gõ dấu %. Ví dụ: 91,24",
            "Tỷ lệ phần trăm phải là một số từ 0 đến 100.",
            operator="between",
            formula1="0",
            formula2="100",
        ),
        "count": _validation(
            "whole",
            "Số lượng",
            "Một số nguyên, không âm. Ví dụ: 2945",
            "Chỉ số số lượng phải là số nguyên, không âm.",
            operator="greaterThanOrEqual",
            formula1="0",
        ),
        "qualifier": _validation(
            "list",
            "Dấu",
            "Để trống nếu là số chính xác; “trên” khi báo cáo ghi “trên 98%”.",
            "Dấu chỉ được để trống, “trên” hoặc “dưới”.",
            formula1=QUALIFIER_LIST,
        ),
        "year": _validation(
            "whole",
            "Năm",
            f"Năm của số liệu, từ {MIN_YEAR} đến {timezone.localdate().year}.",
            f"Năm phải từ {MIN_YEAR} đến {timezone.localdate().year}.",
            operator="between",
            formula1=str(MIN_YEAR),
            formula2=str(timezone.localdate().year),
        ),
    }


def column(header):
    """The column letter of a header: 'F' for 'Giá trị'."""
    return get_column_letter(HEADERS.index(header) + 1)


def workbook(year):
    book = Workbook()
    sheet = book.active
    sheet.title = f"Số liệu {year}"
    append_row(sheet, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    checks = _validations(year)
    for check in checks.values():
        sheet.add_data_validation(check)
    value, qualifier, year_column = (column(name) for name in ("Giá trị", "Dấu", "Năm"))
    entered = Indicator.objects.catalogue().filter(computation=Indicator.Computation.ENTERED)
    for indicator in entered:
        unit = "%" if indicator.is_percent else indicator.count_noun or indicator.get_unit_display()
        append_row(sheet, [indicator.name, indicator.code, unit, year])
        row = sheet.max_row
        for given in range(1, GIVEN + 1):
            sheet.cell(row=row, column=given).fill = GIVEN_FILL
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        checks["percent" if indicator.is_percent else "count"].add(f"{value}{row}")
        checks["qualifier"].add(f"{qualifier}{row}")
        checks["year"].add(f"{year_column}{row}")
    for header, width in COLUMNS:
        sheet.column_dimensions[column(header)].width = width
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("Hướng dẫn")
    for line in INSTRUCTIONS:
        append_row(help_sheet, [line])
    help_sheet["A1"].font = Font(bold=True)
    help_sheet.column_dimensions["A"].width = 110
    return book


def response(year):
    buffer = io.BytesIO()
    workbook(year).save(buffer)
    answer = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    answer["Content-Disposition"] = f'attachment; filename="mau-nhap-so-lieu-{year}.xlsx"'
    return answer
