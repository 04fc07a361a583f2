"""Reading claims files as finance staff receive them (SPEC §2).

Norwegian Excel, LibreOffice and payroll exports: comma, semicolon or tab; UTF-8 with or
without BOM, or Windows-1252; Norwegian or English headers; amounts, dates, times and
yes/no written the many ways people and programs write them. A mapping file covers other
layouts. The reader streams, and a row it cannot read becomes an `InvalidRow` that says
where and why, or a `TotalRow` when it only sums the others; only a file that cannot be
used at all raises `ClaimFileError`.
"""

from .columns import (
    CANONICAL_COLUMNS,
    REQUIRED_COLUMNS,
    ClaimMapping,
    load_mapping,
    mapping_from_data,
)
from .csv_reader import ClaimReader
from .opening import read_claims
from .records import Claim, ClaimFileError, InvalidRow, TotalRow
from .workbook import WorkbookReader

__all__ = [
    "CANONICAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "Claim",
    "ClaimFileError",
    "ClaimMapping",
    "ClaimReader",
    "InvalidRow",
    "TotalRow",
    "WorkbookReader",
    "load_mapping",
    "mapping_from_data",
    "read_claims",
]
