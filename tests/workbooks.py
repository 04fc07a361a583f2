"""Workbooks as spreadsheet programs write them, made with a second library (openpyxl).

`typed_workbook` turns claims written as CSV into a sheet with typed cells: dates as date
cells, times as time cells, amounts and hours as numbers, ids that are digits as numbers,
so that a test can compare the audit of the workbook with the audit of the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from honorar.claims.columns import BUILT_IN_COLUMNS, normalise_header

AMOUNTS = {"claimed_honorarium", "lost_income", "gift"}
DATES = {"date", "submitted"}
TIMES = {"start", "end"}


def typed(column: str | None, text: str) -> object:
    """The cell a spreadsheet would hold for a CSV cell: typed where the text is clear."""
    if text == "":
        return None
    try:
        if column in DATES:
            return dt.date.fromisoformat(text)
        if column in TIMES:
            return dt.time.fromisoformat(text)
        if column in AMOUNTS or column == "hours":
            number = Decimal(text)
            return int(number) if number == number.to_integral_value() else float(number)
        if column == "claim_id" and text.isdigit():
            return int(text)
    except (ValueError, ArithmeticError):  # not clear: left as text, as a person typed it
        pass
    return text


def typed_workbook(csv_text: str, path: Path, *, title: str | None = None,
                   hidden_sheet_first: bool = False, sheet: str = "Krav",
                   trailing_empty_row: bool = True) -> Path:
    """`csv_text` as a typed sheet in `path`; a title row and a blank row above the header
    when `title` is given; a hidden sheet before it; a blank row left at the end. A text
    that starts like a formula stays text, as when a person types it after an apostrophe."""
    import openpyxl

    rows = list(csv.reader(io.StringIO(csv_text)))
    header = rows[0]
    columns = [BUILT_IN_COLUMNS.get(normalise_header(h)) for h in header]
    book = openpyxl.Workbook()
    first = book.active
    if hidden_sheet_first:
        first.title = "Notater"
        first.append(["claim_id", "representative", "scheme", "date", "attendance",
                      "claimed_honorarium"])
        first.append(["X-1", "Skjult", "unn", dt.date(2023, 1, 1), "fysisk", 1])
        first.sheet_state = "hidden"
        data = book.create_sheet(sheet)
    else:
        data = first
        data.title = sheet
    if title is not None:
        data.append([title])
        data.append([])
    data.append(header)
    for cells in rows[1:]:
        data.append([typed(c, text) for c, text in zip(columns, cells, strict=False)])
    for row in data.iter_rows(min_row=1, max_row=data.max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "dd.mm.yyyy"
            elif isinstance(cell.value, dt.time):
                cell.number_format = "hh:mm"
    if trailing_empty_row:
        # rows left behind below the claims: one with formatted empty cells, as a cleared row
        # leaves them, and one whose only cells are blanks typed over the old values
        last = data.max_row
        data.cell(row=last + 1, column=1).number_format = "@"
        for column in (1, 2, len(header)):
            data.cell(row=last + 2, column=column).value = " "
    book.save(path)
    return path


def ods_workbook(path: Path, sheets: list[tuple[str, list[list]]]) -> Path:
    """An OpenDocument spreadsheet as LibreOffice saves one, at its smallest: typed cells
    (dates, times, numbers, text) in rows, one table per sheet."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, dt.date):
            typed = f'office:value-type="date" office:date-value="{value.isoformat()}"'
        elif isinstance(value, dt.time):
            typed = f'office:value-type="time" office:time-value="PT{value.hour:02d}H{value.minute:02d}M00S"'
        elif isinstance(value, int | float):
            typed = f'office:value-type="float" office:value="{value!r}"'
        else:
            typed = 'office:value-type="string"'
        return f"<table:table-cell {typed}><text:p>{escape(str(value))}</text:p></table:table-cell>"

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>"
                  for row in rows)
        + "</table:table>" for name, rows in sheets)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        # the mimetype comes first and unpacked: that is how an ODS file is known
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path
