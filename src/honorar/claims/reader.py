"""Streaming a claims file into `Claim`s and `InvalidRow`s.

The file is opened once and read as a stream: its head (a megabyte) tells the encoding,
the delimiter, the header row and the order of slashed dates; the rows then come one at a
time. Only when the head has slashed dates that read both ways, and nothing there tells
which way is meant, is the rest of the file looked through first (a pipe is spooled to a
temporary file for that).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, BinaryIO

from ..parsing import DATE_ORDERS, hours_between
from ..tables.schema import Meeting, Trip
from . import cells as C
from .columns import TRAVEL_COLUMNS, ClaimMapping, as_mapping
from .records import (
    Claim,
    ClaimFileError,
    Facts,
    InvalidRow,
    LightClaim,
    RowId,
    TotalRow,
    make_claim,
    make_meeting,
)
from .sniff import (
    DECODE_ERRORS,
    DELIMITER_NAMES,
    SAMPLE_BYTES,
    Encoding,
    Header,
    common_year,
    conflicting_orders,
    date_evidence,
    decode_head,
    detect_encoding,
    find_header,
    records_after_header,
    undecidable_order,
)
from .totals import total_row_reader
from .workbook import (
    NOT_CLAIMS,
    IsWorkbook,
    WorkbookReader,
    not_claims,
    open_workbook,
    workbook_kind,
)

ONE_MINUTE = Decimal(1) / 60
_NO_TRIP = Trip()


class _Prefixed(io.RawIOBase):
    """The bytes already read to look at the file, then the rest of it; counts bytes."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        elif hasattr(self._rest, "readinto"):
            n = self._rest.readinto(buffer) or 0
        else:
            data = self._rest.read(len(buffer)) or b""
            n = len(data)
            buffer[:n] = data
        self.bytes_read += n
        return n


def _read_fully(stream: BinaryIO, size: int) -> bytes:
    parts, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


