import csv
import io
import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from indicators.models import MAX_YEAR, MIN_YEAR
from portal import counting
from portal.spreadsheets import append_row, csv_cell

from . import rollup


def _comparison(request):
    """The comparison the query string asks for; a year or sort it cannot be is a 404."""
    year = request.GET.get("nam")
    if year is not None:
        if not year.isdigit() or not MIN_YEAR <= int(year) <= MAX_YEAR:
            raise Http404("Năm không hợp lệ.")
        year = int(year)
    sort = request.GET.get("xep", "ten")
    if sort != "ten" and sort not in rollup.HEADLINE_CODES:
        raise Http404("Cách xếp không hợp lệ.")
    descending = request.GET.get("chieu") == "giam"
    return rollup.comparison(year, sort, descending)


@require_safe
def province_home(request):
    """The province's page: every commune's headline figures for a year, side by side."""
    result = _comparison(request)
    return render(
        request,
        "communes/province.html",
        {
            "province": request.province,
            "result": result,
            "chart": rollup.chart(result),
            "year_query": f"nam={result.year}" if result.year else "",
        },
    )


def _filename(result, extension):
    return f'attachment; filename="so-sanh-cac-xa-{result.year or "chua-co"}.{extension}"'


@require_safe
def export_csv(request):
    result = _comparison(request)
    header, lines = rollup.table(result)
    out = io.StringIO()
    writer = csv.writer(out)
    for line in [header, *lines]:
        writer.writerow([csv_cell("" if value is None else value) for value in line])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename(result, "csv")
    return response


@require_safe
def export_xlsx(request):
    result = _comparison(request)
    header, lines = rollup.table(result)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Năm {result.year}" if result.year else "Chưa có số liệu"
    for line in [header, *lines]:
        append_row(sheet, line)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = _filename(result, "xlsx")
    return response


@require_safe
def export_json(request):
    result = _comparison(request)
    body = json.dumps(rollup.as_json(result), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def province_not_found(request, exception=None):
    counting.not_a_page(request)
    return render(request, "communes/province_404.html", {"province": request.province}, status=404)
