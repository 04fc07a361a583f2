"""`honorar ledger payroll --batch NAME`: a paid batch as payroll lines in every format, the
tax-free table of the payment date, wage types, and batches it refuses."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from ..ledger_helpers import as_json, one_line_error, record_paid, run, write_claims

HEADER = ("claim_id,representative,representative_id,scheme,date,start,end,attendance,"
          "claimed_honorarium,lost_income,lost_income_documented,gift,km,passenger_km,vehicle,"
          "travel_hours,nights,nights_without_receipt,meals_provided,expenses,"
          "expenses_documented,trailer_km,forest_road_km")
ROWS = [
    # a fee and 100 km by car
    "T-1,Kari Nordmann,1001,unn,2024-03-02,09:00,12:00,fysisk,1176,,,,100,,,,,,,,,,",
    # a day trip of 8 h with lunch, a passenger, a trailer and a forest road, a ticket refunded
    "T-2,Ola Hansen,1002,unn,2024-03-02,09:00,12:00,fysisk,1176,,,,200,200,,8,,,lunsj,350,ja,"
    "20,10",
    # lost income, and a night away without a hotel receipt (30 h)
    "T-3,Eva Lie,1003,unn,2024-03-02,09:00,12:00,fysisk,1176,2000,ja,,300,,,30,1,1,frokost,,,,",
]


def write(directory: Path, name: str, *rows: str, header: str = HEADER) -> Path:
    return write_claims(directory, name, header, *rows)


def record(ledger: Path, file: Path, paid_on: str) -> None:
    record_paid(ledger, file, paid_on, "--accept-findings")


def payroll(ledger: Path, batch: str, *args: str):
    return run("ledger", "payroll", "--batch", batch, "--ledger", str(ledger), *args)


@pytest.fixture
def march(tmp_path: Path, ledger: Path) -> Path:
    record(ledger, write(tmp_path, "mars.csv", *ROWS), "2024-03-20")
    return ledger


def lines(data: dict) -> list[tuple]:
    return [(li["claim_id"], li["description"], li["kind"], li["withholding"], li["quantity"],
             li["amount"]) for li in data["lines"]]


def test_json_lines_hand_computed(march: Path):
    data = as_json(payroll(march, "mars", "--format", "json"))
    assert data["tax_free_table"] == "tax-free@2024-01-01"
    assert lines(data) == [
        ("T-1", "styrehonorarOgGodtgjoerelseVerv", "pay", True, None, "1176.00"),
        ("T-1", "kilometergodtgjoerelseBil", "tax_free", False, "100", "350.00"),  # 100 × 3.50
        ("T-1", "kilometergodtgjoerelseBil", "taxable", True, None, "140.00"),  # 490 − 350
        ("T-2", "styrehonorarOgGodtgjoerelseVerv", "pay", True, None, "1176.00"),
        ("T-2", "kilometergodtgjoerelseBil", "tax_free", False, "200", "700.00"),
        ("T-2", "kilometergodtgjoerelseBil", "taxable", True, None, "280.00"),
        # trailer 20 km and forest road 10 km: one line of the description, the km summed
        ("T-2", "kilometergodtgjoerelseAndreFremkomstmidler", "tax_free", False, "30", "30.00"),
        ("T-2", "kilometergodtgjoerelsePassasjertillegg", "tax_free", False, "200", "200.00"),
        # 369 less lunch 30 % = 258.30 against 200 less 30 % = 140
        ("T-2", "reiseKostUtenOvernatting", "tax_free", False, "1", "140.00"),
        ("T-2", "reiseKost", "taxable", True, None, "118.30"),
        ("T-2", None, "refund", False, None, "350.00"),
        ("T-3", "styrehonorarOgGodtgjoerelseVerv", "pay", True, None, "3176.00"),  # + lost income
        ("T-3", "kilometergodtgjoerelseBil", "tax_free", False, "300", "1050.00"),
        ("T-3", "kilometergodtgjoerelseBil", "taxable", True, None, "420.00"),
        # 940 + 369 (the 6 h past 24) against 658 at a hotel + 200
        ("T-3", "reiseKostMedOvernattingPaaHotell", "tax_free", False, "2", "858.00"),
        ("T-3", "reiseKost", "taxable", True, None, "451.00"),
        ("T-3", "reiseNattillegg", "tax_free", False, "1", "435.00")]
    first = data["lines"][2]
    assert first["employee_number"] == "1001" and first["benefit"] == "utgiftsgodtgjoerelse"
    assert first["employer_contribution"] is True and first["unit"] is None
    assert data["lines"][1]["quantity"] == "100"  # the km go with the tax-free line
    assert any("Dersom du utbetaler over trekkfri sats" in (s["source"] or "")
               for s in first["steps"])
    totals = {(t["description"], t["withholding"]): t["amount"] for t in data["totals"]}
    assert totals[("kilometergodtgjoerelseBil", True)] == "840.00"
    assert totals[("styrehonorarOgGodtgjoerelseVerv", True)] == "5528.00"
    assert totals[(None, False)] == "350.00"
    assert data["total"] == "11050.30" and data["needs_person"] == 0


def test_nynorsk_lines_give_their_reasons_and_sources_in_nynorsk(march: Path):
    """Numbers, dates, labels and the tables' sources are the reader's language: nynorsk is
    not bokmål's forms borrowed."""
    nn = as_json(payroll(march, "mars", "--format", "json", "--lang", "nn"))
    nb = as_json(payroll(march, "mars", "--format", "json"))
    sources = {step["source"] for line in nn["lines"] for step in line["steps"] if step["source"]}
    assert any("Føresetnad" in source for source in sources), sources
    assert not any("Antakelse" in source or "Forutsetning" in source for source in sources)
    assert lines(nn) == lines(nb)


