"""Spreadsheet cells that stay data: opening an export never runs a formula.

Excel, LibreOffice and Google Sheets take a CSV field beginning with "=", "+", "-", "@", a tab
or a carriage return for a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Following OWASP,
such a text goes out behind a leading "'", and an import takes exactly that "'" off again.
In a workbook every text is written as a string cell, which no program evaluates; the one
text it changes is one an import would otherwise shorten (see `xlsx_text`).

Numbers are never touched: -3 stays the number -3.
"""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

# A formula start, after any quotes an earlier escaping put in front of it.
_FORMULA_LIKE = re.compile(r"'*[=+\-@\t\r]")


def _escape(text):
    """Text with one more "'" when it starts like a formula (quotes before it included).

    Applying `unescape` gives the text back exactly, whatever it was.
    """
    return "'" + text if _FORMULA_LIKE.match(text) else text


def _quoted(text):
    return text.startswith("'") and _FORMULA_LIKE.match(text) is not None


def unescape(text):
    """Undo `csv_cell`: an imported text loses the one "'" put before a formula start."""
    return text[1:] if _quoted(text) else text


def csv_cell(value):
    """A CSV field: numbers and empty cells as they are, texts safe to open."""
    return _escape(value) if isinstance(value, str) else value


def xlsx_text(text):
    """A workbook text: as typed, except that "'=..." keeps its quote through an import.

    A string cell needs no escaping; only a text that already starts with "'" before a
    formula start gets one more, because an import cannot tell it from an escaped CSV field.
    Control characters Excel forbids (a pasted vertical tab) are dropped.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if _quoted(text) else text


def append_row(sheet, values):
    """Append a row to an openpyxl sheet with every text as a string cell, never a formula.

    openpyxl turns a str beginning with "=" into a formula and "#N/A" into an error cell;
    both are set back to plain strings.
    """
    sheet.append([_string_cell(sheet, v) if isinstance(v, str) else v for v in values])


def _string_cell(sheet, text):
    # Built here rather than found again after `append`: looking a row up by `max_row`
    # scans every cell, which made a long export quadratic.
    cell = Cell(sheet, value=xlsx_text(text))
    cell.data_type = "s"
    return cell
