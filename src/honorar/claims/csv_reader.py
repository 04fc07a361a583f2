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
import io
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import IO, Any, BinaryIO

from ..problem import said
from .columns import ClaimMapping, as_mapping
from .head import Opened
from .records import (
    Claim,
    ClaimFileError,
    InvalidRow,
    LightClaim,
    TotalRow,
)
from .row_reader import cell_values, row_reader
from .sniff import (
    DECODE_ERRORS,
    DELIMITER_NAMES,
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


class ClaimReader:
    """An open claims file: how it is written, and its rows (an iterator of Claim | InvalidRow).

    Close it (or use it in a `with` block, or read it to the end) to release the file.
    """

    def __init__(self, opened: Opened, *, mapping: ClaimMapping | Mapping | None = None,
                 encoding: str | None = None, delimiter: str | None = None,
                 date_order: str | None = None,
                 activities: Collection[str] | None = None, scheme: str | None = None) -> None:
        self.mapping = as_mapping(mapping)
        self.activities = activities
        self.scheme = scheme
        self.name = opened.name
        self._owned: list[IO[bytes]] = list(opened.owned)
        try:
            self._open(opened, encoding, delimiter, date_order)
        except BaseException:
            self.close()
            raise

    # -- looking at the file

    def _open(self, opened: Opened, encoding: str | None, delimiter: str | None,
              date_order: str | None) -> None:
        stream, start, head = opened.stream, opened.start, opened.head
        self.size = opened.size
        at_end = opened.at_end
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
                raise ClaimFileError(said("claims.first_line_too_long", file=self.name,
                                          size=size))
            raise ClaimFileError(said("env.file", file=self.name, reason=said("file.empty")))
        try:
            self.header: Header = find_header(text, self.mapping.column_names(), delimiter,
                                              self.name, ("scheme",) if self.scheme else ())
        except ClaimFileError:
            if encoding is not None:
                self._check_encoding_given(head, at_end, delimiter)
            if "\x00" in text:  # no text file has NUL: a database, a PDF, an image
                raise ClaimFileError(said("claims.not_text", file=self.name)) from None
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
        self._read_claim, self._read_light = row_reader(self.header, self.mapping, slash_order,
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
            raise ClaimFileError(said("claims.encoding_other", file=self.name, given=given,
                                      detected=detected.label))
        try:
            decoded = codecs.getincrementaldecoder(self.encoding.name)("strict").decode(
                head, final=at_end)
        except UnicodeDecodeError as err:
            raise ClaimFileError(said("claims.encoding_byte", file=self.name, given=given,
                                      position=err.start + 1)) from None
        if "\x00" in decoded:  # UTF-16 read as a one-byte encoding
            raise ClaimFileError(said("claims.encoding_nul", file=self.name, given=given))

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
        return InvalidRow(row, column, why, cell_values(self.header, cells), "cell_not_decodable",
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
            raise ClaimFileError(said("claims.line_too_long", file=name, line=number,
                                      limit=f"{limit:,}".replace(",", " ")))
        yield line