class ClaimReader:
    """An open claims file: how it is written, and its rows (an iterator of Claim | InvalidRow).

    Close it (or use it in a `with` block, or read it to the end) to release the file.
    """

    def __init__(self, source: str | Path | BinaryIO, *, mapping: ClaimMapping | Mapping | None = None,
                 encoding: str | None = None, delimiter: str | None = None,
                 date_order: str | None = None, name: str | None = None,
                 activities: Collection[str] | None = None, scheme: str | None = None) -> None:
        self.mapping = as_mapping(mapping)
        self.activities = activities
        self.scheme = scheme
        self._owned: list[IO[bytes]] = []
        if isinstance(source, str | Path):
            self.name = name or str(source)
            try:
                stream: BinaryIO = open(source, "rb")  # noqa: SIM115 - closed by close()
            except OSError as err:
                raise ClaimFileError(f"{self.name}: {err.strerror or err}") from None
            self._owned.append(stream)
        else:
            # standard input is '-' (its own name is '<stdin>', or a file descriptor number)
            self.name = name or _stream_name(source)
            stream = source
        try:
            self._open(stream, encoding, delimiter, date_order)
        except BaseException:
            self.close()
            raise

    # -- looking at the file

    def _open(self, stream: BinaryIO, encoding: str | None, delimiter: str | None,
              date_order: str | None) -> None:
        if date_order is not None and date_order not in DATE_ORDERS:
            raise ClaimFileError(f"--date-order: '{date_order}' is not dmy or mdy")
        if delimiter is not None and len(delimiter) != 1:
            raise ClaimFileError(f"--delimiter: '{delimiter}' is not one character")
        self.size = _size(stream)
        start = stream.tell() if _seekable(stream) else None
        try:
            head = _read_fully(stream, SAMPLE_BYTES)
        except OSError as err:
            raise ClaimFileError(f"{self.name}: {err.strerror or err}") from None
        kind = workbook_kind(head)
        if kind in NOT_CLAIMS:
            raise not_claims(self.name, kind)
        if kind is not None:
            raise IsWorkbook(self.name, kind, head)
        at_end = len(head) < SAMPLE_BYTES
        lines_in_head = max(head.count(b"\n"), 1)
        # a guess for sizing the audit's tables: the file's size over the head's line length
        self.expected_rows = lines_in_head if at_end or not self.size else \
            self.size * lines_in_head // len(head)
        self.encoding: Encoding = detect_encoding(head, at_end, encoding)
        if self.encoding.skip:
            head = head[self.encoding.skip:]
            start = None if start is None else start + self.encoding.skip
        text = decode_head(head, self.encoding, at_end, self.name)
        if not text.strip():
            if not at_end:  # a megabyte and no line break: the first line is cut off
                size = f"{len(head) >> 20} MiB" if len(head) >= 1 << 20 else \
                    f"{len(head)} bytes"
                raise ClaimFileError(f"{self.name}: the first line is longer than {size}, too "
                                     "long for a header row: is this a claims file?")
            raise ClaimFileError(f"{self.name}: the file is empty")
        try:
            self.header: Header = find_header(text, self.mapping.column_names(), delimiter,
                                              self.name, ("scheme",) if self.scheme else ())
        except ClaimFileError:
            if encoding is not None:
                self._check_encoding_given(head, at_end, delimiter)
            if "\x00" in text:  # no text file has NUL: a database, a PDF, an image
                raise ClaimFileError(f"{self.name}: is not a text file (it holds NUL bytes): "
                                     "give a CSV file or a workbook") from None
            raise

        self.date_order_given = date_order
        if date_order is not None:
            slash_order, dot_order = date_order, date_order
        else:
            evidence = date_evidence(records_after_header(io.StringIO(text, newline=""),
                                                          self.header), self.header)
            if len(evidence.hints) > 1:
                raise conflicting_orders(evidence, self.name)
            if evidence.order is None and evidence.ambiguous is not None and not at_end:
                stream, start = self._rewindable(stream, head, start)
                evidence = self._scan_for_order(stream, start, evidence)
                stream.seek(start + len(head))  # type: ignore[operator]
            if evidence.order is None and evidence.ambiguous is not None:
                raise undecidable_order(evidence, self.name)
            slash_order, dot_order = evidence.order, "dmy"
        self.date_order = slash_order  # how slashed dates are read (None: no way to tell yet)

        self._raw = _Prefixed(head, stream)
        self._text = io.TextIOWrapper(io.BufferedReader(self._raw, 1 << 16),
                                      encoding=self.encoding.name, errors=self.encoding.errors,
                                      newline="")
        # a date written without its year ('06.10') takes the year of the file's dates
        year = common_year(records_after_header(io.StringIO(text, newline=""), self.header),
                           self.header)
        self._read_claim, self._read_light = _row_reader(self.header, self.mapping, slash_order,
                                                         dot_order, self.activities, year=year,
                                                         scheme=self.scheme,
                                                         row_ids="claim_id" not in self.header.columns)
        self._rows: Iterator[Any] | None = None

    def _check_encoding_given(self, head: bytes, at_end: bool, delimiter: str | None) -> None:
        """A header row not found with the --encoding given, said as what it is when the
        encoding is why: the file reads otherwise, or not at all, in it."""
        given = self.encoding.label
        detected = detect_encoding(head, at_end, None)
        try:
            text = decode_head(head, detected, at_end, self.name)
            find_header(text, self.mapping.column_names(), delimiter, self.name)
        except ClaimFileError:
            pass
        else:
            raise ClaimFileError(
                f"{self.name}: the file is not {given} text: read as {detected.label} it has "
                "the header row (leave out --encoding to have it detected)")
        try:
            decoded = codecs.getincrementaldecoder(self.encoding.name)("strict").decode(
                head, final=at_end)
        except UnicodeDecodeError as err:
            raise ClaimFileError(
                f"{self.name}: the file is not {given} text (byte {err.start + 1} cannot be "
                "read so; leave out --encoding to have it detected)") from None
        if "\x00" in decoded:  # UTF-16 read as a one-byte encoding
            raise ClaimFileError(
                f"{self.name}: the file is not {given} text (it holds NUL characters; leave "
                "out --encoding to have it detected)")

    def _rewindable(self, stream: BinaryIO, head: bytes, start: int | None
                    ) -> tuple[BinaryIO, int]:
        if start is not None:
            return stream, start
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._owned.append(spool)
        spool.write(head)
        while chunk := stream.read(1 << 20):
            spool.write(chunk)
        spool.flush()
        self.size = spool.tell()
        return spool, 0

    def _scan_for_order(self, stream: BinaryIO, start: int, evidence):
        stream.seek(start)
        text = io.TextIOWrapper(stream, encoding=self.encoding.name,  # type: ignore[arg-type]
                                errors=self.encoding.errors, newline="")
        try:
            found = date_evidence(records_after_header(bounded_lines(text, self.name),
                                                       self.header), self.header,
                                  stop_at_first_hint=True)
        finally:
            text.detach()
        return found if found.hints else evidence

    # -- reading rows

    def _read(self, read_row: Callable[[list[str], int], Claim | InvalidRow]
              ) -> Iterator[Claim | InvalidRow]:
        reader = csv.reader(bounded_lines(self._text, self.name), delimiter=self.header.delimiter,
                            skipinitialspace=True)
        decode_errors = DECODE_ERRORS[0]
        line = 0
        try:
            for _ in range(self.header.record + 1):  # anything above the header, and the header
                with contextlib.suppress(csv.Error):
                    next(reader, None)
                line = reader.line_num
            while True:
                try:
                    for cells in reader:
                        row, line = line + 1, reader.line_num
                        if DECODE_ERRORS[0] != decode_errors and any("\ufffd" in c for c in cells):
                            yield self._undecodable(cells, row)
                            continue
                        result = read_row(cells, row)
                        if type(result) is InvalidRow and not "".join(cells).strip():
                            continue
                        yield result
                    break
                except csv.Error as err:
                    row, line = line + 1, reader.line_num
                    yield InvalidRow(row, None, str(err), {}, "row_not_csv", {"why": str(err)},
                                     cells_in_place=False)
        finally:
            self.close()

    def _undecodable(self, cells: list[str], row: int) -> InvalidRow:
        column = next((c for c, i in self.header.columns.items()
                       if i < len(cells) and "\ufffd" in cells[i]), None)
        why = f"is not {self.encoding.label} text"
        return InvalidRow(row, column, why, _values(self.header, cells), "cell_not_decodable",
                          {"encoding": self.encoding.label})

    # -- the iterator and its life

    def __iter__(self) -> Iterator[Claim | InvalidRow]:
        return self._stream(self._read_claim)

    def __next__(self) -> Claim | InvalidRow:
        return next(self._stream(self._read_claim))

    def light_rows(self) -> Iterator[LightClaim | Claim | InvalidRow | TotalRow]:
        """The rows as `__iter__` gives them, but a claim read the quick way as a
        `LightClaim`, which makes its `Claim` when asked: an audit needs few of them. Once
        the rows are being read one way, they go on that way."""
        return self._stream(self._read_light)

    def _stream(self, read_row: Callable[[list[str], int], Any]) -> Iterator[Any]:
        if self._rows is None:
            self._rows = self._read(read_row)
        return self._rows

    def __enter__(self) -> ClaimReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for stream in self._owned:
            stream.close()
        self._owned.clear()

    @property
    def bytes_read(self) -> int:
        return self._raw.bytes_read

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.header.delimiter, self.header.delimiter)


