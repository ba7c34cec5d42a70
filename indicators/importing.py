"""Import a year's figures from a workbook in the export's own format.

Two steps: `preview()` reads and checks every row without saving; `apply()` saves them all
in one transaction, or none if any row is wrong. A row equal to what is stored changes
nothing, so importing the same file twice is harmless.
"""

import re
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from portal.spreadsheets import unescape

from .formatting import MAX_PLACES, at_places, significant_places, written_places
from .models import Indicator, Qualifier, Value
from .rules import value_errors

MAX_BYTES = 2 * 1024 * 1024
# What is read of the first sheet, whatever size it declares: the header row and MAX_ROWS
# rows under it (empty ones count), columns A to Z (the export fills A to P).
MAX_ROWS = 1000
MAX_COLUMNS = 26
# An .xlsx is a zip: at most this many members, unpacking to at most this much in all.
MAX_MEMBERS = 100
MAX_UNPACKED = 10 * 1024 * 1024
# Tags ("<") in all of it: a full export of MAX_ROWS rows holds about 100,000.
MAX_TAGS = 250_000
REQUIRED = ("Mã chỉ số", "Năm", "Giá trị")
OPTIONAL = ("Dấu", "Nguồn", "Ghi chú")
QUALIFIERS = {"": Qualifier.EXACT, "trên": Qualifier.ABOVE, "dưới": Qualifier.BELOW}
SIGNING_SALT = "indicators.import"
TOO_LARGE = Decimal(10) ** 10  # Value.value holds 14 digits, 4 of them decimals
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
DIGITS = re.compile(r"[0#?]*")
# Quoted texts, escaped characters and [colour]/[condition] parts of an Excel number format.
LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class WorkbookError(Exception):
    """The file as a whole cannot be read; the message is for the official."""


@dataclass
class Row:
    number: int  # the row in the sheet, as Excel numbers it
    code: str
    year: object
    value: object
    qualifier: str = ""
    source_text: str = ""
    note: str = ""
    number_format: str = ""  # the value cell's, for the decimals Excel shows
    decimals: int = 0
    name: str = ""  # the indicator's, once known
    display: str = ""  # the figure as the pages will show it
    action: str = ""  # new, update, unchanged, skip, empty
    errors: list = field(default_factory=list)

    @property
    def action_label(self):
        return {
            "new": _("Thêm mới"),
            "update": _("Cập nhật"),
            "unchanged": _("Không đổi"),
            "skip": _("Bỏ qua (chỉ số tính tự động)"),
            "empty": _("Bỏ qua (chưa nhập giá trị)"),
        }.get(self.action, "")

    @property
    def is_blank(self):
        """A template row left as it was: nothing typed but the indicator and the year."""
        return self.value in (None, "") and not (self.qualifier or self.source_text or self.note)


def _text(cell):
    # A text exported to CSV behind a "'" (see portal.spreadsheets) comes back as typed.
    return "" if cell is None else unescape(str(cell).strip())


def _format_places(number_format):
    """(decimals, is_percent) an Excel number format shows: '#,##0.00"%"' is (2, False),
    '0.0%' (1, True), 'General' (None, False): then the number shows what it needs."""
    section = LITERALS.sub("", number_format or "").split(";")[0]
    if "general" in section.lower() or not any(c in section for c in "0#?"):
        return None, False
    fraction = DIGITS.match(section.split(".", 1)[1]).group() if "." in section else ""
    if "#" in fraction:  # a digit shown only when needed: the number decides
        return None, "%" in section
    return min(len(fraction), MAX_PLACES), "%" in section


