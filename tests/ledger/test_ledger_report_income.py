"""`honorar ledger report`: income is taxable pay (fees, lost income, the travel paid above
the tax-free rates on the payment date), and a person is reportable in the a-melding when
their pay in the year is over the threshold of 1 000 kr."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from ..ledger_helpers import as_json, record_paid, run, write_claims

HEADER = ("claim_id,representative,representative_id,scheme,date,start,end,attendance,"
          "claimed_honorarium,lost_income,lost_income_documented,gift,km,travel_hours,nights,"
          "nights_without_receipt,expenses,expenses_documented")


def write(directory: Path, name: str, *rows: str) -> Path:
    return write_claims(directory, name, HEADER, *rows)


def record(ledger: Path, file: Path, paid_on: str) -> None:
    record_paid(ledger, file, paid_on, "--accept-findings")


def rows(ledger: Path, year: str, *args: str) -> dict[str, dict]:
    data = as_json(run("ledger", "report", "--ledger", str(ledger), "--year", year,
                       "--format", "json", *args))
    return {r["key"]: r for r in data["rows"]}


def test_taxable_travel_excess_makes_a_person_reportable(tmp_path: Path, ledger: Path):
    record(ledger, write(
        tmp_path, "mars.csv",
        # 2 h at UNN = 784; 100 km = 490 of which 140 taxable: 924, not over 1 000
        "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,,,,100,,,,,",
        # 2 h = 784; 200 km = 980 of which 280 taxable: 1 064, over 1 000
        "B-1,Bjørn Dahl,12,unn,2024-03-02,09:00,11:00,fysisk,784,,,,200,,,,,",
        # 2 h = 784 and a ticket of 900 refunded: 784, not income the refund
        "C-1,Cecilie Eng,13,unn,2024-03-02,09:00,11:00,fysisk,784,,,,,,,,900,ja"),
        "2024-03-20")
    found = rows(ledger, "2024")
    assert [(k, r["income"], r["tax_free"], r["reportable"]) for k, r in found.items()] == [
        ("Anne Berg", "924.00", "350.00", False),
        ("Bjørn Dahl", "1064.00", "700.00", True),
        ("Cecilie Eng", "784.00", "0.00", False)]
    assert found["Bjørn Dahl"]["in_g"] == str((Decimal("1064") / 124028).quantize(
        Decimal("0.0001")))
    data = as_json(run("ledger", "report", "--ledger", str(ledger), "--year", "2024",
                       "--format", "json"))
    assert (data["reporting_threshold"], data["income"]) == ("1000.00", "2772.00")


def test_exactly_the_threshold_is_not_reportable(tmp_path: Path, ledger: Path):
    # 2 h = 784, and 216 of lost income: 1 000.00 exactly
    record(ledger, write(tmp_path, "mars.csv",
                         "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,216,ja,,,,,,,",
                         "B-1,Bjørn Dahl,12,unn,2024-03-02,09:00,11:00,fysisk,784,216.01,ja,,,,,,,"),
           "2024-03-20")
    found = rows(ledger, "2024")
    assert [(r["income"], r["reportable"]) for r in found.values()] == [
        ("1000.00", False), ("1000.01", True)]


def test_the_payment_date_decides_the_split(tmp_path: Path, ledger: Path):
    # December 2023, 24 h with a hotel night: 872 kost; 100 km at 4.48 = 448; paid in
    # January 2024: 2024's rates, 658 for the night's kost and 3.50 a km
    record(ledger, write(tmp_path, "des.csv",
                         "D-1,Anne Berg,11,unn,2023-12-12,09:00,11:00,fysisk,784,,,,100,24,1,,,"),
           "2024-01-10")
    row = rows(ledger, "2024")["Anne Berg"]
    # 784 + (448 − 350) + (872 − 658) = 1 096
    assert (row["income"], row["tax_free"]) == ("1096.00", "1008.00")
    assert rows(ledger, "2023") == {}


def test_claims_without_parts_count_fee_and_lost_income_only(tmp_path: Path, ledger: Path):
    record(ledger, write(tmp_path, "mars.csv",
                         "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,,,,100,,,,,"),
           "2024-03-20")
    with sqlite3.connect(ledger) as connection:
        connection.execute("UPDATE claim SET paid_parts = NULL")
    data = as_json(run("ledger", "report", "--ledger", str(ledger), "--year", "2024",
                       "--format", "json"))
    row = data["rows"][0]
    assert (row["income"], row["unsplit"], row["tax_free"]) == ("784.00", "490.00", "0.00")
    assert (data["unsplit_travel"], data["unsplit_claims"]) == ("490.00", 1)
    table = run("ledger", "report", "--ledger", str(ledger), "--year", "2024", "--lang", "en")
    assert "1 claim has travel that cannot be split" in table.stdout


def test_a_year_without_a_tax_free_table(tmp_path: Path, ledger: Path):
    record(ledger, write(tmp_path, "jan.csv",
                         "A-1,Anne Berg,11,unn,2025-12-02,09:00,11:00,fysisk,784,,,,100,,,,,"),
           "2026-01-15")
    data = as_json(run("ledger", "report", "--ledger", str(ledger), "--year", "2026",
                       "--format", "json"))
    row = data["rows"][0]
    assert (row["income"], row["unsplit"], row["reportable"]) == ("784.00", "500.00", None)
    assert data["reporting_threshold"] is None


def test_by_month_has_income_but_no_reportable(tmp_path: Path, ledger: Path):
    record(ledger, write(tmp_path, "mars.csv",
                         "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,,,,100,,,,,"),
           "2024-03-20")
    row = rows(ledger, "2024", "--by", "month")["2024-03"]
    assert (row["income"], row["reportable"]) == ("924.00", None)


def test_the_workbook_has_the_same_columns(tmp_path: Path, ledger: Path):
    record(ledger, write(tmp_path, "mars.csv",
                         "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,,,,200,,,,,"),
           "2024-03-20")
    book = tmp_path / "r.xlsx"
    result = run("ledger", "report", "--ledger", str(ledger), "--year", "2024", "--format",
                 "xlsx", "--output", str(book), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python()
    assert sheet[0][4] == "Income" and sheet[0][9] == "Reported"
    assert sheet[1][4] == 1064 and sheet[1][7] == 700 and sheet[1][9] == "yes"


def test_paid_parts_that_cannot_be_read_are_said_in_the_readers_language(tmp_path: Path,
                                                                         ledger: Path):
    record(ledger, write(tmp_path, "mars.csv",
                         "A-1,Anne Berg,11,unn,2024-03-02,09:00,11:00,fysisk,784,,,,100,,,,,"),
           "2024-03-20")
    with sqlite3.connect(ledger) as connection:
        connection.execute("UPDATE claim SET paid_parts = '{\"v\": 1, \"parts\": 7}'")
    result = run("ledger", "report", "--ledger", str(ledger), "--year", "2024")
    assert result.exit_code == 2, result.stderr
    assert "et krav utbetalt 20.03.2024: de betalte delene registeret har lagret, kan ikke " \
           "leses" in result.stderr, result.stderr
    result = run("ledger", "report", "--ledger", str(ledger), "--year", "2024", "--lang", "nn")
    assert "eit krav utbetalt 20.03.2024: dei betalte delane" in result.stderr, result.stderr