def bounded_lines(text: IO[str], name: str) -> Iterator[str]:
    """The lines of `text`, none longer than `limits.CSV_LINE` characters: a longer one (a
    file of gigabytes without a line break would be read into memory whole) makes the
    file unusable, its line named."""
    from .. import limits

    readline = text.readline
    limit = limits.CSV_LINE
    number = 0
    while line := readline(limit):
        number += 1
        if len(line) == limit and line[-1] not in "\r\n":
            raise ClaimFileError(
                f"{name}: line {number} is longer than {limit:,} characters (the limit for a "
                "line); it is not read".replace(",", " "))
        yield line


def read_claims(source: str | Path | BinaryIO, *, mapping: ClaimMapping | Mapping | None = None,
                encoding: str | None = None, delimiter: str | None = None,
                date_order: str | None = None, sheet: str | None = None,
                activities: Collection[str] | None = None,
                scheme: str | None = None) -> ClaimReader | WorkbookReader:
    """Stream the rows of a claims file as `Claim` or `InvalidRow`, in file order.

    A CSV file, or a workbook (.xlsx, .xlsm, .xls, .ods) known by its content whatever its
    name: its first visible sheet, or `sheet` (a name, or a number counting from 1).
    `encoding` and `delimiter` concern text files and are not used for a workbook.
    With `activities` (the activity names the rate tables know), an activity that is
    neither one of them, nor the contract's, nor a word for one, makes the row invalid.
    `scheme` is the scheme of a row that gives none (a file may then have no scheme
    column); a file without a claim-id column has its claims known by their row numbers.
    Raises ClaimFileError, before any row, when the file cannot be used at all. The
    result is an iterator that also tells how the file was read (`header`, `date_order`,
    and `encoding` and `delimiter_name`, or `kind` and `sheet` for a workbook).
    """
    try:
        reader = ClaimReader(source, mapping=mapping, encoding=encoding, delimiter=delimiter,
                             date_order=date_order, activities=activities, scheme=scheme)
    except IsWorkbook as found:
        name = str(source) if isinstance(source, str | Path) else _stream_name(source)
        return open_workbook(source, name, found.kind, found.head, mapping=as_mapping(mapping),
                             sheet=sheet, date_order=date_order, activities=activities,
                             scheme=scheme)
    if sheet is not None:
        reader.close()
        raise ClaimFileError(f"--sheet: {reader.name} is a text (CSV) file, not a workbook")
    return reader


