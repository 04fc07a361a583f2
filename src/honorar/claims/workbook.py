"""Reading claims from a workbook (.xlsx, .xlsm, .xls, .ods) with python-calamine.

A workbook is known by its content, whatever its name (`kinds`): a zip archive holding
`xl/` (Excel) or an OpenDocument spreadsheet, or an OLE2 compound file (.xls, or an Excel
file locked by a password). Its rows go through the same row reader as a CSV file's, so every claim, finding
and invalid row comes out as it would from the same claims written as CSV.

Typed cells are turned (`typed_cells`) into the text the CSV readers read to the same value: a date cell
or a date serial in a date column into an ISO date, a time cell or a fraction of a day in a
time column into `HH:MM`, a number into its shortest decimal form (1176.1 is '1176.1', read
as 1176.10; never 1176.0999…). Text cells are left as they are and parsed as CSV cells are.
The row numbers are the sheet's own. python-calamine is imported only when a workbook is
read, so the CSV path does not pay for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Callable, Collection, Generator, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ..parsing import date_order_hint, is_ambiguous_date
from .columns import REQUIRED_COLUMNS, ClaimMapping
from .kinds import ENCRYPTED, NOT_CLAIMS, not_claims
from .records import Claim, ClaimFileError, InvalidRow, LightClaim, TotalRow
from .row_reader import cell_values, row_reader
from .sniff import (
    HEADER_SEARCH_RECORDS,
    Encoding,
    Header,
    common_year,
    header_columns,
    header_score,
)
from .typed_cells import cell_text, row_texts

# Rows whose slashed text dates are looked at before the rest of the sheet is (see the CSV
# reader: only when these leave the order open is the whole sheet looked through).
_DATE_EVIDENCE_ROWS = 2000


# -------------------------------------------------------------------------- the reader


class WorkbookReader:
    """An open workbook sheet: how it was read, and its rows (Claim | InvalidRow).

    The attributes a report shows match `ClaimReader`'s: `name`, `header`, `date_order`,
    `date_order_given`, `expected_rows`, `size` and `bytes_read` (counted in rows here);
    `kind` and `sheet` say which workbook format and sheet were read.
    """

    def __init__(self, source: str | Path | bytes, name: str, kind: str, *,
                 mapping: ClaimMapping, sheet: str | None = None,
                 date_order: str | None = None,
                 activities: Collection[str] | None = None,
                 scheme: str | None = None) -> None:

        self.name = name
        self.mapping = mapping
        self.scheme = scheme
        self._source = source
        self._sheet_facts = None
        from .archive import check_archive

        spans = check_archive(source, name, kind)
        if spans.xls:  # python-calamine reads an .xls's first sheet as it opens it
            spans.xls_checked = check_xls_sheet(source, name, None)
        self._book = _open_book(source, name, kind)
        try:
            self.kind = _kind_from(kind, name)
            with _quiet_standard_error():
                found = _choose_sheet(self._book, sheet, name,
                                      lambda chosen: _check_sheet(source, spans, name, chosen))
            self.sheet = found.name
            self.encoding = Encoding("", f"{self.kind} workbook", "strict", True)
            self.size = found.end[0] + 1 if found.end else 0
            self.expected_rows = self.size
            self._rows_read = 0
            self._where = f"{name}, sheet '{self.sheet}'"
            head = _first_rows(found, HEADER_SEARCH_RECORDS, self._where)
            self.header = _find_header(head, mapping, self._where,
                                       list(self._book.sheet_names),
                                       ("scheme",) if scheme else ())
            self._sheet_found = found
            self._columns_at = {i: column for column, i in self.header.columns.items()}
            self.date1904 = _date1904(source, self.kind) if self.kind != "xls" else \
                self._facts(()).null_date == "1904-01-01"
            self._texts = row_texts(self.header, len(self.header.cells), self.date1904)
            self._columns_at = {i: column for column, i in self.header.columns.items()}
            self.date_order_given = date_order
            assumed, slashed = False, True
            if date_order is not None:
                slash_order = date_order
            else:
                slash_order, assumed, slashed = self._date_order(found)
            # how slashed dates are read, said where the sheet has any (as for a CSV file)
            self.date_order = slash_order if slashed else None
            year = common_year(self._records(found, _DATE_EVIDENCE_ROWS), self.header)
            self._read_claim, self._read_light = row_reader(
                self.header, mapping, slash_order,
                date_order if date_order is not None else "dmy", activities,
                year=year, order_assumed=assumed, scheme=scheme,
                row_ids="claim_id" not in self.header.columns)
            self._sheet_found = found
            self._iterator: Iterator[Any] | None = None
        except BaseException:
            self.close()
            raise

    def _date_order(self, sheet: Any) -> tuple[str, bool, bool]:
        """How the sheet's slashed text dates are read, whether that is assumed, and whether
        it has any (in its first 2 000 rows, or further where those leave it open): in a
        workbook they are day-first (the Norwegian order) unless the sheet's own text dates
        show month-first (more of them read only month-first than only day-first). One
        cell never refuses the sheet: a date that cannot be read the order found is an
        unreadable row, and an ambiguous one read day-first for want of a sign carries
        `date_order_assumed`."""
        counts = {"dmy": 0, "mdy": 0}
        ambiguous = self._count_orders(self._records(sheet, _DATE_EVIDENCE_ROWS), counts)
        if ambiguous and not any(counts.values()) and self.size > _DATE_EVIDENCE_ROWS:
            self._count_orders(self._records(sheet, None), counts)  # the rest of the sheet
        slashed = ambiguous or any(counts.values())
        if counts["mdy"] > counts["dmy"]:
            return "mdy", False, slashed
        return "dmy", not counts["dmy"], slashed

    @staticmethod
    def _count_orders(records: Iterator[tuple[int, list[str]]], counts: dict[str, int]) -> bool:
        """Counts the slashed text dates that read only day-first or only month-first;
        whether any read both ways."""
        ambiguous = False
        for _, texts in records:
            for text in texts:
                if "/" in text:
                    hint = date_order_hint(text)
                    if hint is not None:
                        counts[hint] += 1
                    elif is_ambiguous_date(text):
                        ambiguous = True
        return ambiguous

    def _records(self, sheet: Any, limit: int | None) -> Iterator[tuple[int, list[str]]]:
        """(row, texts) of the rows after the header, only the date columns as text."""
        indices = [self.header.columns[c] for c in ("date", "submitted")
                   if c in self.header.columns]
        width = len(self.header.cells)
        for index, cells in enumerate(_rows(sheet, self._where)):
            if index <= self.header.record:
                continue
            if limit is not None and index > self.header.record + limit:
                return
            texts = [""] * width
            for i in indices:
                if i < len(cells):
                    cell = cells[i]
                    if isinstance(cell, str):
                        texts[i] = cell
                    elif isinstance(cell, dt.date):  # a date cell, for the file's year
                        texts[i] = cell.isoformat()[:10]
            yield index + 1, texts

    def _read(self, sheet: Any, read_row: Callable[[list[str], int], Claim | InvalidRow]
              ) -> Iterator[Claim | InvalidRow]:
        from .sheet_errors import HIDDEN

        texts, first = self._texts, self.header.record + 1
        errors = self._error_cells(sheet)
        error = next(errors, None)
        merged = self._merged(sheet)
        try:
            # python-calamine gives the rows from the sheet's first, padded where empty
            for index, cells in enumerate(_rows(sheet, self._where)):
                self._rows_read = index + 1
                if index < first:
                    continue
                if merged and index in merged:
                    cells = merged.fill(cells, index)
                row_texts = texts(cells)
                while error is not None and error[0] <= index:
                    error = next(errors, None)
                facts = error[1] if error is not None and error[0] == index + 1 else None
                hidden = facts is not None and HIDDEN in facts
                # a row blank but for errors (a formula filled down a template) is blank
                if facts and "".join(row_texts).strip():
                    unreadable = self._error_in(facts, row_texts, index + 1)
                    if unreadable is not None:
                        yield unreadable
                        continue
                result = read_row(row_texts, index + 1)
                if type(result) is InvalidRow and not "".join(row_texts).strip():
                    continue  # a blank row
                yield _hidden(result) if hidden else result
        finally:
            errors.close()
            self.close()

    def _error_cells(self, sheet: Any) -> Generator[tuple[int, dict[int, str]], None, None]:
        """(row, {index in the row's cells → error value}) of the rows with cells holding
        an error value, in order (see `sheet_errors`): python-calamine gives them as empty."""
        if self.kind not in ("xlsx", "xlsm", "ods", "xls"):
            return
        from .sheet_errors import HIDDEN, error_cells

        # python-calamine's rows begin at the sheet's first column that holds anything
        offset = sheet.start[1] if sheet.start else 0
        read = [index + offset for index in self._columns_at]
        rows = self._facts(read).rows if self.kind in ("ods", "xls") else \
            error_cells(self._source, self.sheet, read)
        for row, found in rows:
            yield row, {column if column == HIDDEN else column - offset: value
                        for column, value in found.items()}

    def _error_in(self, errors: dict[int, str], texts: list[str], row: int
                  ) -> InvalidRow | None:
        """The row as unreadable at its first cell holding an error value (`errors`: those
        of the columns the audit reads), the values showing them as Excel does."""
        from .sheet_errors import NOT_CALCULATED

        held = sorted(i for i in errors if 0 <= i < len(texts))
        if not held:  # past the cells python-calamine gives: nothing it read is wrong
            return None
        for index in held:
            if errors[index] != NOT_CALCULATED:
                texts[index] = errors[index]
        index = held[0]
        error = errors[index]
        if error == NOT_CALCULATED:
            return InvalidRow(row, self._columns_at[index],
                              "holds a formula without a stored value",
                              cell_values(self.header, texts), "cell_formula_not_calculated", {})
        return InvalidRow(row, self._columns_at[index], f"holds the error value {error}",
                          cell_values(self.header, texts), "cell_error_value", {"error": error})

    def _facts(self, columns: Collection[int]):
        """What an .ods sheet's XML (`ods_sheet`) or an .xls sheet's records (`xls_sheet`)
        say that python-calamine does not, read once: the error cells of `columns` (those
        the audit reads, counted from column A), hidden rows, merged ranges."""
        if self._sheet_facts is None:
            from .ods_sheet import ods_facts
            from .xls_sheet import xls_facts

            offset = self._sheet_found.start[1] if self._sheet_found.start else 0
            read = ods_facts if self.kind == "ods" else xls_facts
            self._sheet_facts = read(self._source, self.sheet,
                                     columns or [i + offset for i in self._columns_at])
        return self._sheet_facts

    def _merged(self, sheet: Any) -> _Merged:
        """The merged ranges below the header, by the rows they cover, columns counted in
        python-calamine's rows (from the sheet's first column that holds anything)."""
        try:
            ranges = sheet.merged_cell_ranges
        except Exception:  # a format python-calamine gives none for
            ranges = None
        if ranges is None and self.kind == "ods":  # spanned cells, from the sheet's XML
            ranges = self._facts(()).merged
        offset = sheet.start[1] if sheet.start else 0
        by_row: dict[int, list[tuple[int, int, int, int]]] = {}
        for (top, left), (bottom, right) in ranges or ():
            if top <= self.header.record or (top == bottom and left == right):
                continue  # a title or the header itself, merged: not the claims
            for index in range(top, min(bottom, self.size) + 1):  # not past the sheet
                by_row.setdefault(index, []).append(
                    (left - offset, right - offset, top, left - offset))
        return _Merged(by_row)

    def __iter__(self) -> Iterator[Claim | InvalidRow]:
        return self._stream(self._read_claim)

    def __next__(self) -> Claim | InvalidRow:
        return next(self._stream(self._read_claim))

    def light_rows(self) -> Iterator[LightClaim | Claim | InvalidRow | TotalRow]:
        """The rows, a claim read the quick way as a `LightClaim` (see
        `ClaimReader.light_rows`)."""
        return self._stream(self._read_light)

    def _stream(self, read_row: Callable[[list[str], int], Any]) -> Iterator[Any]:
        if self._iterator is None:
            self._iterator = self._read(self._sheet_found, read_row)
        return self._iterator

    def __enter__(self) -> WorkbookReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        book, self._book = getattr(self, "_book", None), None
        if book is not None:
            with contextlib.suppress(Exception):  # closed already, or never fully opened
                book.close()

    @property
    def bytes_read(self) -> int:
        return self._rows_read

    @property
    def delimiter_name(self) -> str:
        return ""


def _date1904(source: str | Path | bytes, kind: str) -> bool:
    """Whether the workbook counts its date serials from 1904 (`<workbookPr
    date1904="1"/>`, as a Mac Excel workbook may): python-calamine reads its date cells
    right, but a serial in a date column that is not formatted as a date would be four
    years off. (An .xls says so in a record of its own: `xls_sheet`.)"""
    if kind not in ("xlsx", "xlsm", "ods"):
        return False
    import re
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source
                             ) as book:
            names = {n.casefold(): n for n in book.namelist()}
            part = names.get("content.xml" if kind == "ods" else "xl/workbook.xml")
            if part is None:
                return False
            with book.open(part) as xml:
                head = xml.read(1 << 16)
    except Exception:
        return False
    if kind == "ods":  # <table:null-date table:date-value="1904-01-01"/>
        return re.search(rb'null-date\b[^>]*date-value\s*=\s*["\']1904-01-01', head) is not None
    return re.search(rb'<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["\'](?:1|true)["\']',
                     head) is not None


def _hidden(result: Any) -> Any:
    """A claim of a hidden row, with the finding that says so (anything else as it is)."""
    if type(result) is LightClaim:
        result = result.claim()
    if type(result) is Claim:
        from dataclasses import replace

        return replace(result, notes=(*result.notes, ("hidden_row", {}, None)))
    return result


class _Merged:
    """The merged ranges below a sheet's header, by the rows they cover, and the value of
    each range met so far (a spreadsheet keeps it in the range's first cell alone)."""

    def __init__(self, by_row: dict[int, list[tuple[int, int, int, int]]]) -> None:
        # row index → [(first column, last column, the range's first row and column)]
        self.by_row = by_row
        self.values: dict[tuple[int, int], Any] = {}

    def __bool__(self) -> bool:
        return bool(self.by_row)

    def __contains__(self, index: int) -> bool:
        return index in self.by_row

    def fill(self, cells: list[Any], index: int) -> list[Any]:
        """The row's cells with every cell a merged range covers holding its value."""
        cells = list(cells)
        for left, right, top, first in self.by_row[index]:
            if index == top:
                value = self.values[(top, first)] = \
                    cells[first] if 0 <= first < len(cells) else ""
            else:
                value = self.values.get((top, first), "")
            if len(cells) <= right:
                cells.extend([""] * (right + 1 - len(cells)))
            for column in range(max(left, 0), right + 1):
                cells[column] = value
        return cells


def _kind_from(kind: str, name: str) -> str:
    if kind == "xlsx" and name.lower().endswith(".xlsm"):
        return "xlsm"
    return kind


def _open_book(source: str | Path | bytes, name: str, kind: str) -> Any:
    if kind == "encrypted":
        raise _protected(name)
    if kind in NOT_CLAIMS:
        raise not_claims(name, kind)
    import python_calamine as calamine

    what = {"zip": "a zip archive but not a workbook (xlsx, xlsm or ods)"}.get(
        kind, f"cannot be opened as a workbook ({kind})")
    try:
        if isinstance(source, bytes):
            with _quiet_standard_error():
                return calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
        with open(source, "rb") as stream, _quiet_standard_error():
            return calamine.CalamineWorkbook.from_filelike(stream)
    except OSError as err:
        raise ClaimFileError(f"{name}: {err.strerror or err}") from None
    except calamine.PasswordError:
        raise _protected(name) from None
    except BaseException as err:  # calamine's errors: corrupt zip, broken XML, unknown format
        if not isinstance(err, Exception) and not _panicked(err):
            raise
        if kind == "xls" and _encrypted(source):
            raise _protected(name) from None
        reason = " ".join(str(err).split()) or type(err).__name__
        raise ClaimFileError(f"{name}: is {what}: {reason}" if kind == "zip"
                             else f"{name}: {what}: it is damaged or not a workbook "
                             f"({reason})") from None


def _protected(name: str) -> ClaimFileError:
    return ClaimFileError(f"{name}: the workbook is protected by a password; save a copy "
                          "without one and audit that")


def _encrypted(source: str | Path | bytes) -> bool:
    """Whether an OLE2 file holds an encrypted Excel package (the marker may stand past the
    head that was looked at first)."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError:
        return False
    return ENCRYPTED in data


def _visible(metadata: Any) -> bool:
    return str(metadata.visible).rsplit(".", 1)[-1] == "Visible"


def _check_sheet(source: str | Path | bytes, spans: Any, name: str, sheet: str) -> None:
    from .archive import check_sheet
    from .sheet_errors import sheet_part

    if spans.columns or spans.rows:  # an .xlsx sheet with cells far out: is it this one?
        check_sheet(spans, sheet_part(source, sheet), name, sheet)
    elif spans.xls and sheet != spans.xls_checked:
        check_xls_sheet(source, name, sheet)


def check_xls_sheet(source: str | Path | bytes, name: str, sheet: str | None
                    ) -> str | None:
    """Refuse an .xls sheet (None: the first, which python-calamine reads as it opens the
    file) whose values span more than `limits.SHEET_CELLS` cells: the reader would make
    room for every one (a value at IV65536: 16.7 million cells, 1.1 GB)."""
    from .. import limits
    from .archive import refuse_span
    from .xls_sheet import xls_span

    span = xls_span(source, sheet)
    if span is None:
        return None
    if span[1] * span[2] > limits.SHEET_CELLS:
        refuse_span(name, span[0], _letters(span[2]), span[1], span[1] * span[2])
    return span[0]


def _choose_sheet(book: Any, sheet: str | None, name: str,
                  before: Callable[[str], None] = lambda sheet: None) -> Any:
    """The sheet named, or numbered (1 is the first, counting hidden sheets too), or else
    the first visible one; `before` is given its name before it is read."""
    names = list(book.sheet_names)
    listed = ", ".join(f"'{n}'" for n in names)

    def read(chosen: str) -> Any:
        before(chosen)
        return book.get_sheet_by_name(chosen)

    try:
        if sheet is None:
            visible = [m.name for m in book.sheets_metadata if _visible(m)] or names
            if not visible:
                raise ClaimFileError(f"{name}: the workbook has no sheets")
            return read(visible[0])
        if sheet in names:
            return read(sheet)
        folded = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
        if len(folded) == 1:
            return read(folded[0])
        if sheet.strip().isdigit():
            number = int(sheet)
            if 1 <= number <= len(names):
                return read(names[number - 1])
            raise ClaimFileError(f"--sheet: {name} has {len(names)} sheet(s), no sheet "
                                 f"{number} (sheets: {listed})")
    except ClaimFileError:
        raise
    except BaseException as err:  # a sheet calamine cannot read (a chart sheet, say)
        if not isinstance(err, Exception) and not _panicked(err):
            raise
        raise ClaimFileError(f"{name}: the sheet cannot be read: "
                             f"{' '.join(str(err).split())}") from None
    raise ClaimFileError(f"--sheet: {name} has no sheet '{sheet}' (sheets: {listed})")


def _first_rows(sheet: Any, count: int, where: str) -> list[tuple[int, list[Any]]]:
    """The first `count` rows that are not blank, with their indices (row number − 1)."""
    found = []
    for index, cells in enumerate(_rows(sheet, where)):
        if any(c != "" for c in cells):
            found.append((index, cells))
            if len(found) >= count:
                break
    return found


def _panicked(err: BaseException) -> bool:
    """Whether `err` is a panic of python-calamine's Rust code: a `PanicException`, which
    derives from BaseException and so escapes every `except Exception`."""
    return type(err).__name__ == "PanicException"


_BATCH = 1024  # rows read from python-calamine at a time, its panic messages silenced


def _rows(sheet: Any, where: str) -> Iterator[list[Any]]:
    """The sheet's rows, as python-calamine gives them. A cell it cannot turn into a value
    (a date-formatted number of −2e11 makes it panic, an [h]:mm duration of 1e9 hours
    overflows) makes the file unreadable, naming its row: the rows cannot be read on past
    it. A panic's own message, which Rust writes to the standard error, is not shown."""
    rows = iter(sheet.iter_rows())
    index = 0
    while True:
        batch: list[list[Any]] = []
        failed: BaseException | None = None
        with _quiet_standard_error():
            try:
                for _ in range(_BATCH):
                    batch.append(next(rows))
            except StopIteration:
                pass
            except (ArithmeticError, ValueError) as err:
                failed = err
            except BaseException as err:
                if not _panicked(err):
                    raise
                failed = err
        yield from batch
        index += len(batch)
        if failed is not None:
            raise _unreadable_cell(where, index, failed) from None
        if len(batch) < _BATCH:
            return


@contextlib.contextmanager
def _quiet_standard_error() -> Iterator[None]:
    """File descriptor 2 on the null device for a while: a Rust panic prints its message
    and a backtrace there before python-calamine raises it."""
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to silence
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _unreadable_cell(where: str, index: int, err: BaseException) -> ClaimFileError:
    reason = " ".join(str(err).split()) or type(err).__name__
    return ClaimFileError(f"{where}: row {index + 1}: a cell holds a value the workbook "
                          f"reader cannot read ({reason}), such as a date or duration far "
                          "out of range; correct it and save the workbook again")


def _find_header(rows: list[tuple[int, list[Any]]], mapping: ClaimMapping,
                 where: str, sheets: list[str], optional: Collection[str] = ()) -> Header:
    """The row that names the most known columns, as for a CSV file."""
    known: Mapping[str, str] = mapping.column_names()
    best: tuple[int, int, list[str]] | None = None
    for index, cells in rows:
        texts = [cell_text(c) for c in cells]
        score = header_score(texts, known)
        if best is None or score > best[0]:
            best = (score, index, texts)
    if best is None:
        raise ClaimFileError(f"{where}: the sheet is empty")
    score, index, texts = best
    if score == 0:
        listed = ", ".join(f"'{n}'" for n in sheets)
        others = f" (sheets: {listed})" if len(sheets) > 1 else ""
        raise ClaimFileError(f"{where}: no header row with the columns "
                             f"{', '.join(REQUIRED_COLUMNS)} (use --mapping for other names, "
                             f"or --sheet for another sheet){others}")
    columns, names, ignored = header_columns(texts, known, where, f"row {index + 1}", optional)
    return Header("", index, index + 1, tuple(texts), columns, names, ignored)


def open_workbook(source: str | Path | BinaryIO, name: str, kind: str, head: bytes, *,
                  mapping: ClaimMapping, sheet: str | None,
                  date_order: str | None,
                  activities: Collection[str] | None = None,
                  scheme: str | None = None) -> WorkbookReader:
    """A `WorkbookReader` on a file found to be a workbook: by its path, or from a stream
    whose first bytes (`head`) were already read."""
    if isinstance(source, str | Path):
        data: str | Path | bytes = source
    else:
        from .. import limits
        from .archive import beyond, size_text

        try:
            data = head + source.read(limits.WORKBOOK_FILE + 1 - len(head))
        except OSError as err:
            raise ClaimFileError(f"{name}: {err.strerror or err}") from None
        if len(data) > limits.WORKBOOK_FILE:
            raise beyond(name, f"the workbook is more than {size_text(limits.WORKBOOK_FILE)}",
                         size_text(limits.WORKBOOK_FILE))
    return WorkbookReader(data, name, kind, mapping=mapping, sheet=sheet, date_order=date_order,
                          activities=activities, scheme=scheme)


def _letters(column: int) -> str:
    """The letters of the column numbered `column` from 1 (1 is A, 256 is IV)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
