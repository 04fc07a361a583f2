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

Every sheet is set up to print: on A4, as wide as one page (in landscape when its columns
are wider than a portrait page holds), the header row of a table repeated on every page, a
text longer than a column's widest wrapped in its cell, and a page header naming the
report, the file it is about and the day it was made, a footer the page and their count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .. import i18n
from ..i18n import locale
from .atomic import AtomicOutput

KR_FORMAT = '#,##0.00 "kr"'
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"
ERROR_FILL = "#FDE2E1"  # a light red: a row with an error finding
HEADER_FILL = "#E7ECF3"
MAX_WIDTH = 50
ROW_LIMIT = 1_048_576  # rows in an Excel sheet
_TEXT_KINDS = frozenset(("text", "wrap", "label"))
LINE_HEIGHT = 15  # points: a line of the default font, and the room between lines
# characters of text taken as one line of a wrapped cell as wide as MAX_WIDTH: fewer than
# fit, since lines break at spaces (a row a little too tall beats a line cut off)
_WRAPPED_LINE = MAX_WIDTH - 2
_HEADER_LINES = 2  # a heading wraps into at most this many lines where its words allow
MIN_WIDTH = 6

# Excel's limit: a sheet name is at most 31 characters, without []:*?/\
_SHEET_NAME_LIMIT = 31

A4 = 9  # Excel's paper size code
# a portrait A4 page with these margins holds about this many characters of the default
# font; a sheet whose columns are wider prints in landscape (and every sheet is scaled to
# one page wide)
PORTRAIT_CHARACTERS = 100
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.6}  # inches
_HEADER_LIMIT = 255  # Excel's, for a page header's codes and text together
PAGE_WORDS = i18n.Words("xlsx.page")
# a sheet that is not a table (a summary) of at most this many rows is scaled to one whole
# page: printed beside a payment, a summary split over two pages loses its labels or values
ONE_PAGE_ROWS = 80


class Workbook:
    """A workbook being written into `output` (an AtomicOutput opened for bytes)."""

    def __init__(self, output: AtomicOutput, lang: str, title: str = "",
                 about: str | None = None, made: dt.date | None = None) -> None:
        """`title` names the report and `about` the file it is about (the claims audited),
        both in the page header with `made` (default: today)."""
        import weakref

        import xlsxwriter

        from .atomic import private_folder, remove_folder

        self.output = output
        self.lang = lang
        self.page_header = page_header(title, about, made or dt.date.today(), lang)
        # XlsxWriter's temporary files (every row of every sheet, until the workbook is
        # put together) go in a folder of their own, removed however the report ends: by
        # `close`, by the command line's clean-up after a signal or a failure, or when this
        # object is gone
        self._folder = private_folder("honorar-xlsx-")
        self._remove = weakref.finalize(self, remove_folder, self._folder)
        self.book = xlsxwriter.Workbook(output.stream, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "default_date_format": locale.date_format(lang),
            "tmpdir": self._folder,
        })
        self.formats: dict[tuple[str, bool], Any] = {}
        for shaded in (False, True):
            fill = {"bg_color": ERROR_FILL} if shaded else {}
            for kind, spec in (("text", {}), ("money", {"num_format": KR_FORMAT}),
                               ("hours", {"num_format": HOURS_FORMAT}),
                               ("percent", {"num_format": PERCENT_FORMAT}),
                               ("date", {"num_format": locale.date_format(lang)}),
                               ("count", {"num_format": "0"}),
                               ("wrap", {"text_wrap": True, "valign": "top"})):
                # at the top of its cell, level with the first line of a wrapped text
                self.formats[(kind, shaded)] = self.book.add_format(
                    {"valign": "top", **spec, **fill})
        # a heading wraps at its spaces: a column is as wide as its values need, and at
        # least as its heading's longest word, so that a wide table prints readably
        self.header_format = self.book.add_format({"bold": True, "bg_color": HEADER_FILL,
                                                   "bottom": 1, "text_wrap": True,
                                                   "valign": "top"})
        # (kind, shaded) → format; a report may add kinds of its own
        self.formats[("label", False)] = self.formats[("label", True)] = \
            self.book.add_format({"bold": True, "valign": "top"})
        self.formats[("label_wrap", False)] = self.formats[("label_wrap", True)] = \
            self.book.add_format({"bold": True, "text_wrap": True, "valign": "top"})

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
        self.tall: int | None = None  # the last row set taller, until it is written out
        self.columns = len(headers) if headers else 0
        self.table = headers is not None
        self._header()

    def _header(self) -> None:
        if self.headers is None:
            return
        self.worksheet.freeze_panes(1, 0)
        lines = 1
        for column, text in enumerate(self.headers):
            self.worksheet.write_string(0, column, text, self.book.header_format)
            width, needs = heading_width(text)
            self._measure(column, width + 3)  # room for the filter button
            lines = max(lines, needs)
        if lines > 1:  # a row is as tall as it is set: no program measures it on opening
            self.worksheet.set_row(0, LINE_HEIGHT * lines)
        self.row = 1

    def _continue(self) -> None:
        self._close_part()
        self.tall = None
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
        lines = 1
        for column, (kind, value) in enumerate(cells):
            if value is None or value == "":
                if shaded:
                    worksheet.write_blank(row, column, None, formats[(kind, shaded)])
                continue
            if kind in _TEXT_KINDS:
                text = str(value)
                width = len(text)
                if kind == "wrap" or width > MAX_WIDTH:
                    # wrapped in its cell: a text wider than a column gets, or one of lines
                    if kind != "wrap":
                        kind = "label_wrap" if kind == "label" else "wrap"
                    width, needs = wrapped_lines(text)
                    lines = max(lines, needs)
                worksheet.write_string(row, column, text, formats[(kind, shaded)])
                if width > widths.get(column, 0):
                    widths[column] = width
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
        # a taller row written out (XlsxWriter holds the row last written to): its height
        # can go
        if self.tall is not None and getattr(worksheet, "previous_row", -1) > self.tall:
            _forget_row(worksheet, self.tall)
            self.tall = None
        if lines > 1:  # set before the next row is written, as constant memory needs
            worksheet.set_row(row, LINE_HEIGHT * lines)
            self.tall = row
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def finish(self) -> None:
        self._close_part()

    def _close_part(self) -> None:
        for column, largest in self.largest.items():
            suffix = 4 if self.number_kinds[column] == "money" else 1
            self._measure(column, len(f"-{largest:,.2f}") + suffix)
        wide = 0
        for column, width in self.widths.items():
            width = min(max(width + 1, MIN_WIDTH), MAX_WIDTH)
            self.worksheet.set_column(column, column, width)
            wide += width
        if self.table and self.columns:
            self.worksheet.autofilter(0, 0, max(self.row - 1, 0), self.columns - 1)
        self._page_setup(wide)

    def _page_setup(self, wide: int) -> None:
        worksheet = self.worksheet
        worksheet.set_paper(A4)
        if wide > PORTRAIT_CHARACTERS:
            worksheet.set_landscape()
        # one page wide, and as many long as a table takes
        worksheet.fit_to_pages(1, 0 if self.table or self.row > ONE_PAGE_ROWS else 1)
        worksheet.set_margins(**MARGINS)
        if self.table:
            worksheet.repeat_rows(0)
        worksheet.set_header(self.book.page_header)
        worksheet.set_footer("&R" + PAGE_WORDS[self.book.lang])


