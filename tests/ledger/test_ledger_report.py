"""`honorar ledger report`: a year's payments, their totals against the audits they came
from, each person's total in G, and the flag above a limit."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

from honorar.ledger.grunnbelop import read_g
from honorar.ledger.year import Limit, read_limit

from ..ledger_helpers import MARCH, as_json, claims_file, one_line_error, record_paid, run

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

APRIL = [
    "A-1,Kari Nordmann,unn,Rus,2023-04-03,09:00,14:00,fysisk,møte,,1960,,,,2023-04-04",
    "A-2,Ola Hansen,fousam,Rus,2023-04-03,09:00,14:00,fysisk,møte,ja,1700,1500,ja,,2023-04-04",
    "A-3,Eva Lie,unn,,2023-04-05,09:00,10:00,telefon,møte,,392,,,,2023-04-06",
]


def record(ledger: Path, file: Path, paid_on: str, *extra: str) -> None:
    record_paid(ledger, file, paid_on, *extra)


def report(ledger: Path, *args: str) -> dict:
    return as_json(run("ledger", "report", "--ledger", str(ledger), "--format", "json", *args))


def test_report_totals_agree_with_the_audits_they_came_from(tmp_path: Path, ledger: Path):
    files = [(EXAMPLES / "claims.csv", "2023-04-01"),
             (claims_file(tmp_path, *MARCH, name="mars.csv"), "2023-04-20"),
             (claims_file(tmp_path, *APRIL, name="april.csv"), "2023-05-10")]
    expected: Counter = Counter()
    claims: Counter = Counter()
    for file, paid_on in files:
        # the audit against the ledger as it stands is what the record then keeps
        audit = as_json(run("audit", str(file), "--ledger", str(ledger), "--format", "json"))
        for claim in audit["claims"]:
            due = claim["due"] and claim["due"]["total"]
            if due and Decimal(due) > 0:
                person = " ".join(claim["representative"].casefold().split())
                expected[person] += Decimal(due)
                claims[person] += 1
        record(ledger, file, paid_on, "--accept-findings")
    data = report(ledger, "--year", "2023")
    got = {" ".join(r["key"].casefold().split()): Decimal(r["paid"]) for r in data["rows"]}
    assert got == dict(expected)
    assert {" ".join(r["key"].casefold().split()): r["claims"] for r in data["rows"]} == dict(claims)
    assert Decimal(data["total"]) == sum(expected.values())
    for by in ("month", "scheme", "group"):
        other = report(ledger, "--year", "2023", "--by", by)
        assert other["total"] == data["total"] and other["claims"] == data["claims"]
    months = {r["key"]: r["paid"] for r in report(ledger, "--year", "2023", "--by", "month")["rows"]}
    assert set(months) == {"2023-04", "2023-05"}
    assert months["2023-05"] == "5552.00"  # 1960 + (1700 + 1500 lost income) + 392


def test_each_person_in_g_with_the_g_of_1_may(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv"), "2024-02-01")
    data = report(ledger, "--year", "2024")
    assert data["g"] == "124028" and data["g_effective"] == "2024-05-01"
    assert "1 May" in data["assumption"]["text"] or "1. mai" in data["assumption"]["text"]
    kari = next(r for r in data["rows"] if r["key"] == "Kari Nordmann")
    assert kari["paid"] == "2656.00"  # 1176 + 980 + 500
    assert kari["in_g"] == str((Decimal("2656") / 124028).quantize(Decimal("0.0001")))
    assert report(ledger, "--year", "2023")["rows"] == []  # paid in 2024, not 2023


def test_flag_above_a_multiple_of_g_or_an_amount(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv"), "2023-06-01")
    # 0.02 G of 2023 = 2 372.40: Kari (2 656) is above, the others are not
    data = report(ledger, "--year", "2023", "--flag-above", "0,02 G")
    assert data["flag_above"] == "0.02G" and data["threshold"] == "2372.40"
    assert {r["key"]: r["flagged"] for r in data["rows"]} == {
        "Kari Nordmann": True, "Ola Hansen": False, "Per Olsen": False}
    data = report(ledger, "--year", "2023", "--flag-above", "1 176")
    assert {r["key"] for r in data["rows"] if r["flagged"]} == {"Kari Nordmann"}
    table = run("ledger", "report", "--ledger", str(ledger), "--year", "2023", "--flag-above",
                "0.02G", "--lang", "en")
    assert "Limit: above 0.02G = NOK 2,372.40; 1 above it" in table.stdout
    assert "G = NOK 118,620.00, in force from 2023-05-01" in table.stdout


def test_travel_within_the_tax_free_rates_is_not_income_the_excess_is(tmp_path: Path,
                                                                       ledger: Path):
    file = tmp_path / "travel.csv"
    file.write_text("claim_id,representative,scheme,date,start,end,attendance,"
                    "claimed_honorarium,km,travel_claimed\n"
                    "T-1,Kari Nordmann,unn,2024-03-02,09:00,12:00,fysisk,1176,100,490\n")
    record(ledger, file, "2024-03-20")
    row = report(ledger, "--year", "2024", "--flag-above", "1400")["rows"][0]
    # 100 km at the state rate is kr 490: 350 tax-free (3.50 a km), the 140 above is pay
    assert (row["paid"], row["travel"], row["income"]) == ("1666.00", "490.00", "1316.00")
    assert (row["tax_free"], row["unsplit"], row["reportable"]) == ("350.00", "0.00", True)
    assert row["in_g"] == str((Decimal("1316") / 124028).quantize(Decimal("0.0001")))
    assert row["flagged"] is False  # income 1 316 is not above 1 400, though 1 666 was paid
    shown = as_json(run("ledger", "show", "travel", "--ledger", str(ledger), "--format", "json"))
    assert shown["claims"][0]["paid"]["travel"] == "490.00"


def test_a_year_without_a_known_g(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv"), "2019-06-01")
    data = report(ledger, "--year", "2019")
    assert data["g"] is None and all(r["in_g"] is None for r in data["rows"])
    message = one_line_error(run("ledger", "report", "--ledger", str(ledger), "--year", "2019",
                                 "--flag-above", "0.4G"), 2)
    assert "2019" in message


def test_report_as_csv_and_workbook(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv"), "2023-06-01")
    result = run("ledger", "report", "--ledger", str(ledger), "--year", "2023", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {"key": "Kari Nordmann", "claims": "2", "paid": "2656.00",
                       "travel": "0.00", "income": "2656.00", "in_g": "0.0224", "flagged": "no",
                       "tax_free": "0.00", "unsplit": "0.00", "reportable": "yes",
                       "representative_id": ""}
    book = tmp_path / "report.xlsx"
    result = run("ledger", "report", "--ledger", str(ledger), "--year", "2023", "--format", "xlsx",
                 "--output", str(book))
    assert result.exit_code == 0, result.stderr
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python()
    # the columns of the CSV report, in its order
    assert sheet[0] == ["Representant", "Krav", "Utbetalt", "Reise og opphold",
                        "Inntekt", "Inntekt i G", "Over grensen",
                        "Trekkfrie godtgjørelser", "Reise ikke delt", "Rapporteres",
                        "Ansattnummer"]
    assert sheet[1] == ["Kari Nordmann", 2, 2656, 0, 2656, 0.0224, "", 0, 0, "ja", ""]
    one_line_error(run("ledger", "report", "--ledger", str(ledger), "--year", "2023",
                       "--format", "xlsx"), 2)


def test_report_usage_errors(ledger: Path):
    for args in (["--year", "2023", "--by", "person"], ["--year", "2023", "--flag-above", "lots"],
                 ["--year", "2023", "--format", "pdf"], ["--year", "2023", "--flag-above", "-1G"]):
        one_line_error(run("ledger", "report", "--ledger", str(ledger), *args), 2)


def test_limits_read_as_people_write_them():
    assert read_limit("0.4G") == Limit(times_g=Decimal("0.4"))
    assert read_limit("0,4 g") == Limit(times_g=Decimal("0.4"))
    assert read_limit("50 000 kr") == Limit(kr=Decimal("50000"))
    g = read_g()
    assert [v.effective.year for v in g.values] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert g.of_year(2026).kr == Decimal("136549")
    assert g.of_year(2021).kr == Decimal("106399") and g.of_year(2020) is None
    assert g.of_year(2027) is None  # not 2026's: a year's G is the one fixed that year


def test_a_year_after_the_last_known_g_has_no_share_of_g(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, MARCH[0], name="m.csv"), "2027-01-15")
    data = report(ledger, "--year", "2027")
    assert data["g"] is None and [r["in_g"] for r in data["rows"]] == [None]
    one_line_error(run("ledger", "report", "--ledger", str(ledger), "--year", "2027",
                       "--flag-above", "0.4G"), 2)


def test_a_person_is_shown_by_the_name_recorded_last(tmp_path: Path, ledger: Path):
    record(ledger, claims_file(tmp_path, MARCH[0], name="m.csv"), "2023-04-01")
    record(ledger, claims_file(tmp_path, MARCH[3].replace("Kari Nordmann", "kari  NORDMANN"),
                               name="a.csv"), "2023-05-01")
    rows = report(ledger, "--year", "2023")["rows"]
    assert [(r["key"], r["claims"]) for r in rows] == [("kari  NORDMANN", 2)]


def test_the_g_tables_note_is_nynorsk_in_nynorsk():
    """"grense" is feminine in nynorsk: "ei inntektsgrense … om ho gjeld"."""
    note = read_g().note.in_lang("nn")
    assert note.startswith("Ei inntektsgrense") and "om ho gjeld enno" in note, note