def test_the_lines_of_each_claim_add_up_to_what_the_ledger_paid(march: Path):
    data = as_json(payroll(march, "mars", "--format", "json"))
    shown = as_json(run("ledger", "show", "mars", "--ledger", str(march), "--format", "json"))
    summed: dict[str, Decimal] = defaultdict(Decimal)
    for line in data["lines"]:
        summed[line["claim_id"]] += Decimal(line["amount"])
    assert summed == {c["claim_id"]: Decimal(c["paid"]["total"]) for c in shown["claims"]}
    assert sum(Decimal(t["amount"]) for t in data["totals"]) == Decimal(data["total"])


def test_csv_is_semicolons_with_a_decimal_point(march: Path):
    result = payroll(march, "mars", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    assert list(rows[0]) == ["batch", "paid_on", "row", "claim_id", "employee_number", "name",
                             "meeting_date", "part", "kind", "description", "benefit",
                             "withholding", "employer_contribution", "quantity", "unit",
                             "amount", "wage_type"]
    assert rows[2] == {"batch": "mars", "paid_on": "2024-03-20", "row": "2", "claim_id": "T-1",
                       "employee_number": "1001", "name": "Kari Nordmann",
                       "meeting_date": "2024-03-02", "part": "km", "kind": "taxable",
                       "description": "kilometergodtgjoerelseBil",
                       "benefit": "utgiftsgodtgjoerelse", "withholding": "yes",
                       "employer_contribution": "yes", "quantity": "", "unit": "",
                       "amount": "140.00", "wage_type": ""}
    assert len(rows) == 17
    assert next(row["part"] for row in rows if row["claim_id"] == "T-3") == "fee+lost_income"


def test_table_shows_lines_and_totals(march: Path):
    result = run("ledger", "payroll", "--batch", "mars", "--ledger", str(march), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Payroll for batch mars, paid 2024-03-20: 3 claims, NOK 11,050.30" in out
    assert "Totals per description" in out and "reiseKostMedOvernattingPaaHotell" in out
    assert "refund (not income)" in out and "tax-free@2024-01-01" in out


def test_workbook(tmp_path: Path, march: Path):
    book = tmp_path / "lønn.xlsx"
    result = payroll(march, "mars", "--format", "xlsx", "--output", str(book), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(book))
    sheet = workbook.get_sheet_by_index(0).to_python()
    assert sheet[0][:5] == ["Employee no.", "Name", "Claim", "Meeting date",
                            "Description (a-melding)"]
    assert sheet[3][4] == "kilometergodtgjoerelseBil" and sheet[3][10] == 140
    totals = workbook.get_sheet_by_index(1).to_python()
    assert totals[-1][0] == "Total" and totals[-1][6] == pytest.approx(11050.30)
    one_line_error(payroll(march, "mars", "--format", "xlsx"), 2)


def test_wage_types_fill_the_column(tmp_path: Path, march: Path):
    types = tmp_path / "lønnsarter.yaml"
    types.write_text("styrehonorarOgGodtgjoerelseVerv: 1150\n"
                     "kilometergodtgjoerelseBil: {tax_free: '7100', taxable: '7101'}\n"
                     "refund: R1\n", encoding="utf-8")
    data = as_json(payroll(march, "mars", "--format", "json", "--wage-types", str(types)))
    assert [(li["description"], li["kind"], li["wage_type"]) for li in data["lines"][:3]] == [
        ("styrehonorarOgGodtgjoerelseVerv", "pay", "1150"),
        ("kilometergodtgjoerelseBil", "tax_free", "7100"),
        ("kilometergodtgjoerelseBil", "taxable", "7101")]
    assert data["lines"][7]["wage_type"] is None  # no wage type given for it
    refund = next(li for li in data["lines"] if li["kind"] == "refund")
    assert refund["wage_type"] == "R1"
    totals = {(t["description"], t["withholding"]): t["wage_type"] for t in data["totals"]}
    assert totals[("kilometergodtgjoerelseBil", True)] == "7101"
    table = payroll(march, "mars", "--wage-types", str(types), "--lang", "en")
    assert "Wage type" in table.stdout and "7101" in table.stdout


@pytest.mark.parametrize(("text", "words"), [
    ("kilometergodtgjoerelseBill: 7100\n", "kilometergodtgjoerelseBill"),
    ("kilometergodtgjoerelseBil: {free: 1}\n", "tax_free"),
    ("kilometergodtgjoerelseBil: [1, 2]\n", "wage type"),
    ("- 7100\n", "mapping"),
    ("kilometergodtgjoerelseBil: [\n", "--wage-types"),
    ("", "give a mapping"),
])
def test_a_bad_wage_types_file_is_one_line_and_exit_2(tmp_path: Path, march: Path, text, words):
    types = tmp_path / "w.yaml"
    types.write_text(text, encoding="utf-8")
    message = one_line_error(payroll(march, "mars", "--wage-types", str(types), "--lang", "en"),
                             2)
    assert words in message


def test_a_missing_wage_types_file_is_exit_2(tmp_path: Path, march: Path):
    one_line_error(payroll(march, "mars", "--wage-types", str(tmp_path / "nope.yaml")), 2)


@pytest.mark.parametrize(("paid_on", "file"), [("2026-01-15", "rates/tax-free/2026-01-01.yaml"),
                                               ("2021-11-30", "rates/tax-free/2021-01-01.yaml")])
def test_a_payment_year_without_a_tax_free_table_is_refused(tmp_path: Path, ledger: Path,
                                                            paid_on, file):
    record(ledger, write(tmp_path, "late.csv", ROWS[0].replace("2024-03-02", "2021-11-02")),
           paid_on)
    message = one_line_error(payroll(ledger, "late", "--lang", "en"), 2)
    assert file in message and "late" in message


def test_an_unknown_batch_and_bad_options_are_exit_2(march: Path):
    one_line_error(payroll(march, "nope"), 2)
    one_line_error(payroll(march, "mars", "--format", "pdf"), 2)
    one_line_error(payroll(march, "mars", "--lodging", "telt"), 2)
    one_line_error(payroll(march, "mars", "--output", "x.json"), 2)


def test_paid_in_january_for_decembers_meeting_the_payment_date_decides(tmp_path: Path,
                                                                        ledger: Path):
    # December 2023: 24 h away with a hotel night: 2023's 872 for 24 h; paid 2024-01-10
    row = "D-1,Kari Nordmann,1001,unn,2023-12-12,09:00,12:00,fysisk,1176,,,,100,,,24,1,,,,,,"
    record(ledger, write(tmp_path, "desember.csv", row), "2024-01-10")
    data = as_json(payroll(ledger, "desember", "--format", "json"))
    assert data["tax_free_table"] == "tax-free@2024-01-01"
    assert lines(data)[1:] == [
        ("D-1", "kilometergodtgjoerelseBil", "tax_free", False, "100", "350.00"),
        ("D-1", "kilometergodtgjoerelseBil", "taxable", True, None, "98.00"),  # 448 − 350
        ("D-1", "reiseKostMedOvernattingPaaHotell", "tax_free", False, "1", "658.00"),
        ("D-1", "reiseKost", "taxable", True, None, "214.00")]  # 872 − 658, not 872 − 634


@pytest.mark.parametrize(("paid_on", "free"), [("2023-08-31", "177.00"), ("2023-09-01", "250.00")])
def test_lodging_and_the_change_on_1_september_2023(tmp_path: Path, ledger: Path, paid_on, free):
    row = "P-1,Kari Nordmann,1001,unn,2023-08-10,09:00,12:00,fysisk,1176,,,,100,,,24,1,,,,,,"
    record(ledger, write(tmp_path, "aug.csv", row), paid_on)
    data = as_json(payroll(ledger, "aug", "--format", "json", "--lodging", "hybel-uten-kok"))
    kost = [li for li in data["lines"] if li["part"] == "kost"]
    assert [(li["description"], li["amount"]) for li in kost] == [
        ("reiseKostMedOvernattingPaaHybelUtenKokEllerPensjonatEllerBrakke", free),
        ("reiseKost", str(Decimal("872.00") - Decimal(free)))]
    assert data["lodging"] == "pensjonat"


def test_claims_recorded_before_the_ledger_kept_parts(march: Path):
    with sqlite3.connect(march) as connection:
        connection.execute("UPDATE claim SET paid_parts = NULL WHERE claim_id IN ('T-1', 'T-2')")
    result = payroll(march, "mars", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["unsplit_claims"] == ["T-1", "T-2"] and data["needs_person"] == 2
    first = [(li["kind"], li["description"], li["amount"]) for li in data["lines"]
             if li["claim_id"] == "T-1"]
    assert first == [("pay", "styrehonorarOgGodtgjoerelseVerv", "1176.00"),
                     ("unsplit", None, "490.00")]
    table = payroll(march, "mars", "--lang", "en")
    assert table.exit_code == 1 and "2 lines are for a person to decide" in table.stdout


def test_table_shows_every_amount_whole_with_the_longest_descriptions(tmp_path: Path,
                                                                      ledger: Path):
    # a trailer and a passenger: the longest description and quantity of a line
    record(ledger, write(tmp_path, "lang.csv",
                         "L-1,Kari Nordmann,1001,unn,2024-03-02,09:00,12:00,fysisk,1176,,,,300,"
                         "600,,13,,,,,,50,"), "2024-03-20")
    result = payroll(ledger, "lang")  # written to a pipe: 120 characters wide
    assert result.exit_code == 0, result.stderr
    rows = [line.rstrip() for line in result.stdout.splitlines() if " L-1 " in line]
    # the fee; the km's tax-free 1 050 and taxable 420; the trailer's 50; the passenger's
    # 600; the kost's tax-free 400 and taxable 286, each on its own line, whole
    assert [row.rsplit("  ", 1)[-1].strip() for row in rows] == [
        amount.replace(" ", "\xa0") for amount in (
            "1 176,00 kr", "1 050,00 kr", "420,00 kr", "50,00 kr", "600,00 kr", "400,00 kr",
            "286,00 kr")]


@pytest.mark.parametrize(("text", "nb", "en"), [
    ("kilometergodtgjoerelseBill: 7100\n", "er ikke en beskrivelse i a-meldingen",
     "is not an a-melding description"),
    ("kilometergodtgjoerelseBil: {free: 1}\n", "gi én lønnsart", "give one wage type"),
    ("kilometergodtgjoerelseBil: [1, 2]\n", "en lønnsart er et tall", "a wage type is a number"),
    ("- 7100\n", "en fil med lønnsarter er en tabell", "a wage types file is a mapping"),
    ("", "filen er tom", "the file is empty"),
])
def test_a_bad_wage_types_file_is_told_in_the_users_language(tmp_path: Path, march: Path, text,
                                                             nb, en):
    types = tmp_path / "w.yaml"
    types.write_text(text, encoding="utf-8")
    said = one_line_error(payroll(march, "mars", "--wage-types", str(types)), 2)
    assert nb in said and en not in said, said
    said = one_line_error(payroll(march, "mars", "--wage-types", str(types), "--lang", "en"), 2)
    assert en in said and nb not in said, said


def test_a_refused_payment_date_is_written_as_the_language_writes_dates(tmp_path: Path,
                                                                        ledger: Path):
    record(ledger, write(tmp_path, "sent.csv", ROWS[0].replace("2024-03-02", "2025-12-02")),
           "2026-01-15")
    assert "utbetalt 15.01.2026" in one_line_error(payroll(ledger, "sent"), 2)
    assert "paid on 2026-01-15" in one_line_error(payroll(ledger, "sent", "--lang", "en"), 2)


def test_table_in_english_with_wage_types_shows_every_amount_and_wage_type(tmp_path: Path,
                                                                           ledger: Path):
    record(ledger, write(tmp_path, "lang.csv",
                         "L-1,Kari Nordmann,1001,unn,2024-03-02,09:00,12:00,fysisk,1176,,,,300,"
                         "600,,13,,,,,,50,"), "2024-03-20")
    types = tmp_path / "w.yaml"
    types.write_text("styrehonorarOgGodtgjoerelseVerv: 1150\n"
                     "kilometergodtgjoerelseBil: {tax_free: 7100, taxable: 7101}\n"
                     "kilometergodtgjoerelseAndreFremkomstmidler: 7110\n"
                     "kilometergodtgjoerelsePassasjertillegg: 7120\n"
                     "reiseKostUtenOvernatting: 7200\nreiseKost: 7201\n", encoding="utf-8")
    result = payroll(ledger, "lang", "--lang", "en", "--wage-types", str(types))
    assert result.exit_code == 0, result.stderr
    rows = [line.rstrip() for line in result.stdout.splitlines() if " L-1 " in line]
    assert [row.split()[-3:] for row in rows] == [
        ["NOK", amount, code] for amount, code in (
            ("1,176.00", "1150"), ("1,050.00", "7100"), ("420.00", "7101"), ("50.00", "7110"),
            ("600.00", "7120"), ("400.00", "7200"), ("286.00", "7201"))]


@pytest.mark.parametrize("parts", ['{"v": 99}', '{"v": 1, "parts": [{"part": "bonus", "ore": 1}]}',
                                   "not json"])
def test_paid_parts_the_ledger_cannot_read_are_said_in_words(march: Path, parts):
    with sqlite3.connect(march) as connection:
        connection.execute("UPDATE claim SET paid_parts = ?", (parts,))
    said = one_line_error(payroll(march, "mars"), 2)
    assert "de betalte delene registeret har lagret" in said and "paid parts" not in said, said
    assert "rad " in said and "{" not in said, said
    said = one_line_error(payroll(march, "mars", "--lang", "nn"), 2)
    assert "dei betalte delane registeret har lagra" in said, said
    said = one_line_error(payroll(march, "mars", "--lang", "en"), 2)
    assert "the paid parts the ledger keeps" in said, said


@pytest.mark.parametrize(("args", "nb", "en"), [
    (("--lodging", "telt"), "--lodging: telt er ikke et overnattingssted",
     "--lodging: telt is not a kind of lodging"),
    (("--output", "x.csv"), "--output brukes med --format json, csv eller xlsx",
     "--output goes with --format json, csv or xlsx"),
])
def test_a_bad_option_is_told_in_the_users_language(march: Path, tmp_path: Path, args, nb, en):
    args = tuple(str(tmp_path / a) if a.endswith(".csv") else a for a in args)
    said = one_line_error(payroll(march, "mars", *args), 2)
    assert nb in said, said
    said = one_line_error(payroll(march, "mars", *args, "--lang", "en"), 2)
    assert en in said, said


def test_a_refused_payment_date_is_one_sentence_in_the_readers_language(tmp_path: Path,
                                                                         ledger: Path):
    record(ledger, write(tmp_path, "sent.csv", ROWS[0].replace("2024-03-02", "2025-12-02")),
           "2026-01-15")
    nb = one_line_error(payroll(ledger, "sent"), 2)
    assert nb == ("honorar: feil: bunken sent er utbetalt 15.01.2026, og ingen tabell med "
                  "trekkfrie satser gjelder den dagen: legg til rates/tax-free/2026-01-01.yaml "
                  "(se docs/reference/rules.md, «Tax-free rates»)\n")
    en = one_line_error(payroll(ledger, "sent", "--lang", "en"), 2)
    assert en.startswith("honorar: error: batch sent was paid on 2026-01-15,") and "{" not in en


def test_a_bad_wage_types_file_is_one_sentence(tmp_path: Path, march: Path):
    types = tmp_path / "w.yaml"
    types.write_text("tull: 12\n", encoding="utf-8")
    said = one_line_error(payroll(march, "mars", "--wage-types", str(types)), 2)
    assert said.startswith("honorar: feil: --wage-types: ") and "{" not in said, said
