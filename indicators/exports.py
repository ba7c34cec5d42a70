"""The year's figures as CSV, XLSX and JSON, built from the same `Figure` rows as the page.

CSV: UTF-8 with a byte-order mark (Excel then reads the Vietnamese right), comma separated,
numbers with a dot for decimals so other tools read them; the "Hiển thị" column holds the
figure as the page writes it (57,32%). XLSX: the same columns, numbers as number cells.
Neither carries a formula: a note typed as "=HYPERLINK(...)" is text in both (portal.spreadsheets).

JSON (open data), a stable shape; fields are only ever added, never renamed:

    {
      "schema": "minhduc-chi-so/1",
      "year": 2025,
      "url": "<the year's page>",
      "indicators": [
        {
          "code": "ty-le-ho-so-truc-tuyen", "name": "...", "short_name": "...",
          "group": {"code": "chinh-quyen-so", "name": "Chính quyền số"},
          "unit": "count" | "percent", "computation": "entered" | "rate",
          "numerator": "<code>" | null, "denominator": "<code>" | null,
          "value": 57.32 | null,             # null: no figure, or a rate whose denominator is 0
          "decimals": 2 | null,              # decimals as entered (93.5 → 1, 98 → 0); a rate's 2
          "qualifier": "" | "tren" | "duoi",  # "tren" 98 means "trên 98%" (over 98)
          "display": "57,32%",
          "previous_value": 55.1 | null,
          "target": {"year": 2030, "comparator": "gte" | "lte", "value": 80, "basis": "..."}
                    | null,
          "status": "met" | "not_met" | "undetermined" | "goal" | "no_target" | "no_value",
          "status_label": "...", "change": "...", "source": "...", "note": "..."
        }
      ]
    }
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from portal.spreadsheets import append_row, csv_cell

JSON_SCHEMA = "minhduc-chi-so/1"

# Header, width in the workbook, and how to read it from a Figure.
COLUMNS = [
    ("Mã chỉ số", 30, lambda f: f.indicator.code),
    ("Nhóm", 16, lambda f: f.indicator.group.name),
    ("Chỉ số", 50, lambda f: f.indicator.name),
    ("Năm", 8, lambda f: f.year),
    ("Giá trị", 12, lambda f: f.exact),
    ("Dấu", 8, lambda f: f.qualifier_label),
    ("Đơn vị", 10, lambda f: f.unit_label),
    ("Hiển thị", 18, lambda f: f.display),
    ("Chỉ tiêu", 22, lambda f: f.target_display),
    ("Căn cứ chỉ tiêu", 30, lambda f: f.target.basis if f.target else ""),
    ("Tình trạng", 30, lambda f: f.status.label),
    ("Thay đổi so với năm trước", 34, lambda f: f.change),
    ("Nguồn", 40, lambda f: f.source_text),
    ("Cuộc họp", 40, lambda f: str(f.source_meeting or "")),
    ("Ghi chú", 30, lambda f: f.note),
    ("Cách tính", 40, lambda f: f.indicator.formula or f.indicator.get_computation_display()),
]
HEADERS = [header for header, _width, _get in COLUMNS]


def number(value):
    """A JSON or Excel number with the decimals shown: an int when there are none
    (98, never 98.0), else a float (93.5, 91.24); None when there is no figure."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _cell(value):
    # Lazy translations and other objects become plain text; numbers stay numbers
    # (a Decimal keeps its decimals: the CSV writes 93.5 and 98.50 as entered).
    return value if value is None or isinstance(value, int | float | Decimal) else str(value)


def rows(report):
    return [[_cell(get(f)) for _header, _width, get in COLUMNS] for f in report.figures]


def _attachment(response, report, extension):
    filename = f"chi-so-{report.year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(report):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in rows(report):
        writer.writerow(["" if cell is None else csv_cell(cell) for cell in row])
    body = "\ufeff" + buffer.getvalue()
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    return _attachment(response, report, "csv")


def number_format(figure):
    """Excel shows these with the reader's own separators and the decimals shown on the
    page: 2.945, 93,5% and 57,32% in Vietnamese. The import reads the decimals back."""
    digits = "#,##0." + "0" * figure.places if figure.places else "#,##0"
    return f'{digits}"%"' if figure.indicator.is_percent else digits


def workbook(report):
    book = Workbook()
    sheet = book.active
    sheet.title = f"Chỉ số {report.year}"
    append_row(sheet, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    value_column = HEADERS.index("Giá trị") + 1
    for figure, row in zip(report.figures, rows(report), strict=True):
        append_row(sheet, [number(cell) if isinstance(cell, Decimal) else cell for cell in row])
        sheet.cell(row=sheet.max_row, column=value_column).number_format = number_format(figure)
    for index, (_header, width, _get) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    return book


def xlsx_response(report):
    buffer = io.BytesIO()
    workbook(report).save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return _attachment(response, report, "xlsx")


def as_json(report, url=""):
    items = []
    for f in report.figures:
        indicator, target = f.indicator, f.target
        items.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "short_name": indicator.short_name,
                "group": {"code": indicator.group.code, "name": indicator.group.name},
                "unit": indicator.unit,
                "computation": indicator.computation,
                "numerator": indicator.numerator.code if indicator.is_rate else None,
                "denominator": indicator.denominator.code if indicator.is_rate else None,
                "value": number(f.exact),
                "decimals": f.places if f.has_value else None,
                "qualifier": str(f.qualifier),
                "display": f.display,
                "previous_value": number(f.previous.exact) if f.previous else None,
                "target": None
                if target is None
                else {
                    "year": target.year,
                    "comparator": target.comparator,
                    "value": number(target.value.normalize()),
                    "basis": target.basis,
                },
                "status": f.status.code,
                "status_label": f.status.label,
                "change": f.change,
                "source": f.source,
                "note": f.note,
            }
        )
    return {"schema": JSON_SCHEMA, "year": report.year, "url": url, "indicators": items}


def json_response(report, base_url):
    url = base_url + reverse("indicators:year", kwargs={"year": report.year})
    return JsonResponse(
        as_json(report, url), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
