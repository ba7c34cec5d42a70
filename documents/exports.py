"""The register as CSV, XLSX and JSON (open data), with the list page's filters applied.

Texts go through portal.spreadsheets, so a trích yếu typed as "=HYPERLINK(...)" stays text.
JSON keeps a stable shape; fields are only ever added, never renamed:

    {"schema": "minhduc-van-ban/1", "url": "<the register>", "documents": [
        {"number": "57-NQ/TW", "type": "Nghị quyết", "issuer": "Bộ Chính trị",
         "sector": "..." | null, "title": "...", "signer": "...", "signer_title": "...",
         "issued_on": "2024-12-22", "effective_from": "..." | null, "effective_until": ... ,
         "validity": "con-hieu-luc" | "chua-co-hieu-luc" | "het-hieu-luc" | "bi-thay-the"
                     | "khong-ap-dung",
         "validity_label": "...", "url": "<the document's page>"}]}
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.spreadsheets import append_row, csv_cell

JSON_SCHEMA = "minhduc-van-ban/1"
FILENAME = "van-ban"


def _date(day):
    return day.strftime("%d/%m/%Y") if day else ""


# Header, width in the workbook, and how to read it from a document of `for_list()`.
COLUMNS = [
    ("Số ký hiệu", 18, lambda d: d.number),
    ("Loại", 18, lambda d: d.doc_type.name),
    ("Cơ quan ban hành", 24, lambda d: d.issuer.name),
    ("Ngày ban hành", 14, lambda d: _date(d.issued_on)),
    ("Ngày có hiệu lực", 14, lambda d: _date(d.effective_from)),
    ("Ngày hết hiệu lực", 14, lambda d: _date(d.effective_until)),
    ("Lĩnh vực", 20, lambda d: d.sector.name if d.sector else ""),
    ("Trích yếu", 60, lambda d: d.title),
    ("Người ký", 20, lambda d: d.signer),
    ("Chức vụ người ký", 24, lambda d: d.signer_title),
    ("Hiệu lực", 24, lambda d: str(d.validity_label)),
    ("Địa chỉ", 50, None),  # the document's address on its commune's portal
]
HEADERS = [header for header, _width, _get in COLUMNS]


def rows(documents, base_url):
    return [
        [get(d) if get else base_url + d.get_absolute_url() for _header, _width, get in COLUMNS]
        for d in documents
    ]


def _attachment(response, extension):
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.{extension}"'
    return response


def csv_response(documents, base_url):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows(documents, base_url))
    body = "\ufeff" + buffer.getvalue()  # Excel reads the Vietnamese right with the mark
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    return _attachment(response, "csv")


def xlsx_response(documents, base_url):
    book = Workbook()
    sheet = book.active
    sheet.title = "Văn bản"
    append_row(sheet, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(documents, base_url):
        append_row(sheet, row)
    for index, (_header, width, _get) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return _attachment(response, "xlsx")


def _iso(day):
    return day.isoformat() if day else None


def as_json(documents, base_url):
    return {
        "schema": JSON_SCHEMA,
        "url": base_url + reverse("documents:list"),
        "documents": [
            {
                "number": d.number,
                "type": d.doc_type.name,
                "issuer": d.issuer.name,
                "sector": d.sector.name if d.sector else None,
                "title": d.title,
                "signer": d.signer,
                "signer_title": d.signer_title,
                "issued_on": _iso(d.issued_on),
                "effective_from": _iso(d.effective_from),
                "effective_until": _iso(d.effective_until),
                "validity": d.validity,
                "validity_label": str(d.validity_label),
                "url": base_url + d.get_absolute_url(),
            }
            for d in documents
        ],
    }


def json_response(documents, base_url):
    return JsonResponse(
        as_json(documents, base_url), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