def heading_width(text: str) -> tuple[int, int]:
    """The width a column's heading needs (at least its longest word, and enough for it to
    wrap into at most _HEADER_LINES lines), and its lines at that width."""
    import textwrap

    words = text.split()
    width = max((len(word) for word in words), default=0)
    while len(textwrap.wrap(text, width + 1)) > _HEADER_LINES:  # bold is a little wider
        width += 1
    return width, max(len(textwrap.wrap(text, width + 1)), 1)


def wrapped_lines(text: str) -> tuple[int, int]:
    """A wrapped cell's width (its longest line, up to MAX_WIDTH) and the lines it takes."""
    paragraphs = text.split("\n")
    widest = max(len(p) for p in paragraphs)
    lines = sum(max(-(-len(p) // _WRAPPED_LINE), 1) for p in paragraphs) if widest > MAX_WIDTH \
        else len(paragraphs)
    return min(widest, MAX_WIDTH), lines


def page_header(title: str, about: str | None, made: dt.date, lang: str) -> str:
    """The page header's codes: the report's name on the left, the file it is about in the
    middle, the day it was made on the right; a name too long for Excel's limit is cut at
    its start (the file's own name is at its end)."""
    day = locale.date(made, lang)
    left, right = f"&L{_header_text(title)}", f"&R{day}"
    room = _HEADER_LIMIT - len(left) - len(right) - 2
    middle = _header_text(about or "")
    if len(middle) > room:
        middle = "…" + middle[-(room - 1):].lstrip("&") if room > 1 else ""
    return left + (f"&C{middle}" if middle else "") + right


def _header_text(text: str) -> str:
    """Text as a page header shows it: its & doubled (else it starts a code), one line."""
    return " ".join(text.split()).replace("&", "&&")


def _forget_row(worksheet: Any, row: int) -> None:
    """Drop what XlsxWriter keeps of a row's height once the row is written: in constant
    memory it writes each row as the next one starts, but keeps every height set (about
    100 bytes a row, 90 MiB for a million claims with findings)."""
    for kept in ("row_info", "set_rows", "row_sizes"):  # the names across XlsxWriter 3.x
        store = getattr(worksheet, kept, None)
        if isinstance(store, dict):
            store.pop(row, None)


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def sheet_name(name: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:_SHEET_NAME_LIMIT] or "Ark"

