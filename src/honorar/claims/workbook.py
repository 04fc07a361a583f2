"""Reading claims from a workbook (.xlsx, .xlsm, .xls, .ods) with python-calamine.

A workbook is known by its content, whatever its name (`kinds`): a zip archive holding
`xl/` (Excel) or an OpenDocument spreadsheet, or an OLE2 compound file (.xls, or an Excel
file locked by a password). Its rows go through the same row reader as a CSV file's, so every claim, finding
and invalid row comes out as it would from the same claims written as CSV.

Typed cells are turned (`typed_cells`) into the text the CSV readers read to the same value: a date cell
or a date serial in a date column into an ISO date, a time cell or a fraction of a day in a
time column into `HH:MM`, a number into its shortest decimal form (1176.1 is '1176.1', read
as 1176.10; never 1176.0999…). Text cells are left as they are and parsed as CSV cells are.
The row numbers are the sheet's own. The book itself is opened in `books`; python-calamine
is imported only when a workbook is read, so the CSV path does not pay for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Collection, Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..parsing import date_order_hint, is_ambiguous_date
from ..problem import said
from ..tables.yamldoc import os_said
from .books import (
    Merged,
    check_sheet_part,
    check_xls_sheet,
    choose_sheet,
    find_header,
    first_rows,
    hidden_of,
    kind_from,
    open_book,
    quiet_standard_error,
    sheet_rows,
    uses_1904_dates,
)
from .columns import ClaimMapping
from .records import Claim, ClaimFileError, InvalidRow, LightClaim, TotalRow
from .row_reader import cell_values, row_reader
from .sniff import (
    HEADER_SEARCH_RECORDS,
    Encoding,
    common_year,
)
from .typed_cells import row_texts

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
        self._book = open_book(source, name, kind)
        try:
            self.kind = kind_from(kind, name)
            with quiet_standard_error():
                found = choose_sheet(self._book, sheet, name,
                                      lambda chosen: check_sheet_part(source, spans, name, chosen))
            self.sheet = found.name
            self.encoding = Encoding("", f"{self.kind} workbook", "strict", True)
            self.size = found.end[0] + 1 if found.end else 0
            self.expected_rows = self.size
            self._rows_read = 0
            self._where = said("claims.in_sheet", file=name, sheet=self.sheet)
            head = first_rows(found, HEADER_SEARCH_RECORDS, self._where)
            self.header = find_header(head, mapping, self._where,
                                       list(self._book.sheet_names),
                                       ("scheme",) if scheme else ())
            self._sheet_found = found
            self._columns_at = {i: column for column, i in self.header.columns.items()}
            self.date1904 = uses_1904_dates(source, self.kind) if self.kind != "xls" else \
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
        for index, cells in enumerate(sheet_rows(sheet, self._where)):
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
            for index, cells in enumerate(sheet_rows(sheet, self._where)):
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
                yield hidden_of(result) if hidden else result
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

    def _merged(self, sheet: Any) -> Merged:
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
        return Merged(by_row)

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
            raise ClaimFileError(said("env.file", file=name, reason=os_said(err))) from None
        if len(data) > limits.WORKBOOK_FILE:
            raise beyond(name, said("limits.file_more", size=size_text(limits.WORKBOOK_FILE)),
                         size_text(limits.WORKBOOK_FILE))
    return WorkbookReader(data, name, kind, mapping=mapping, sheet=sheet, date_order=date_order,
                          activities=activities, scheme=scheme)
