"""Makes the sample workbooks of tests/data/workbooks, as a colleague's October sheet: a
group merged over three rows, a name merged over two meetings, a hidden row, an error cell
and a total row labelled 'Sum oktober'. It is written with openpyxl, then saved by
LibreOffice as .xlsx, .ods and .xls (`soffice --headless --convert-to …`), which stores the
formulas' values as a spreadsheet program does; the tests need no LibreOffice. Run from
this folder: python make_samples.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent


def october(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Oktober"
    sheet.append(["Honorarkrav oktober 2022"])
    sheet.append(["Krav-ID", "Navn", "Gruppe", "Ordning", "Dato", "Møteform", "Timer",
                  "Honorar"])
    rows = [
        ["K1", "Kari Nordmann", "Arbeidsgruppe A", "unn", dt.date(2022, 10, 6), "Fremmøte",
         3, 1176],
        ["K2", "Ola Hansen", None, "unn", dt.date(2022, 10, 6), "fremmøte", 3, 1176],
        ["K3", "Per Olsen", None, "unn", dt.date(2022, 10, 6), "fremmøte", 3, 1176],
        ["K4", "Liv Berg", "Brukerråd", "unn", dt.date(2022, 10, 7), "Telefonmøte", 2, 392],
        ["K5", None, "Brukerråd", "unn", dt.date(2022, 10, 14), "Teams-møte", 2, 392],
        ["K6", "Nils Vik", "Brukerråd", "unn", dt.date(2022, 10, 14), "telefon", 2, 392],
        ["K7", "Eva Lund", "Brukerråd", "unn", dt.date(2022, 10, 14), "telefon", 2, "=NA()"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.append([None, "Sum oktober", None, None, None, None, None, "=SUM(H3:H8)"])
    sheet.merge_cells("C3:C5")  # one group, three rows
    sheet.merge_cells("B6:B7")  # one name, two meetings
    sheet.row_dimensions[8].hidden = True  # K6
    for row in range(3, 10):
        sheet.cell(row, 5).number_format = "dd.mm.yyyy"
    book.save(path)


def dates_1904(path: Path) -> None:
    """A workbook in the 1904 date system, its submission date a bare serial."""
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Krav"
    sheet.append(["Krav-ID", "Navn", "Ordning", "Dato", "Oppmøte", "Timer", "Honorar",
                  "Innsendt"])
    sheet.append(["K1", "Kari Nordmann", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176,
                  (dt.date(2022, 3, 20) - dt.date(1904, 1, 1)).days])
    sheet["D2"].number_format = "dd.mm.yyyy"
    book.save(path)


def far_value(path: Path) -> None:
    """A claim, and one value in the last cell an .xls sheet has (IV65536)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Krav"
    sheet.append(["Krav-ID", "Navn", "Ordning", "Dato", "Oppmøte", "Timer", "Honorar"])
    sheet.append(["K1", "Kari Nordmann", "unn", dt.date(2022, 3, 15), "fysisk", 3, 1176])
    sheet["D2"].number_format = "dd.mm.yyyy"
    sheet["IV65536"] = 1
    book.save(path)


def saved_by_libreoffice(made: Path, kind: str, name: str) -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", folder,
                        str(made)], check=True, capture_output=True)
        shutil.copy(Path(folder) / f"{made.stem}.{kind}", HERE / name)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / "oktober-openpyxl.xlsx"
        october(made)
        for kind in ("xlsx", "ods", "xls"):
            saved_by_libreoffice(made, kind, f"oktober.{kind}")
        made = Path(folder) / "dates-1904-openpyxl.xlsx"
        dates_1904(made)
        saved_by_libreoffice(made, "xlsx", "dates-1904.xlsx")
        saved_by_libreoffice(made, "xls", "dates-1904.xls")
        made = Path(folder) / "far-value-openpyxl.xlsx"
        far_value(made)
        saved_by_libreoffice(made, "xls", "far-value.xls")