def _stream_name(stream: BinaryIO) -> str:
    given = getattr(stream, "name", None)
    return given if isinstance(given, str) and not given.startswith("<") else "-"


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError, OSError):
        return False


def _size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    import stat

    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _values(header: Header, cells: list[str]) -> dict[str, str]:
    return {column: cells[i].strip() for column, i in header.columns.items()
            if i < len(cells) and cells[i].strip()}


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _in_column(column: str, read: C.Cache, text: str) -> Any:
    """`read[text]`, with a cell error naming `column`: the three cells of a span are read
    together, so the column in force in the caller is not the one at fault."""
    try:
        return read[text]
    except C.CellError as err:
        err.params["column"] = column
        raise


_ReadRow = Callable[[list[str], int], Any]


def _row_reader(header: Header, mapping: ClaimMapping, slash_order: str | None,
                dot_order: str, activity_names: Collection[str] | None = None, *,
                year: int | None = None, order_assumed: bool = False,
                scheme: str | None = None, row_ids: bool = False
                ) -> tuple[_ReadRow, _ReadRow]:
    """Two functions that read one row's cells, built once per file, for speed: one gives
    a `Claim` (or an `InvalidRow`, or a `TotalRow`), the other a `LightClaim` where it can."""
    width = len(header.cells)
    blank = width  # absent optional columns read the blank cell appended to every row
    col = header.columns
    i_id, i_rep, i_scheme = col.get("claim_id", blank), col["representative"], \
        col.get("scheme", blank)
    i_date, i_attendance, i_claimed = col["date"], col["attendance"], col["claimed_honorarium"]
    i_group, i_person = col.get("group", blank), col.get("representative_id", blank)
    i_start, i_end, i_hours = col.get("start", blank), col.get("end", blank), col.get("hours", blank)
    i_activity, i_agreement = col.get("activity", blank), col.get("agreement", blank)
    i_lost, i_documented = col.get("lost_income", blank), col.get("lost_income_documented", blank)
    i_gift, i_submitted = col.get("gift", blank), col.get("submitted", blank)

    schemes = C.Cache(C.scheme(mapping.schemes, scheme))
    dates = C.Cache(C.date_reader(slash_order, dot_order, True, year, order_assumed))
    submitted_dates = C.Cache(C.date_reader(slash_order, dot_order, False, year,
                                            order_assumed))
    attendances = C.Cache(C.attendance(mapping.attendance))
    activities = C.Cache(C.activity(mapping.activity, activity_names))
    agreements = C.Cache(C.yes_no(mapping.yes_no, blank=None))
    documented = C.Cache(C.yes_no(mapping.yes_no, blank=False))
    amounts = C.Cache(C.amount)
    times = C.Cache(C.time)
    hour_counts = C.Cache(C.hours)

    def span(key: tuple[str, str, str]) -> tuple[dt.time | None, dt.time | None, Decimal | None]:
        start_text, end_text, hours_text = key
        start = _in_column("start", times, start_text)
        end = _in_column("end", times, end_text)
        hours = _in_column("hours", hour_counts, hours_text)
        if start is None and end is None:
            return None, None, hours
        if end is None:
            raise C.CellError("cell_start_without_end", "a start time needs an end time",
                              column="end")
        if start is None:
            raise C.CellError("cell_end_without_start", "an end time needs a start time",
                              column="start")
        try:
            length = hours_between(start, end)
        except ValueError as err:
            raise C.CellError("cell_end_not_after_start", str(err), column="end",
                              start=_hhmm(start), end=_hhmm(end)) from None
        if hours is not None and abs(hours - length) > ONE_MINUTE:
            raise C.CellError("cell_hours_mismatch",
                              f"{hours} hours do not match {_hhmm(start)}–{_hhmm(end)}",
                              column="hours", hours=hours, start=_hhmm(start), end=_hhmm(end))
        return start, end, length

    spans = C.Cache(span)

    def invalid(cells: list[str], row: int, column: str | None, err: C.CellError) -> InvalidRow:
        params = dict(err.params)
        column = params.pop("column", column)
        return InvalidRow(row, column, str(err), _values(header, cells), err.key, params)

    def read_in_order(cells: list[str], row: int) -> Claim | InvalidRow:
        """The row read cell by cell in the order of the columns, so that a row with more
        than one unreadable cell is reported at the first. `cells` ends with the blank."""
        column = "claim_id"
        try:
            claim_id = RowId.of(row) if row_ids else cells[i_id].strip()
            if not claim_id:
                raise C.CellError("cell_empty", "is empty")
            column = "representative"
            representative = cells[i_rep].strip()
            if not representative:
                raise C.CellError("cell_empty", "is empty")
            column = "scheme"
            scheme = schemes[cells[i_scheme]]
            column = "date"
            date = dates[cells[i_date]]
            column = "attendance"
            attendance = attendances[cells[i_attendance]]
            column = "activity"
            activity = activities[cells[i_activity]]
            column = "start"
            start, end, hours = spans[(cells[i_start], cells[i_end], cells[i_hours])]
            column = "agreement"
            agreement = agreements[cells[i_agreement]]
            column = "claimed_honorarium"
            claimed = amounts[cells[i_claimed]]
            column = "lost_income"
            lost_income = amounts[cells[i_lost]]
            column = "lost_income_documented"
            is_documented = documented[cells[i_documented]]
            column = "gift"
            gift = amounts[cells[i_gift]]
            column = "submitted"
            submitted = submitted_dates[cells[i_submitted]]
        except C.CellError as err:
            del cells[width:]
            return invalid(cells, row, column, err)
        group = cells[i_group].strip() or None
        notes: tuple = ()
        if date.__class__ is not dt.date:  # read on an assumption the row's finding says
            notes += ((*date.note, "date"),)
            date = date.plain()
        if submitted is not None and submitted.__class__ is not dt.date:
            notes += ((*submitted.note, "submitted"),)
            submitted = submitted.plain()
        meeting = Meeting(scheme, date, attendance, activity, hours, agreement, lost_income,
                          is_documented, gift)
        return make_claim(row, claim_id, representative, group, meeting, start, end, claimed,
                          submitted, cells[i_person].strip() or None, None, notes)

    # Apart from the claim id, the person, the group and the dates, the cells of a row
    # repeat through a file: a few hundred distinct sets in a million rows. They are read
    # together, once for each set, into `_Facts`; a set with a cell that cannot be read is
    # None, and its rows are read in order to say which cell.
    facts_cells = itemgetter(i_scheme, i_attendance, i_activity, i_start, i_end, i_hours,
                             i_agreement, i_claimed, i_lost, i_documented, i_gift)
    made = [0]  # meetings kept by the sets of facts, together

    # identical rows share their meeting (the audit prices a meeting once): each set of
    # facts keeps its meetings by date, as many in all as a cache of cells holds
    def meeting_of(facts: Facts, date: dt.date) -> Meeting:
        if made[0] >= C.CACHE_LIMIT:
            for kept in facts_of.values():
                if kept is not None:
                    kept.meetings.clear()
            made[0] = 0
        made[0] += 1
        meeting = facts.meetings[date] = make_meeting(
            facts.scheme, date, facts.attendance, facts.activity, facts.hours, facts.agreement,
            facts.lost_income, facts.documented, facts.gift, None)
        return meeting

    def read_facts(raw: tuple[str, ...]) -> Facts | None:
        (scheme, attendance, activity, start, end, hours, agreement, claimed, lost_income,
         is_documented, gift) = raw
        try:
            return Facts(schemes[scheme], attendances[attendance], activities[activity],
                         *spans[(start, end, hours)], agreements[agreement], amounts[claimed],
                         amounts[lost_income], documented[is_documented], amounts[gift],
                         meeting_of)
        except C.CellError:
            return None

    facts_of = C.Cache(read_facts)

    as_total = total_row_reader(header)

    def unread(cells: list[str], row: int) -> Claim | InvalidRow | TotalRow:
        """A row the quick way could not read: a claim after all, a row that cannot be
        read, or the file's own total."""
        result = read_in_order(cells, row)
        if type(result) is InvalidRow:
            return as_total(cells, row) or result
        return result

    def read_light(cells: list[str], row: int) -> LightClaim | Claim | InvalidRow | TotalRow:
        if len(cells) != width:
            if len(cells) < width or any(c.strip() for c in cells[width:]):
                why = f"has {len(cells)} cells where the header has {width}"
                short = len(cells) < width
                return (short and as_total(cells, row)) or InvalidRow(
                    row, None, why, _values(header, cells), "row_cells",
                    {"count": len(cells), "expected": width}, cells_in_place=short)
            del cells[width:]
        cells.append("")
        claim_id = RowId.of(row) if row_ids else cells[i_id].strip()
        representative = cells[i_rep].strip()
        facts = facts_of[facts_cells(cells)]
        if facts is None or not claim_id or not representative:
            return unread(cells, row)
        try:
            date = dates[cells[i_date]]
            submitted = submitted_dates[cells[i_submitted]]
        except C.CellError:
            return unread(cells, row)
        if date.__class__ is not dt.date or (submitted is not None
                                             and submitted.__class__ is not dt.date):
            return unread(cells, row)  # a date read on an assumption: the claim says it
        return LightClaim(row, claim_id, representative, cells[i_group].strip() or None, facts,
                          date, submitted, cells[i_person].strip() or None)

    def read_row(cells: list[str], row: int) -> Claim | InvalidRow | TotalRow:
        read = read_light(cells, row)
        return read.claim() if type(read) is LightClaim else read

    if not any(c in col for c in TRAVEL_COLUMNS):
        return read_row, read_light
    # a claim with travel is read in full: its trip is no part of its facts
    read_row = _with_travel(read_row, header, mapping, slash_order or "dmy")
    return read_row, read_row


