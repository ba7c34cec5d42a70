import io
import itertools

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from portal.spreadsheets import append_row, csv_cell, unescape, xlsx_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every text of up to four characters from the formula starts, the quote, a letter and a digit
# (7,381 texts).
TEXTS = [
    "".join(chars)
    for length in range(5)
    for chars in itertools.product("'=+-@\t\ra1", repeat=length)
]


def test_every_formula_start_gets_one_quote():
    for start in FORMULA_STARTS:
        assert csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell("'=1+1") == "''=1+1"
    assert csv_cell("Tăng 2,1 điểm") == "Tăng 2,1 điểm"
    assert csv_cell("") == ""


def test_numbers_stay_numbers():
    assert csv_cell(-3) == -3 and csv_cell(-57.32) == -57.32 and csv_cell(None) is None


def test_an_escaped_text_never_starts_like_a_formula_and_comes_back_exactly():
    for text in TEXTS:
        escaped = csv_cell(text)
        assert not escaped.startswith(FORMULA_STARTS), repr(text)
        assert unescape(escaped) == text, repr(text)


def test_a_workbook_text_comes_back_exactly_through_the_import():
    for text in [*TEXTS, "a\x0bb"]:
        assert unescape(xlsx_text(text)) == ILLEGAL_CHARACTERS_RE.sub("", text), repr(text)


def test_a_row_of_texts_is_never_a_formula_or_an_error_cell():
    sheet = openpyxl.Workbook().active
    append_row(
        sheet, ['=HYPERLINK("http://evil.example/")', "#N/A", "-2+3", -3, 2.5, None, "a\x0bb"]
    )
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    cells = openpyxl.load_workbook(buffer).active[1]
    assert [(c.value, c.data_type) for c in cells] == [
        ('=HYPERLINK("http://evil.example/")', "s"),
        ("#N/A", "s"),
        ("-2+3", "s"),
        (-3, "n"),
        (2.5, "n"),
        (None, "n"),
        ("ab", "s"),
    ]
