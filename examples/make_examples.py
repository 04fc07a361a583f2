"""Make the guide's example workbooks: two months of claims as a hospital's finance office
keeps them in Excel.

    python examples/make_examples.py

writes examples/krav-mars-2025.xlsx and examples/krav-april-2025.xlsx, the same bytes on
every run. The guide (docs/) audits them, records them in a ledger and prices a new rate
table against them; its tests run every command it shows on copies of these files.

What the sheets hold, as colleagues make them: a title merged over the columns, a blank row,
Norwegian headers as people write them (`Fra kl.`, `Honorar (kr)`, `Ansattnr.`), dates and
times as date and time cells, most amounts as numbers but a few typed as text with a decimal
comma, a blank row between the groups, a hidden row and a total row (`Sum`) with formulas
(their values stored, as Excel stores them).

March has mistakes for the audit to find (a fee claimed too high, travel to a Teams
meeting, an undocumented lost income, a missing agreement, a hidden row); April is ready
for the ledger, but for one claim that repeats a meeting paid in March.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

HERE = Path(__file__).resolve().parent

HEADERS = ("Bilagsnr.", "Navn", "Ansattnr.", "Ordning", "Arbeidsgruppe", "Dato", "Fra kl.",
           "Til kl.", "Oppmøte", "Aktivitet", "Avtale", "Honorar (kr)", "Tapt arbeidsinntekt",
           "Dokumentert", "Kilometer", "Reisetid", "Måltider", "Reise (kr)", "Innsendt")
AMOUNTS = ("Honorar (kr)", "Tapt arbeidsinntekt", "Reise (kr)")  # summed in the total row

HJERTE = "Pasientforløp hjerte"
RUS = "Rus og psykisk helse"
KARMOY = "Brukerråd Karmøy"

# One claim a row: (claim id, name, employee number, scheme, group, date, from, to,
# attendance, activity, agreement, fee, lost income, documented, km, travel hours, meals,
# travel, submitted). A str amount is typed as text, as some people do; None is a blank cell.
MARCH = (
    ("B-2503-01", "Kari Nordmann", 10234, "unn", HJERTE, "04.03.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1176, None, None, 84, "6,5", "lunsj", 688.80, "10.03.2025"),
    ("B-2503-02", "Ola Hansen", 10377, "unn", HJERTE, "04.03.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1960, None, None, 40, 4, None, 200.00, "10.03.2025"),
    ("B-2503-03", "Aisha Khan", 10412, "unn", HJERTE, "04.03.2025", "09:00", "12:00",
     "fysisk", "møte", None, "1 176,00", "1 200,00", "ja", None, None, None, None,
     "11.03.2025"),
    ("B-2503-04", "Kari Nordmann", 10234, "unn", HJERTE, "12.03.2025", "09:00", "15:30",
     "fysisk", "heldag", None, 1960, None, None, 84, 8, "lunsj", 688.80, "17.03.2025"),
    ("B-2503-05", "Ingrid Berg", 10701, "unn", HJERTE, "12.03.2025", "09:00", "15:30",
     "fysisk", "heldag", None, 1960, 1500, "nei", 22, 7, "lunsj", 110.00, "17.03.2025"),
    ("B-2503-06", "Aisha Khan", 10412, "unn", HJERTE, "18.03.2025", "12:00", "13:30",
     "fysisk", "undervisning", None, 980, None, None, None, None, None, None, "20.03.2025"),
    None,  # a blank row between the groups
    ("B-2503-07", "Per Olsen", 10555, "unn", RUS, "06.03.2025", "13:00", "15:30", "teams",
     "møte", None, 392, None, None, None, None, None, None, "07.03.2025"),
    ("B-2503-08", "Liv Johansen", 10618, "unn", RUS, "06.03.2025", "13:00", "15:30", "teams",
     "møte", None, 392, None, None, None, None, None, None, "07.03.2025"),
    ("B-2503-09", "Per Olsen", 10555, "unn", RUS, "20.03.2025", "10:00", "13:00", "teams",
     "møte", None, 980, None, None, 60, 5, None, 210.00, "24.03.2025"),
    ("B-2503-10", "Liv Johansen", 10618, "unn", RUS, "20.03.2025", "10:00", "13:00",
     "teams", "møte", None, 980, None, None, None, None, None, None, "24.03.2025"),
    ("B-2503-11", "Per Olsen", 10555, "unn", RUS, "27.03.2025", "10:00", "12:00",
     "fysisk", "møte", None, 784, None, None, None, None, None, None, "31.03.2025"),
    "hidden",  # the next claim is on a row hidden by hand
    ("B-2503-12", "Liv Johansen", 10618, "unn", RUS, "27.03.2025", "10:00", "12:00",
     "fysisk", "møte", None, 784, None, None, None, None, None, None, "31.03.2025"),
    None,
    ("B-2503-13", "Tor Eriksen", 20031, "fousam", KARMOY, "13.03.2025", "18:00", "20:00",
     "fysisk", "møte", "ja", 850, None, None, None, None, None, None, "14.03.2025"),
    ("B-2503-14", "Solveig Lie", 20047, "fousam", KARMOY, "13.03.2025", "18:00", "20:00",
     "fysisk", "møte", None, 850, None, None, None, None, None, None, "14.03.2025"),
)

APRIL = (
    ("B-2504-01", "Kari Nordmann", 10234, "unn", HJERTE, "08.04.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1176, None, None, 84, "6,5", "lunsj", 688.80, "14.04.2025"),
    ("B-2504-02", "Ola Hansen", 10377, "unn", HJERTE, "08.04.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1176, None, None, 40, 4, None, 200.00, "14.04.2025"),
    ("B-2504-03", "Aisha Khan", 10412, "unn", HJERTE, "08.04.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1176, "1 200,00", "ja", None, None, None, None, "15.04.2025"),
    # the meeting of 4 March again, claimed once more in April
    ("B-2504-04", "Ola Hansen", 10377, "unn", HJERTE, "04.03.2025", "09:00", "12:00",
     "fysisk", "møte", None, 1176, None, None, 40, 4, None, 200.00, "14.04.2025"),
    None,
    ("B-2504-05", "Per Olsen", 10555, "unn", RUS, "03.04.2025", "13:00", "15:30", "teams",
     "møte", None, 392, None, None, None, None, None, None, "04.04.2025"),
    ("B-2504-06", "Liv Johansen", 10618, "unn", RUS, "03.04.2025", "13:00", "15:30", "teams",
     "møte", None, 392, None, None, None, None, None, None, "04.04.2025"),
    None,
    ("B-2504-07", "Tor Eriksen", 20031, "fousam", KARMOY, "10.04.2025", "18:00", "20:00",
     "fysisk", "møte", "ja", 850, None, None, None, None, None, None, "11.04.2025"),
    ("B-2504-08", "Solveig Lie", 20047, "fousam", KARMOY, "10.04.2025", "18:00", "20:00",
     "fysisk", "møte", "ja", 850, None, None, None, None, None, None, "11.04.2025"),
)


def _date(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d.%m.%Y")


def _time(text: str) -> dt.datetime:
    return dt.datetime.combine(dt.date(1899, 12, 31), dt.time.fromisoformat(text))


def write_month(target: Path, sheet_name: str, title: str, claims: tuple) -> int:
    """The month's claims on one sheet of `target`; the number of claims written."""
    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False,
                                             "strings_to_numbers": False,
                                             "strings_to_urls": False})
    book.set_properties({"created": dt.datetime(2025, 4, 1)})  # no clock in the bytes
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    time = book.add_format({"num_format": "hh:mm"})
    money = book.add_format({"num_format": "#,##0.00"})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                            "bottom": 1})
    total = book.add_format({"bold": True, "num_format": "#,##0.00", "top": 1})
    sheet = book.add_worksheet(sheet_name)
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, title,
                      book.add_format({"bold": True, "font_size": 14}))
    for column, name in enumerate(HEADERS):
        sheet.write_string(2, column, name, bold)
    row = 3
    hide_next = False
    sums = {name: 0.0 for name in AMOUNTS}
    count = 0
    for claim in claims:
        if claim == "hidden":
            hide_next = True
            continue
        if claim is None:
            row += 1
            continue
        count += 1
        for column, (name, value) in enumerate(zip(HEADERS, claim, strict=True)):
            if value is None:
                continue
            if name in ("Dato", "Innsendt"):
                sheet.write_datetime(row, column, _date(value), date)
            elif name in ("Fra kl.", "Til kl."):
                sheet.write_datetime(row, column, _time(value), time)
            elif isinstance(value, str):
                sheet.write_string(row, column, value)
                if name in AMOUNTS:
                    sums[name] += float(value.replace(" ", "").replace(",", "."))
            else:
                sheet.write_number(row, column, value, money if name in AMOUNTS else None)
                if name in AMOUNTS:
                    sums[name] += value
        if hide_next:
            sheet.set_row(row, None, None, {"hidden": True})
            hide_next = False
        row += 1
    sheet.write_string(row, 1, "Sum", total)
    for name in AMOUNTS:
        column = HEADERS.index(name)
        letter = xl_col_to_name(column)
        sheet.write_formula(row, column, f"=SUM({letter}4:{letter}{row})", total, sums[name])
    sheet.freeze_panes(3, 2)
    sheet.set_column(0, len(HEADERS) - 1, 12)
    sheet.set_column(1, 1, 15)
    sheet.set_column(4, 4, 20)
    sheet.set_row(2, 30)
    book.close()
    return count


def main() -> None:
    for name, sheet, title, claims in (
            ("krav-mars-2025.xlsx", "Mars 2025",
             "Honorarkrav fra brukerrepresentanter – mars 2025", MARCH),
            ("krav-april-2025.xlsx", "April 2025",
             "Honorarkrav fra brukerrepresentanter – april 2025", APRIL)):
        count = write_month(HERE / name, sheet, title, claims)
        print(f"wrote examples/{name} ({count} claims)")


if __name__ == "__main__":
    main()
