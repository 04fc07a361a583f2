"""Opening a claims file: its first bytes choose the reader, a CSV reader or a workbook's.

The file is opened once and its head read (`head.open_claims`); the head is handed to the
reader chosen, so that a pipe is read no further than any file, and neither reader passes
the file on to the other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import BinaryIO

from ..problem import said
from .columns import ClaimMapping, as_mapping
from .csv_reader import ClaimReader
from .head import open_claims
from .kinds import NOT_CLAIMS, not_claims, workbook_kind
from .records import ClaimFileError
from .workbook import WorkbookReader, open_workbook


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
    opened = open_claims(source, date_order=date_order, delimiter=delimiter)
    kind = workbook_kind(opened.head)
    if kind is not None:
        opened.close()  # a workbook is read from its path, or from the rest of the stream
        if kind in NOT_CLAIMS:
            raise not_claims(opened.name, kind)
        return open_workbook(source, opened.name, kind, opened.head, mapping=as_mapping(mapping),
                             sheet=sheet, date_order=date_order, activities=activities,
                             scheme=scheme)
    reader = ClaimReader(opened, mapping=mapping, encoding=encoding, delimiter=delimiter,
                         date_order=date_order, activities=activities, scheme=scheme)
    if sheet is not None:
        reader.close()
        raise ClaimFileError(said("usage.option", option="--sheet", reason=said(
            "claims.sheet_of_csv", file=reader.name)))
    return reader
