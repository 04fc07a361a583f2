"""The bounds honorar keeps to whatever a file holds, far above any real file's needs, so
that a hostile or broken file is refused at once, with one line naming the bound, rather
than read for minutes or into all the memory there is. Each is listed in the limits
table of docs/reference/limits.md; none is a rule of payment.
"""

from __future__ import annotations

MIB = 1 << 20

# text files: a rate table, plan, mapping or G table (YAML) is a few KB; a line of a CSV
# file of claims is a few hundred bytes
YAML_FILE = 1 * MIB
CSV_LINE = 1 << 20  # characters, a line after the header (the header: the first megabyte)

# workbooks (.xlsx, .xlsm, .ods): checked before the workbook reader is given the file
WORKBOOK_FILE = 512 * MIB  # the file as it stands (a month of 100 000 claims: ~8 MiB)
WORKBOOK_PARTS = 10_000  # the parts of its archive (a workbook has tens)
WORKBOOK_UNPACKED = 1024 * MIB  # all parts unpacked, declared and as they unpack
SHEET_CELLS = 1 << 22  # 4 194 304 cells in a sheet's span, first to last cell with a value
CELL_TEXT = 1 * MIB  # a text between two tags of a sheet's XML (a cell: 32 767 characters)
SHARED_STRINGS = 10_000_000  # the texts of an .xlsx's shared string table
ODS_ROWS_REPEATED = 1 << 20  # one .ods row repeated (a spreadsheet has 1 048 576 rows)
ODS_COLUMNS_REPEATED = 1 << 14  # one .ods cell repeated along a row (16 384 columns)

# the ledger (SQLite): one statement's time, past which it is stopped (recording a million
# claims takes a minute in all; a report on 1.1 million, ten seconds)
LEDGER_QUERY_SECONDS = 600.0
