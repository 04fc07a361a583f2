"""What every workbook report shares: the writer, its formats, and sheets laid out alike.

Reports are written with XlsxWriter in constant-memory mode (each sheet's rows go to disk as
they are written, so a million claims never sit in memory; in a private temporary folder,
removed however the report ends) into the temporary file of an `AtomicOutput`, which is
renamed over the target only when the workbook is complete.

Every text is written with `write_string`, and the writer is told never to turn a string
into a formula, a number or a link: a name such as '=HYPERLINK(…)' stays the text it is.
Amounts are numbers in a kr number format, dates are date cells. Each table sheet has a
frozen header row, an autofilter over its rows and columns as wide as their contents (up to
a limit). XlsxWriter is imported only here, when a workbook is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .atomic import AtomicOutput

KR_FORMAT = '#,##0.00 "kr"'
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"
DATE_FORMATS = {"nb": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
ERROR_FILL = "#FDE2E1"  # a light red: a row with an error finding
HEADER_FILL = "#E7ECF3"
MAX_WIDTH = 60
ROW_LIMIT = 1_048_576  # rows in an Excel sheet
_TEXT_KINDS = frozenset(("text", "wrap", "label"))
MIN_WIDTH = 6

# Excel's limit: a sheet name is at most 31 characters, without []:*?/\
_SHEET_NAME_LIMIT = 31


class Workbook:
    """A workbook being written into `output` (an AtomicOutput opened for bytes)."""

    def __init__(self, output: AtomicOutput, lang: str) -> None:
        import weakref

        import xlsxwriter

        from .atomic import private_folder, remove_folder

        self.output = output
        self.lang = lang
        # XlsxWriter's temporary files (every row of every sheet, until the workbook is
        # put together) go in a folder of their own, removed however the report ends: by
        # `close`, by the command line's clean-up after a signal or a failure, or when this
        # object is gone
        self._folder = private_folder("honorar-xlsx-")
        self._remove = weakref.finalize(self, remove_folder, self._folder)
        self.book = xlsxwriter.Workbook(output.stream, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "default_date_format": DATE_FORMATS[lang],
            "tmpdir": self._folder,
        })
        self.formats: dict[tuple[str, bool], Any] = {}
        for shaded in (False, True):
            fill = {"bg_color": ERROR_FILL} if shaded else {}
            for kind, spec in (("text", {}), ("money", {"num_format": KR_FORMAT}),
                               ("hours", {"num_format": HOURS_FORMAT}),
                               ("percent", {"num_format": PERCENT_FORMAT}),
                               ("date", {"num_format": DATE_FORMATS[lang]}),
                               ("count", {"num_format": "0"}),
                               ("wrap", {"text_wrap": True, "valign": "top"})):
                self.formats[(kind, shaded)] = self.book.add_format({**spec, **fill})
        self.header_format = self.book.add_format({"bold": True, "bg_color": HEADER_FILL,
                                                   "bottom": 1})
        # (kind, shaded) → format; a report may add kinds of its own
        self.formats[("label", False)] = self.formats[("label", True)] = \
            self.book.add_format({"bold": True})

    def sheet(self, name: str, headers: Sequence[str] | None = None) -> Sheet:
        return Sheet(self, self.book.add_worksheet(sheet_name(name)), headers)

    def close(self) -> None:
        try:
            self.book.close()
        finally:
            self._remove()


class Sheet:
    """One sheet, written row by row; with `headers`, a table with a frozen header row and
    an autofilter. A table longer than a sheet can hold goes on in a sheet of the same name
    with ' (2)', ' (3)' … after it."""

    def __init__(self, book: Workbook, worksheet: Any, headers: Sequence[str] | None) -> None:
        self.book = book
        self.worksheet = worksheet
        self.name = worksheet.name
        self.headers = headers
        self.part = 1
        self.widths: dict[int, int] = {}
        self.largest: dict[int, float] = {}  # column → the largest number in it
        self.number_kinds: dict[int, str] = {}
        self.row = 0
        self.columns = len(headers) if headers else 0
        self.table = headers is not None
        self._header()

    def _header(self) -> None:
        if self.headers is None:
            return
        self.worksheet.freeze_panes(1, 0)
        for column, text in enumerate(self.headers):
            self.worksheet.write_string(0, column, text, self.book.header_format)
            self._measure(column, len(text) + 3)  # room for the filter button
        self.row = 1

    def _continue(self) -> None:
        self._close_part()
        self.part += 1
        name = sheet_name(f"{self.name[:_SHEET_NAME_LIMIT - 8]} ({self.part})")
        self.worksheet = self.book.book.add_worksheet(name)
        self._header()

    def _measure(self, column: int, width: int) -> None:
        if width > self.widths.get(column, 0):
            self.widths[column] = width

    def write(self, cells: Sequence[tuple[str, Any]], *, shaded: bool = False) -> None:
        """One row: each cell a (kind, value), kind one of text, wrap, money, hours,
        percent, date, count, label; None or '' is an empty cell."""
        if self.table and self.row >= ROW_LIMIT:
            self._continue()
        worksheet, row = self.worksheet, self.row
        formats = self.book.formats
        widths, largest = self.widths, self.largest
        for column, (kind, value) in enumerate(cells):
            if value is None or value == "":
                if shaded:
                    worksheet.write_blank(row, column, None, formats[(kind, shaded)])
                continue
            if kind in _TEXT_KINDS:
                text = str(value)
                worksheet.write_string(row, column, text, formats[(kind, shaded)])
                if len(text) > widths.get(column, 0):
                    widths[column] = len(text)
            elif kind == "date":  # a date, or its Excel serial number (days from 1899-12-30)
                if isinstance(value, int):
                    worksheet.write_number(row, column, value, formats[(kind, shaded)])
                else:
                    worksheet.write_datetime(row, column, _as_datetime(value), formats[(kind, shaded)])
                if widths.get(column, 0) < 11:
                    widths[column] = 11
            else:
                number = float(value) if isinstance(value, Decimal) else value
                worksheet.write_number(row, column, number, formats[(kind, shaded)])
                # widths of numbers are worked out once, from the largest, in finish()
                if abs(number) > largest.get(column, -1.0):
                    largest[column] = abs(number)
                    self.number_kinds[column] = kind
        if len(cells) > self.columns:
            self.columns = len(cells)
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def finish(self) -> None:
        self._close_part()

    def _close_part(self) -> None:
        for column, largest in self.largest.items():
            suffix = 4 if self.number_kinds[column] == "money" else 1
            self._measure(column, len(f"-{largest:,.2f}") + suffix)
        for column, width in self.widths.items():
            self.worksheet.set_column(column, column, min(max(width + 1, MIN_WIDTH), MAX_WIDTH))
        if self.table and self.columns:
            self.worksheet.autofilter(0, 0, max(self.row - 1, 0), self.columns - 1)


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def sheet_name(name: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:_SHEET_NAME_LIMIT] or "Ark"

