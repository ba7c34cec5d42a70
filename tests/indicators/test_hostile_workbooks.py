"""Hostile .xlsx files: huge declared sheets, endless empty rows, zip bombs."""

import io
import re
import struct
import time
import zipfile

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from indicators import importing
from indicators.models import Value

from .test_import import upload, workbook

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"
BOUND = (importing.MAX_ROWS + 2) * importing.MAX_COLUMNS


def rewrite(content, member, change):
    """The package with one member's text passed through ``change``."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data.decode()).encode()
            package.writestr(info.filename, data)
    return target.getvalue()


def declaring_the_whole_sheet(empty_rows=0, last_row=False):
    """One real figure, a sheet that declares A1:XFD1048576, then empty rows of empty cells."""
    rows = "".join(
        f'<row r="{n}" spans="1:16384"><c r="A{n}" s="0"/><c r="XFD{n}" s="0"/></row>'
        for n in range(3, 3 + empty_rows)
    )
    if last_row:
        rows += '<row r="1048576"><c r="XFD1048576"/></row>'

    def change(xml):
        xml = re.sub(r'<dimension ref="[^"]+" ?/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace("</sheetData>", rows + "</sheetData>")

    return rewrite(workbook([("ho-so-tiep-nhan", 2024, 2800, "", "", "")]), SHEET, change)


@pytest.fixture
def cells_read(monkeypatch):
    """Counts every cell openpyxl hands over, empty padding included."""
    counter = {"cells": 0, "rows": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counter["rows"] += 1
            counter["cells"] += len(row)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counter


def test_a_declared_whole_sheet_with_empty_rows_is_previewed_within_the_bound(
    staff_client, cells_read
):
    content = declaring_the_whole_sheet(empty_rows=900)
    response = upload(staff_client, content)
    assert [(row.number, row.code, row.action) for row in response.context["rows"]] == [
        (2, "ho-so-tiep-nhan", "new")
    ]
    assert "Xem trước (1 dòng)" in response.content.decode()
    assert cells_read["rows"] == 902
    assert cells_read["cells"] == 902 * importing.MAX_COLUMNS <= BOUND


def test_the_xfd1048576_file_is_refused_after_a_bounded_read(staff_client, cells_read):
    content = declaring_the_whole_sheet(empty_rows=2000, last_row=True)
    assert len(content) < 32 * 1024
    started = time.perf_counter()
    response = upload(staff_client, content)
    elapsed = time.perf_counter() - started
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bảng tính dài quá 1.000 dòng dưới dòng tiêu đề (tính cả dòng trống)" in html
    assert cells_read["cells"] == BOUND == 1002 * 26
    assert elapsed < 5
    assert not Value.objects.exists()


def test_only_the_declared_dimension_changes_nothing(staff_client, cells_read):
    """The 4.9 KB file: A1:XFD1048576 declared over two real rows."""
    content = declaring_the_whole_sheet()
    assert len(content) < 5 * 1024
    response = upload(staff_client, content)
    assert [row.code for row in response.context["rows"]] == ["ho-so-tiep-nhan"]
    assert cells_read["cells"] == 2 * importing.MAX_COLUMNS


def test_a_thousand_lines_fit_blank_ones_included_and_one_more_does_not(staff_client):
    rows = [("khong-co", 2024, n, "", "", "") for n in range(importing.MAX_ROWS - 1)]
    fits = upload(staff_client, workbook([*rows, ("", "", "", "", "", "")]))
    assert len(fits.context["rows"]) == importing.MAX_ROWS - 1
    too_long = upload(staff_client, workbook([*rows, (None,), ("khong-co", 2025, 1)]))
    assert "Bảng tính dài quá 1.000 dòng" in too_long.content.decode()
    assert too_long.context["rows"] is None


def bomb():
    """A valid workbook whose styles unpack to 50 MB from a file of about 50 KB."""
    padding = "<!--" + "0" * (50 * 1024 * 1024) + "-->"
    content = workbook([("ho-so-tiep-nhan", 2024, 2800, "", "", "")])
    return rewrite(
        content, STYLES, lambda xml: xml.replace("</styleSheet>", padding + "</styleSheet>")
    )


def lying(content, member, size):
    """The package with ``member`` claiming ``size`` unpacked bytes in both of its headers."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(member)
    data = bytearray(content)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local file header
    central = data.find(b"PK\x01\x02")
    while not data[central + 46 :].startswith(member.encode()):
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)  # central directory entry
    return bytes(data)


@pytest.fixture
def bytes_unpacked(monkeypatch):
    counter = {"bytes": 0}
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = original(self, n)
        counter["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counter


def test_a_zip_bomb_is_refused_by_its_declared_size(staff_client, bytes_unpacked):
    content = bomb()
    assert len(content) < 100 * 1024
    bytes_unpacked["bytes"] = 0
    response = upload(staff_client, content)
    assert "Tệp nén chứa quá nhiều dữ liệu (quá 10 MB khi giải nén)" in response.content.decode()
    assert bytes_unpacked["bytes"] == 0


def test_a_zip_bomb_that_lies_about_its_size_unpacks_no_more_than_it_claims(
    staff_client, bytes_unpacked
):
    content = lying(bomb(), STYLES, 1024)
    assert zipfile.ZipFile(io.BytesIO(content)).getinfo(STYLES).file_size == 1024
    bytes_unpacked["bytes"] = 0
    response = upload(staff_client, content)
    assert "Không đọc được tệp" in response.content.decode()
    assert bytes_unpacked["bytes"] < 64 * 1024


def test_a_damaged_sheet_gets_the_unreadable_message(staff_client):
    content = rewrite(workbook([]), SHEET, lambda xml: xml.replace("</sheetData>", "<row"))
    response = upload(staff_client, content)
    assert "Không đọc được tệp" in response.content.decode()


def test_a_row_of_millions_of_empty_cells_is_refused_before_openpyxl_builds_them(
    staff_client, cells_read
):
    row = '<row r="3">' + "<c/>" * 2_000_000 + "</row>"
    content = rewrite(
        workbook([("ho-so-tiep-nhan", 2024, 2800, "", "", "")]),
        SHEET,
        lambda xml: xml.replace("</sheetData>", row + "</sheetData>"),
    )
    assert len(content) < 32 * 1024
    started = time.perf_counter()
    response = upload(staff_client, content)
    assert time.perf_counter() - started < 2
    assert "Tệp chứa quá nhiều ô để đọc" in response.content.decode()
    assert cells_read["cells"] == 0
