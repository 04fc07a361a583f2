"""A workbook's archive looked through before the workbook reader is given it.

python-calamine reads what it is given in full: a sheet that unpacks to gigabytes takes
gigabytes, a value in cell XFD1048576 makes it ask for half a terabyte (every cell between
A1 and it) and the process aborts, 50 million shared strings take gigabytes, and an .ods row
repeated a billion times takes a minute. So an .xlsx, .xlsm or .ods is looked through first,
as it unpacks, against the bounds of `honorar.limits`: the sizes its parts declare, the
sizes they unpack to (a part unpacked here by its raw bytes, not trusting what it
declares), the span of each sheet's cells with values, the number of shared strings and
the repeats of .ods rows and cells. A file past a bound is refused with one line naming
it. Cells without a value (a stray format far out) are not counted: python-calamine leaves
them out too. A part that cannot be unpacked here is left for python-calamine to judge.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import limits
from ..problem import Said, said
from .records import ClaimFileError

_CHUNK = 1 << 20
_OVERLAP = 8192  # looked at again with the next chunk: longer than a cell's start tag
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_STORED, _DEFLATED = 0, 8

# a cell's start tag with a value after it (not `<c r="A1" s="3"/>` nor `<c …></c>`):
# its column where it is two letters or three, its row where it has six digits or more
# (no word boundary before `r=`: the pattern then starts with a text looked for quickly)
_FAR_COLUMN = re.compile(rb'r="([A-Z]{2,3})[0-9]{1,7}"[^<>]{0,4096}(?<!/)>\s*<(?!/)')
_FAR_ROW = re.compile(rb'r="[A-Z]{1,3}([0-9]{6,})"[^<>]{0,4096}(?<!/)>\s*<(?!/)')
_NEAR_COLUMNS, _NEAR_ROWS = 26, 99_999  # what no match above leaves: at most Z, 99 999
_SHARED_STRING = re.compile(rb'<(?:\w{1,32}:)?si[\s>]')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated\s*=\s*["\']([0-9]{1,30})["\']')


def size_text(size: int) -> str:
    return f"{size / limits.MIB:,.0f} MiB".replace(",", " ")


def count_text(count: int) -> str:
    return f"{count:,}".replace(",", " ")


def beyond(name: str, what: Said, limit: Any) -> ClaimFileError:
    """The one line for a file past a bound: what it holds, and the bound."""
    return ClaimFileError(said("limits.beyond", file=name, what=what, limit=limit))


@dataclass
class Spans:
    """What the archive's sheets hold, found as it was looked through: the farthest column
    and row of a cell with a value, by the name of each .xlsx sheet part (lower case)."""

    columns: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    xls: bool = False  # an .xls: its sheet's span is found in its records (`xls_span`)
    xls_checked: str | None = None  # the .xls sheet whose span was found so already


def check_archive(source: str | Path | bytes, name: str, kind: str) -> Spans:
    """Refuse (ClaimFileError) a workbook archive past a bound of `honorar.limits`; the
    spans of its sheets, for `check_sheet` once the sheet to read is known."""
    spans = Spans(xls=kind == "xls")
    if kind not in ("xlsx", "ods", "zip"):
        return spans
    try:
        size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    except OSError:
        return spans  # the reader says why it cannot be read
    if size > limits.WORKBOOK_FILE:
        raise beyond(name, said("limits.file_size", size=size_text(size)),
                     size_text(limits.WORKBOOK_FILE))
    try:
        stream = (io.BytesIO(source) if isinstance(source, bytes)
                  else open(source, "rb"))  # noqa: SIM115 (closed by the `with` below)
    except OSError:
        return spans
    with stream:
        try:
            book = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            return spans  # the reader says it is damaged
        with book:
            _check_parts(book, stream, name, kind, spans)
    return spans


def _check_parts(book: zipfile.ZipFile, stream: io.BufferedIOBase, name: str, kind: str,
                 spans: Spans) -> None:
    members = [m for m in book.infolist() if not m.is_dir()]
    if len(members) > limits.WORKBOOK_PARTS:
        raise beyond(name, said("limits.parts", count=count_text(len(members))),
                     said("limits.parts_limit", count=count_text(limits.WORKBOOK_PARTS)))
    declared = sum(m.file_size for m in members)
    if declared > limits.WORKBOOK_UNPACKED:
        raise beyond(name, said("limits.declared", size=size_text(declared)),
                     size_text(limits.WORKBOOK_UNPACKED))
    unpacked = 0
    for member in members:
        looker = _looker(member.filename.lower(), kind, name, spans)
        count = run = 0
        tail = b""
        for chunk in _unpack(stream, member):
            count += len(chunk)
            if count > member.file_size:
                raise ClaimFileError(said("limits.part_lies", file=name, part=member.filename,
                                          size=count_text(member.file_size)))
            if unpacked + count > limits.WORKBOOK_UNPACKED:
                raise beyond(name, said("limits.unpacked",
                                        size=size_text(limits.WORKBOOK_UNPACKED)),
                             size_text(limits.WORKBOOK_UNPACKED))
            if looker is not None:
                run = _text_run(run, chunk, name, member.filename)
                text = tail + chunk
                looker(text, len(tail))
                tail = text[-_OVERLAP:]
        unpacked += count


def _text_run(run: int, chunk: bytes, name: str, part: str) -> int:
    """The length of the text without a tag at the end of the part so far, `run` being
    that before `chunk`; refuse a text longer than `limits.CELL_TEXT` (a cell holds at most
    32 767 characters; a sheet of one 900 MB cell took 7 GB and minutes). A run within one
    chunk is shorter than the bound (a chunk is at most 1 MiB), so only runs across chunks
    are counted: two searches a chunk."""
    first = chunk.find(b"<")
    if first < 0:
        run += len(chunk)
    elif run + first > limits.CELL_TEXT:
        run += first
    else:
        return len(chunk) - chunk.rfind(b"<") - 1
    if run > limits.CELL_TEXT:
        raise beyond(name, said("limits.untagged_text", part=part,
                                size=size_text(limits.CELL_TEXT)), size_text(limits.CELL_TEXT))
    return run


def _looker(part: str, kind: str, name: str, spans: Spans
            ) -> Callable[[bytes, int], None] | None:
    """What to look at in a part's unpacked bytes, chunk by chunk: (text, where its new
    bytes start), the text beginning with the end of the chunk before, so that a tag across
    two is seen whole."""
    if kind != "ods" and part.startswith("xl/worksheets/") and part.endswith(".xml"):
        def sheet(text: bytes, new: int) -> None:
            far = max(_FAR_COLUMN.findall(text), key=_column_number, default=None)
            if far is not None and _column_number(far) > _column_number(
                    spans.columns.get(part, "A")):
                spans.columns[part] = far.decode()
            rows = _FAR_ROW.findall(text)
            if rows:
                spans.rows[part] = max(spans.rows.get(part, 0), max(map(int, rows)))
        return sheet
    if kind != "ods" and part == "xl/sharedstrings.xml":
        counted = [0]

        def strings(text: bytes, new: int) -> None:
            # a tag that ends in the new bytes is new (`<si>` is four bytes long)
            counted[0] += len(_SHARED_STRING.findall(text, max(0, new - 3)))
            if counted[0] > limits.SHARED_STRINGS:
                raise beyond(name, said("limits.shared_texts",
                                        count=count_text(limits.SHARED_STRINGS)),
                             said("limits.texts", count=count_text(limits.SHARED_STRINGS)))
        return strings
    if kind == "ods" and part == "content.xml":
        span = _OdsSpan(name)

        def repeats(text: bytes, new: int) -> None:
            for what, count in _ODS_REPEAT.findall(text):
                bound = (limits.ODS_ROWS_REPEATED if what == b"rows"
                         else limits.ODS_COLUMNS_REPEATED)
                if int(count) > bound:
                    thing = "row" if what == b"rows" else "cell"
                    raise beyond(name, said(f"limits.repeated_{thing}",
                                            count=count_text(int(count))),
                                 said("limits.times", count=count_text(bound)))
            span.look(text[new:])
        return repeats
    return None


# an .ods sheet's rows and cells, found as bytes (which is quick) and counted in bulk
_ODS_ROW, _ODS_ROW_END = b"<table:table-row", b"</table:table-row>"
_ODS_SHEET, _ODS_SHEET_END = b"<table:table", b"</table:table>"
_ODS_NAME_ENDS = frozenset(b" \t\r\n/>")
_ODS_ROWS = re.compile(rb'number-rows-repeated\s*=\s*["\']([0-9]{1,30})["\']')
_ODS_COLUMNS = re.compile(rb'number-columns-repeated\s*=\s*["\']([0-9]{1,30})["\']')


class _OdsSpan:
    """The spans of an .ods file's sheets, counted as its `content.xml` unpacks: for each
    sheet, its rows down to the last with a value times its columns out to the farthest
    cell with one, repeats counted (the empty rows and styled empty cells a spreadsheet
    program writes after the claims are not). python-calamine reads every sheet of an .ods
    at once, making room for each sheet's span, so their sum is held to
    `limits.SHEET_CELLS` (a 945-byte file with a value in row 1 048 003 took 1.8 GB)."""

    __slots__ = ("_carry", "_column", "_columns", "_covered", "_farthest", "_in_row",
                 "_name", "_repeat", "_row", "_rows", "_total")

    def __init__(self, name: str) -> None:
        self._name = name
        self._carry = b""
        self._total = 0
        self._sheet()

    def _sheet(self) -> None:
        self._row = self._rows = self._columns = self._column = self._farthest = 0
        self._repeat, self._in_row = 1, False

    def look(self, chunk: bytes) -> None:
        text = self._carry + chunk
        self._covered = b"<table:covered" in text
        # up to the last '<': no tag is cut there, as no tag holds a '<'
        cut = text.rfind(b"<")
        if cut < 0:
            cut = len(text)
        at = 0
        while True:
            if self._in_row:
                end = text.find(_ODS_ROW_END, at, cut)
                self._cells(text, at, cut if end < 0 else end)
                if end < 0:
                    break
                self._row_end()
                at = end + len(_ODS_ROW_END)
            row = text.find(_ODS_ROW, at, cut)
            while row >= 0 and text[row + len(_ODS_ROW)] not in _ODS_NAME_ENDS:
                row = text.find(_ODS_ROW, row + 1, cut)  # <table:table-row-group> …
            self._sheets(text, at, cut if row < 0 else row)
            if row < 0:
                break
            tag_end = text.find(b">", row, cut)
            if tag_end < 0:
                break  # a start tag of 4 KB or more: python-calamine judges it
            found = _ODS_ROWS.search(text, row, tag_end)
            count = int(found[1]) if found else 1
            at = tag_end + 1
            if text[tag_end - 1] == 47:  # '/': <table:table-row …/>, rows without cells
                self._row += count
            else:
                self._repeat, self._in_row, self._column, self._farthest = count, True, 0, 0
            self._check()
        self._carry = text[cut:] if len(text) - cut <= 8192 else b""

    def _sheets(self, text: bytes, start: int, end: int) -> None:
        """The ends and starts of sheets between rows, in their order."""
        while True:
            closing = text.find(_ODS_SHEET_END, start, end)
            opening = text.find(_ODS_SHEET, start, end)
            while opening >= 0 and text[opening + len(_ODS_SHEET)] not in _ODS_NAME_ENDS:
                opening = text.find(_ODS_SHEET, opening + 1, end)
            if closing < 0 and opening < 0:
                return
            if closing >= 0 and (opening < 0 or closing < opening):
                self._total += self._rows * self._columns
                self._sheet()
                start = closing + len(_ODS_SHEET_END)
            else:
                self._sheet()
                start = opening + len(_ODS_SHEET)
            self._check()

    def _cells(self, text: bytes, start: int, end: int) -> None:
        """Count the cells of a row between `start` and `end`, and the farthest with a
        value (its start tag's value type, or the end tag of a cell with content)."""
        covered = self._covered
        value = max(text.rfind(b"value-type", start, end),
                    text.rfind(b"</table:table-cell>", start, end),
                    text.rfind(b"</table:covered-table-cell>", start, end) if covered else -1)
        if value >= 0:
            tag_end = text.find(b">", value, end)
            middle = tag_end + 1 if tag_end >= 0 else end
            self._column += _cell_count(text, start, middle, covered)
            self._farthest = self._column
            start = middle
        self._column += _cell_count(text, start, end, covered)

    def _row_end(self) -> None:
        """A row's end: its repeats all hold what it holds."""
        if self._farthest:
            self._rows = self._row + self._repeat
            self._columns = max(self._columns, self._farthest)
        self._row += self._repeat
        self._in_row = False
        self._check()

    def _check(self) -> None:
        cells = self._total + self._rows * self._columns
        if cells > limits.SHEET_CELLS:
            raise beyond(self._name, said("limits.sheets_span", count=count_text(cells)),
                         said("limits.cells", count=count_text(limits.SHEET_CELLS)))


def _cell_count(text: bytes, start: int, end: int, covered: bool) -> int:
    """The cells whose start tags stand between `start` and `end`, repeats counted (and
    covered cells, where the text has any)."""
    count = text.count(b"<table:table-cell", start, end)
    if covered:
        count += text.count(b"<table:covered-table-cell", start, end)
    repeats = _ODS_COLUMNS.findall(text, start, end)
    return count + sum(int(n) - 1 for n in repeats) if repeats else count


def _column_number(letters: bytes | str) -> int:
    number = 0
    for letter in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + letter - 64
    return number


def _unpack(stream: io.BufferedIOBase, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes as they unpack from its raw data, whatever sizes it declares; none
    where it cannot be unpacked here (another method, a header that is not one)."""
    try:
        stream.seek(member.header_offset)
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            return
        fields = _LOCAL_HEADER.unpack(header)
        if fields[0] != _LOCAL_MAGIC:
            return
        stream.seek(fields[-2] + fields[-1], io.SEEK_CUR)  # the name and the extra field
    except (OSError, ValueError):
        return
    left = member.compress_size
    if member.compress_type == _STORED:
        while left > 0:
            chunk = stream.read(min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
        return
    if member.compress_type != _DEFLATED:
        return  # python-calamine says whether it reads it
    inflate = zlib.decompressobj(-15)
    while left > 0 and not inflate.eof:
        raw = stream.read(min(_CHUNK, left))
        if not raw:
            return
        left -= len(raw)
        while raw and not inflate.eof:
            try:
                chunk = inflate.decompress(raw, _CHUNK)
            except zlib.error:
                return  # damaged: python-calamine says so
            if chunk:
                yield chunk
            raw = inflate.unconsumed_tail


def check_sheet(spans: Spans, part: str | None, name: str, sheet: str) -> None:
    """Refuse the sheet `sheet` (its part `part`) when the span of its cells with values,
    from A1 to its farthest column and row, holds more than `limits.SHEET_CELLS` cells:
    the reader would make room for every one of them."""
    if part is None:
        return
    key = part.lower()
    column = spans.columns.get(key)
    row = spans.rows.get(key)
    columns = _column_number(column) if column else _NEAR_COLUMNS
    rows = row or _NEAR_ROWS
    if columns * rows <= limits.SHEET_CELLS:
        return
    refuse_span(name, sheet, column, row, columns * rows)


def refuse_span(name: str, sheet: str, column: str | None, row: int | None,
                cells: int) -> None:
    """Refuse the sheet whose values reach as far as `column` and `row` (each where it is
    known), a span of `cells`."""
    far = said("limits.column", column=column or "Z") if column else None
    down = said("claims.row", row=count_text(row)) if row else None
    where = said("limits.column_and_row", column=far, row=down) if far and down else far or down
    raise beyond(name, said("limits.sheet_span", sheet=sheet, where=where,
                            count=count_text(cells)),
                 said("limits.cells", count=count_text(limits.SHEET_CELLS)))
