"""A workbook opened with python-calamine: its kind, its sheets (the one asked for, or the
first visible), its rows in batches, its dates' epoch, and the header found among its
first rows; an encrypted, protected or unreadable book said in one line.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..problem import said
from ..tables.yamldoc import os_said
from .columns import REQUIRED_COLUMNS, ClaimMapping
from .kinds import ENCRYPTED, NOT_CLAIMS, not_claims
from .records import Claim, ClaimFileError, LightClaim
from .sniff import (
    Header,
    header_columns,
    header_score,
)
from .typed_cells import cell_text


def uses_1904_dates(source: str | Path | bytes, kind: str) -> bool:
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


def hidden_of(result: Any) -> Any:
    """A claim of a hidden row, with the finding that says so (anything else as it is)."""
    if type(result) is LightClaim:
        result = result.claim()
    if type(result) is Claim:
        from dataclasses import replace

        return replace(result, notes=(*result.notes, ("hidden_row", {}, None)))
    return result


class Merged:
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


def kind_from(kind: str, name: str) -> str:
    if kind == "xlsx" and name.lower().endswith(".xlsm"):
        return "xlsm"
    return kind


def open_book(source: str | Path | bytes, name: str, kind: str) -> Any:
    if kind == "encrypted":
        raise _protected(name)
    if kind in NOT_CLAIMS:
        raise not_claims(name, kind)
    import python_calamine as calamine

    try:
        if isinstance(source, bytes):
            with quiet_standard_error():
                return calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
        with open(source, "rb") as stream, quiet_standard_error():
            return calamine.CalamineWorkbook.from_filelike(stream)
    except OSError as err:
        raise ClaimFileError(said("env.file", file=name, reason=os_said(err))) from None
    except calamine.PasswordError:
        raise _protected(name) from None
    except BaseException as err:  # calamine's errors: corrupt zip, broken XML, unknown format
        if not isinstance(err, Exception) and not _panicked(err):
            raise
        if kind == "xls" and _encrypted(source):
            raise _protected(name) from None
        # the reader's own words (calamine's, English) are left out: HONORAR_DEBUG=1 shows them
        raise ClaimFileError(said("claims.zip_not_workbook", file=name) if kind == "zip" else
                             said("claims.damaged_workbook", file=name, kind=kind)) from None


def _protected(name: str) -> ClaimFileError:
    return ClaimFileError(said("claims.protected", file=name))


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


def check_sheet_part(source: str | Path | bytes, spans: Any, name: str, sheet: str) -> None:
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


def choose_sheet(book: Any, sheet: str | None, name: str,
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
                raise ClaimFileError(said("claims.no_sheets", file=name))
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
            raise ClaimFileError(said("usage.option", option="--sheet", reason=said(
                "claims.no_sheet_number", file=name, count=len(names), number=number,
                sheets=listed)))
    except ClaimFileError:
        raise
    except BaseException as err:  # a sheet calamine cannot read (a chart sheet, say)
        if not isinstance(err, Exception) and not _panicked(err):
            raise
        raise ClaimFileError(said("claims.sheet_unreadable", file=name,
                                  reason=" ".join(str(err).split()))) from None
    raise ClaimFileError(said("usage.option", option="--sheet", reason=said(
        "claims.no_sheet", file=name, sheet=sheet, sheets=listed)))


def first_rows(sheet: Any, count: int, where: str) -> list[tuple[int, list[Any]]]:
    """The first `count` rows that are not blank, with their indices (row number − 1)."""
    found = []
    for index, cells in enumerate(sheet_rows(sheet, where)):
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


def sheet_rows(sheet: Any, where: str) -> Iterator[list[Any]]:
    """The sheet's rows, as python-calamine gives them. A cell it cannot turn into a value
    (a date-formatted number of −2e11 makes it panic, an [h]:mm duration of 1e9 hours
    overflows) makes the file unreadable, naming its row: the rows cannot be read on past
    it. A panic's own message, which Rust writes to the standard error, is not shown."""
    rows = iter(sheet.iter_rows())
    index = 0
    while True:
        batch: list[list[Any]] = []
        failed: BaseException | None = None
        with quiet_standard_error():
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
def quiet_standard_error() -> Iterator[None]:
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


def _unreadable_cell(where: Any, index: int, err: BaseException) -> ClaimFileError:
    reason = " ".join(str(err).split()) or type(err).__name__
    return ClaimFileError(said("claims.unreadable_cell", where=where, row=index + 1,
                               reason=reason))


def find_header(rows: list[tuple[int, list[Any]]], mapping: ClaimMapping,
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
        raise ClaimFileError(said("env.file", file=where, reason=said("claims.sheet_empty")))
    score, index, texts = best
    if score == 0:
        listed = ", ".join(f"'{n}'" for n in sheets)
        key = "claims.no_header_sheets" if len(sheets) > 1 else "claims.no_header_sheet"
        raise ClaimFileError(said(key, where=where, columns=", ".join(REQUIRED_COLUMNS),
                                  sheets=listed))
    columns, names, ignored = header_columns(texts, known, where, said("claims.row", row=index + 1), optional)
    return Header("", index, index + 1, tuple(texts), columns, names, ignored)


def _letters(column: int) -> str:
    """The letters of the column numbered `column` from 1 (1 is A, 256 is IV)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