def _with_travel(read_row: Callable[[list[str], int], Claim | InvalidRow], header: Header,
                 mapping: ClaimMapping, date_order: str
                 ) -> Callable[[list[str], int], Claim | InvalidRow]:
    """`read_row`, and the row's travel columns into the meeting's trip and the travel
    claimed (a file without travel columns is read by `read_row` alone)."""
    from dataclasses import replace

    from ..tripinput import TRIP_COLUMNS, TripError, read_trip

    blank = len(header.cells)
    col = header.columns
    trip_cells = itemgetter(*(col.get(c, blank) for c in TRIP_COLUMNS))
    i_claimed = col.get("travel_claimed")
    documented = C.yes_no(mapping.yes_no, blank=False)
    amounts = C.Cache(C.amount)

    def trip_of(raw: tuple[str, ...]):
        return read_trip(dict(zip(TRIP_COLUMNS, raw, strict=True)), date_order, documented)

    trips = C.Cache(trip_of)  # raw trip cells → their Trip, or None for no trip
    # (id of the meeting read, id of the trip) → (that meeting, the meeting with the trip);
    # the entry keeps the meeting read alive, so its id names no other meeting meanwhile
    meetings: dict[tuple[int, int], tuple[Meeting, Meeting]] = {}

    def with_trip(base: Meeting, trip: Trip) -> Meeting:
        known = meetings.get((id(base), id(trip)))
        if known is not None and known[0] is base and known[1].trip is trip:
            return known[1]
        if len(meetings) >= C.CACHE_LIMIT:
            meetings.clear()
        meeting = replace(base, trip=trip)
        meetings[(id(base), id(trip))] = (base, meeting)
        return meeting

    def read_with_travel(cells: list[str], row: int) -> Claim | InvalidRow:
        result = read_row(cells, row)
        if type(result) is not Claim:
            return result
        raw = trip_cells(cells)
        try:
            trip = trips[raw]
            claimed = None if i_claimed is None else _in_column(
                "travel_claimed", amounts, cells[i_claimed])
        except TripError as err:
            return InvalidRow(row, err.column, str(err), _values(header, cells), err.key,
                              dict(err.params))
        except C.CellError as err:
            params = dict(err.params)
            column = params.pop("column", "travel_claimed")
            return InvalidRow(row, column, str(err), _values(header, cells), err.key, params)
        if trip is None and claimed:
            trip = _NO_TRIP  # travel claimed without a word of the trip: nothing is due
        meeting = result.meeting if trip is None else with_trip(result.meeting, trip)
        return make_claim(result.row, result.claim_id, result.representative, result.group,
                          meeting, result.start, result.end, result.claimed_honorarium,
                          result.submitted, result.representative_id, claimed, result.notes)

    return read_with_travel