def _number(cell, number_format=""):
    """(number, decimals) from a number cell, shown as its format shows it, or from a text
    written either way ('2.945', '57,32', '57.32'), its decimals those written."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        number = Decimal(str(cell))
        places, is_percent = _format_places(number_format)
        if is_percent:  # "98,5%" typed into Excel is stored as 0.985
            number *= 100
        if places is None:
            # Float noise (0.1 + 0.2) rounds off in the last place the figure keeps.
            places = significant_places(at_places(number, MAX_PLACES))
        return at_places(number, places), places
    text = _text(cell).replace(" ", "").rstrip("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.fullmatch(text):
        # '2.945' is two thousand nine hundred and forty-five, written the Vietnamese way.
        text = text.replace(".", "")
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number, written_places(number)


def _package_problem(upload):
    """Why the package is too big to read (a message for the official), or None.

    The sizes the zip declares are checked first, then the bytes really unpacked are
    counted, so a zip bomb is stopped early whatever its headers claim. The markup is
    counted too: openpyxl builds every cell of a row before the column bound applies, and
    a few kilobytes of empty "<c/>" unpack to millions of them.
    """
    too_big = _("Tệp nén chứa quá nhiều dữ liệu (quá %(mb)d MB khi giải nén): không đọc được.") % {
        "mb": MAX_UNPACKED // (1024 * 1024)
    }
    with zipfile.ZipFile(upload) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
            return too_big
        unpacked = tags = 0
        for member in members:
            with package.open(member) as stream:
                while chunk := stream.read(64 * 1024):
                    unpacked += len(chunk)
                    tags += chunk.count(b"<")
                    if unpacked > MAX_UNPACKED:
                        return too_big
                    if tags > MAX_TAGS:
                        return _(
                            "Tệp chứa quá nhiều ô để đọc: hãy chỉ giữ các dòng và cột số liệu "
                            "(tối đa %(n)s dòng, cột A đến Z)."
                        ) % {"n": number_format(MAX_ROWS, force_grouping=True)}
    return None


def _lines(upload):
    """The first sheet's rows as tuples of MAX_COLUMNS (value, number format) pairs, at most
    MAX_ROWS + 2 of them.

    openpyxl pads every row to the width the sheet declares and walks every empty row up to
    the declared height (A1:XFD1048576 is 17 billion cells); explicit bounds stop both. A
    row MAX_ROWS + 2 comes back only when the sheet really goes on below the limit.
    """
    book = load_workbook(upload, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for line in sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS):
            yield tuple((cell.value, cell.number_format or "") for cell in line)
    finally:
        book.close()


def read_rows(upload):
    if upload.size > MAX_BYTES:
        raise WorkbookError(_("Tệp quá lớn (tối đa 2 MB)."))
    unreadable = WorkbookError(_("Không đọc được tệp: hãy chọn tệp Excel (.xlsx)."))
    try:
        problem = _package_problem(upload)
        upload.seek(0)
        lines = [] if problem else list(_lines(upload))
    except Exception as exc:  # zipfile and openpyxl raise many kinds for a damaged file
        raise unreadable from exc
    if problem:
        raise WorkbookError(problem)
    if len(lines) > MAX_ROWS + 1:
        raise WorkbookError(
            _(
                "Bảng tính dài quá %(n)s dòng dưới dòng tiêu đề (tính cả dòng trống): "
                "hãy xoá các dòng thừa ở cuối hoặc chia thành nhiều tệp."
            )
            % {"n": number_format(MAX_ROWS, force_grouping=True)}
        )
    header = [_text(value) for value, _format in lines[0]] if lines else []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise WorkbookError(_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)})
    where = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(value not in (None, "") for value, _format in line):
            continue

        def cell(name, line=line):
            return line[where[name]][0] if name in where else None

        rows.append(
            Row(
                number=number,
                code=_text(cell("Mã chỉ số")),
                year=cell("Năm"),
                value=cell("Giá trị"),
                qualifier=_text(cell("Dấu")).lower(),
                source_text=_text(cell("Nguồn"))[:255],
                note=_text(cell("Ghi chú"))[:255],
                number_format=line[where["Giá trị"]][1],
            )
        )
    return rows


def check(rows, commune, can_publish=True):
    """Fill each row's action and errors; returns the commune's Value objects to save.

    Without the right to publish, a row may not change a figure already published.
    """
    indicators = {i.code: i for i in Indicator.objects.catalogue()}
    parsed, seen = [], set()
    for row in rows:
        indicator = indicators.get(row.code)
        if indicator is None:
            row.errors.append(_("Không có chỉ số mã “%(code)s”.") % {"code": row.code})
            continue
        row.name = indicator.name
        if indicator.is_rate:
            row.action = "skip"
            continue
        if row.is_blank:
            row.action = "empty"
            continue
        try:
            row.year = int(Decimal(str(row.year).strip()))
        except (InvalidOperation, ValueError, TypeError):
            row.errors.append(_("Năm không hợp lệ."))
        if row.value in (None, ""):
            row.errors.append(_("Thiếu giá trị."))
        else:
            try:
                row.value, row.decimals = _number(row.value, row.number_format)
            except (InvalidOperation, ValueError):
                row.errors.append(_("Giá trị “%(v)s” không phải là số.") % {"v": row.value})
            else:
                if row.decimals > MAX_PLACES:
                    row.errors.append(_("Giá trị có quá 4 chữ số thập phân."))
                elif row.value >= TOO_LARGE:
                    row.errors.append(_("Giá trị quá lớn."))
        if row.qualifier not in QUALIFIERS:
            row.errors.append(_("Dấu chỉ được để trống, “trên” hoặc “dưới”."))
        if not row.errors:
            if (indicator.pk, row.year) in seen:
                row.errors.append(_("Chỉ số và năm này lặp lại trong tệp."))
            seen.add((indicator.pk, row.year))
            parsed.append((row, indicator))
    pending = {(i.pk, row.year): row.value for row, i in parsed}
    existing = {
        (v.indicator_id, v.year): v
        for v in Value.objects.for_commune(commune).filter(
            year__in={row.year for row, _i in parsed}
        )
    }
    to_save = []
    for row, indicator in parsed:
        value = existing.get((indicator.pk, row.year)) or Value(
            commune=commune, indicator=indicator, year=row.year
        )
        before = (value.value, value.decimals, value.qualifier, value.source_text, value.note)
        value.value, value.qualifier = row.value, QUALIFIERS[row.qualifier]
        value.decimals = row.decimals
        value.source_text, value.note = row.source_text, row.note
        row.display = value.formatted
        for message in value_errors(value, pending).values():
            row.errors.append(str(message))
        if value.pk is None:
            row.action = "new"
        elif before == (
            value.value,
            value.decimals,
            value.qualifier,
            value.source_text,
            value.note,
        ):
            row.action = "unchanged"
        else:
            row.action = "update"
        if row.action == "update" and value.is_published and not can_publish:
            row.errors.append(
                _("Số liệu này đã công bố: chỉ người có quyền công bố số liệu mới sửa được.")
            )
        if row.action != "unchanged":
            to_save.append(value)
    return to_save


def preview(upload, commune, can_publish=True):
    """(rows, token): rows checked for showing, token to confirm them later (or None)."""
    if commune is None:
        raise WorkbookError(_("Số liệu của một xã được nhập trên trang quản trị của xã đó."))
    rows = read_rows(upload)
    check(rows, commune, can_publish)
    if all(row.action == "empty" for row in rows):
        raise WorkbookError(
            _("Tệp chưa có số liệu nào để nhập: hãy điền cột Giá trị rồi tải lên lại.")
        )
    if any(row.errors for row in rows):
        return rows, None
    data = [asdict(row) | {"value": None if row.value is None else str(row.value)} for row in rows]
    return rows, signing.dumps(data, salt=SIGNING_SALT, compress=True)


def apply(token, user, commune):
    """Save the confirmed rows, all or none. Returns (rows, saved count)."""
    data = signing.loads(token, salt=SIGNING_SALT, max_age=60 * 60)
    rows = [Row(**item | {"errors": [], "action": ""}) for item in data]
    with transaction.atomic():
        to_save = check(rows, commune, user.has_perm("indicators.publish_value"))
        if any(row.errors for row in rows):
            transaction.set_rollback(True)
            return rows, 0
        now = timezone.now()
        for value in to_save:
            value.entered_by, value.entered_at = user, now
            value.save()
    return rows, len(to_save)
