"""Make examples/claims.xlsx: the example month of claims as finance staff keep it in Excel.

The claims of examples/claims.csv on a sheet named "Krav mars 2023", below a title row and a
blank row, with typed cells as a spreadsheet holds them: dates as date cells, times as time
cells, amounts and hours as numbers, the rest as text. Run it again after changing the CSV:

    python examples/make_workbook.py
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "claims.csv"
TARGET = HERE / "claims.xlsx"
SHEET = "Krav mars 2023"
TITLE = "Honorarkrav fra brukerrepresentanter, mars 2023"
DATES = {"date", "submitted"}
TIMES = {"start", "end"}
NUMBERS = {"hours", "claimed_honorarium", "lost_income", "gift", "km", "travel_hours", "expenses",
           "travel_claimed"}


def typed(column: str, text: str) -> tuple[str, object]:
    """('date' | 'time' | 'number' | 'text', value): what a person typing it into Excel gets."""
    try:
        if column in DATES:
            return "date", dt.datetime.fromisoformat(text)
        if column in TIMES:
            return "time", dt.datetime.combine(dt.date(1899, 12, 31), dt.time.fromisoformat(text))
        if column in NUMBERS:
            return "number", float(Decimal(text))
    except (ValueError, ArithmeticError):
        pass
    return "text", text  # left as typed: the example month has mistakes to find


def main() -> None:
    with SOURCE.open(encoding="utf-8", newline="") as source:
        header, *rows = list(csv.reader(source))
    book = xlsxwriter.Workbook(str(TARGET), {"strings_to_formulas": False,
                                             "strings_to_numbers": False,
                                             "strings_to_urls": False})
    # the same bytes on every run: no creation time of today in the file
    book.set_properties({"created": dt.datetime(2023, 4, 1)})
    formats = {"date": book.add_format({"num_format": "dd.mm.yyyy"}),  # shown as in Norway
               "time": book.add_format({"num_format": "hh:mm"}),
               "number": book.add_format({"num_format": "#,##0.00"}),
               "text": None}
    sheet = book.add_worksheet(SHEET)
    sheet.write_string(0, 0, TITLE, book.add_format({"bold": True, "font_size": 14}))
    bold = book.add_format({"bold": True})
    for column, name in enumerate(header):
        sheet.write_string(2, column, name, bold)
    for row, cells in enumerate(rows, start=3):
        for column, (name, text) in enumerate(zip(header, cells, strict=True)):
            if text == "":
                continue
            kind, value = typed(name, text)
            if kind in ("date", "time"):
                sheet.write_datetime(row, column, value, formats[kind])
            elif kind == "number":
                sheet.write_number(row, column, value, formats[kind])
            else:
                sheet.write_string(row, column, value)
    sheet.freeze_panes(3, 0)
    sheet.set_column(0, len(header) - 1, 14)
    book.close()
    print(f"wrote {TARGET.relative_to(HERE.parent)} ({len(rows)} claims)")


if __name__ == "__main__":
    main()
