"""`rates diff OLD NEW --impact-ledger LEDGER [--year YYYY]`: what new rates cost on the
claims a ledger paid in a year, repriced from the facts it kept. Figures checked by hand.

OLD is UNN's 2022 table (392 an hour, 1 960 a day at most, remote over 2.5 h 980), NEW the
table of tests/data/rates/my-rates (410 an hour, 2 050 at most, remote up to 3 h 410). The
travel is the state's: a car 5.00 a km in 2025, 5.30 in 2026.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from honorar.ledger.schema import APPLICATION_ID, STEPS

from ..conftest import DATA
from ..ledger_helpers import one_line_error, run

MY_UNN = DATA / "rates" / "my-rates" / "unn" / "2024-01-01.yaml"
HEADER = ("claim_id,representative,representative_id,scheme,group,date,hours,attendance,"
          "claimed_honorarium,km,travel_claimed")
YEAR_2025 = [
    # old 1 176 + 100 km × 5.00 = 1 676; new 1 230 + 500 = 1 730 (+54)
    "L-1,Kari Nordmann,1001,unn,Rus,2025-03-04,3,fysisk,1176,100,500",
    # old 6 h capped at 1 960; new 2 050 (+90); no trip
    "L-2,kari nordmann,1001,unn,Rus,2025-03-11,6,fysisk,1960,,",
    # remote 2.75 h: old 980; new 410 (−570)
    "L-3,Ola Hansen,,unn,Hjerte,2025-03-12,2.75,teams,980,,",
]


@pytest.fixture
def new_unn(tmp_path_factory) -> str:
    """my-rates' UNN table, its travel by the state's rates as the shipped table's is."""
    path = tmp_path_factory.mktemp("new") / "2024-01-01.yaml"
    path.write_text(MY_UNN.read_text(encoding="utf-8") + (
        "\ntravel:\n  table: state-travel\n"
        "  quote: \"Reise og oppholdsutgifter dekkes etter statens satser\"\n"),
        encoding="utf-8")
    return str(path)


def _file(directory: Path, rows: list[str], name: str = "claims.csv") -> Path:
    path = directory / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _ledger(directory: Path, rows: list[str], paid_on: str = "2025-04-05") -> Path:
    ledger = directory / "ledger.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    result = run("ledger", "record", str(_file(directory, rows, "batch.csv")), "--ledger",
                 str(ledger), "--paid-on", paid_on, "--accept-findings")
    assert result.exit_code == 0, result.stdout + result.stderr
    return ledger


def _impact(*args: str) -> dict:
    result = run("rates", "diff", *args, "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)["impact"]


def test_record_keeps_the_facts_a_repricing_needs(tmp_path: Path):
    ledger = _ledger(tmp_path, YEAR_2025)
    with sqlite3.connect(ledger) as connection:
        facts = dict(connection.execute("SELECT claim_id, facts FROM claim"))
    kept = json.loads(facts["L-1"])
    assert (kept["v"], kept["date"], kept["hours"], kept["trip"]["km"]) == (
        1, "2025-03-04", "3", "100")
    assert kept["claimed_honorarium"] == "1176" and kept["travel_claimed"] == "500"


def test_a_fee_change_on_the_claims_paid_in_a_year(tmp_path: Path, new_unn):
    ledger = _ledger(tmp_path, YEAR_2025)
    impact = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                     "--year", "2025", "--by", "representative")
    assert (impact["ledger"], impact["year"], impact["claims"]) == (str(ledger), 2025, 3)
    # 1 676 + 1 960 + 980 = 4 616 → 1 730 + 2 050 + 410 = 4 190
    assert (impact["due_old"], impact["due_new"], impact["difference_kr"]) == (
        "4616.00", "4190.00", "-426.00")
    # travel is in the totals, at its price under the travel table in force, under both
    assert impact["travel"] == {"included": "unchanged", "old": "500.00", "new": "500.00"}
    # a person by the spelling written most often, among equals the first, with the id
    assert [(b["key"], b["claims"], b["difference_kr"]) for b in impact["breakdown"]] == [
        ("Ola Hansen", 1, "-570.00"), ("Kari Nordmann (1001)", 2, "144.00")]
    # the largest change names the batch it was paid in and its row there
    assert (impact["top"][0]["batch"], impact["top"][0]["row"],
            impact["top"][0]["claim_id"]) == ("batch", 4, "L-3")
    assert impact["scope"].startswith("Omfang: kravene utbetalt i 2025")
    assert impact["left_out"] == {}


def test_a_travel_change_reprices_the_trips_of_the_year(tmp_path: Path):
    ledger = _ledger(tmp_path, YEAR_2025)
    impact = _impact("state-travel@2025-01-01", "state-travel@2026-01-01",
                     "--impact-ledger", str(ledger), "--year", "2025")
    # 100 km × 5.00 = 500 → × 5.30 = 530; the claims without a trip are due no travel
    assert (impact["claims"], impact["changed"]) == (3, 1)
    assert (impact["due_old"], impact["due_new"]) == ("500.00", "530.00")
    assert impact["travel"] == {"included": "repriced", "old": "500.00", "new": "530.00"}


def test_a_claim_recorded_before_its_facts_were_kept_is_counted_apart(tmp_path: Path, new_unn):
    ledger = _ledger(tmp_path, YEAR_2025)
    with sqlite3.connect(ledger) as connection:
        connection.execute("UPDATE claim SET facts = NULL WHERE claim_id = 'L-3'")
    impact = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                     "--year", "2025")
    assert (impact["claims"], impact["without_facts"]) == (2, 1)
    assert (impact["due_old"], impact["due_new"]) == ("3636.00", "3780.00")
    assert impact["left_out"] == {"without_facts": 1}
    result = run("rates", "diff", "unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                 "--year", "2025", "--lang", "en")
    said = result.stdout
    assert said.count("recorded before facts were kept") == 1  # said once
    assert ("Scope: the claims paid in 2025 (by the date paid), 3 claims, 2 compared; "
            "left out: 1 recorded before facts were kept") in " ".join(said.split())


def test_a_year_with_no_claims_paid_is_one_clear_line(tmp_path: Path, new_unn):
    ledger = _ledger(tmp_path, YEAR_2025)
    result = run("rates", "diff", "unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                 "--year", "2024", "--lang", "en")
    error = one_line_error(result, 2)
    assert "no claims were paid in 2024" in error and "(years with claims paid: 2025)" in error


def test_the_year_is_last_year_unless_given(tmp_path: Path, new_unn):
    last = dt.date.today().year - 1
    rows = [f"D-1,Kari,,unn,Rus,{last}-02-03,3,fysisk,1176,,"]
    ledger = _ledger(tmp_path, rows, paid_on=f"{last}-03-01")
    impact = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger))
    assert (impact["year"], impact["claims"], impact["due_old"]) == (last, 1, "1176.00")


def test_the_ledger_gives_what_the_claims_file_gives(tmp_path: Path, new_unn):
    """The same claims, recorded into a ledger, cost what they cost in the file."""
    ledger = _ledger(tmp_path, YEAR_2025)
    claims = _file(tmp_path, YEAR_2025)
    for old, new in (("unn@2022-01-01", new_unn),
                     ("state-travel@2025-01-01", "state-travel@2026-01-01")):
        for by in ("representative", "group", "month", "activity"):
            from_file = _impact(old, new, "--impact", str(claims), "--by", by)
            from_ledger = _impact(old, new, "--impact-ledger", str(ledger), "--year", "2025",
                                  "--by", by)
            for key in ("claims", "changed", "due_old", "due_new", "difference_kr",
                        "travel", "breakdown", "undecided"):
                assert from_file[key] == from_ledger[key], (old, by, key)
            assert [c["claim_id"] for c in from_file["top"]] == [
                c["claim_id"] for c in from_ledger["top"]]


def _old_ledger(path: Path) -> Path:
    """A ledger of schema version 4, as honorar made them before facts were kept, with one
    claim paid in 2025."""
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for step in STEPS[:4]:
            for statement in step.split(";"):
                if statement.strip():
                    connection.execute(statement.replace("normalised_name(representative)",
                                                         "lower(representative)"))
        connection.execute("PRAGMA user_version = 4")
        connection.execute("INSERT INTO batch VALUES (1, 'jan', 'jan.csv', 'x', "
                           "'2025-02-01T10:00:00', '2025-02-01', 1, 117600)")
        connection.execute(
            "INSERT INTO claim (batch, row, claim_id, representative, person, scheme, date, "
            "honorarium_ore, lost_income_ore, gift_ore, paid_ore, claimed_ore, travel_ore) "
            "VALUES (1, 2, 'O-1', 'Kari', 'kari', 'unn', '2025-01-20', 117600, 0, 0, 117600, "
            "117600, 0)")
    return path


def test_a_ledger_older_than_the_facts_is_read_as_it_is(tmp_path: Path, new_unn):
    """Read only: the ledger is not brought forward (nor written), and its claims, recorded
    before facts were kept, are counted apart."""
    ledger = _old_ledger(tmp_path / "old.db")
    before = ledger.read_bytes()
    impact = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                     "--year", "2025")
    assert (impact["claims"], impact["without_facts"], impact["due_old"]) == (0, 1, "0.00")
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(("args", "words"), [
    (("--year", "2025"), "--year goes with --impact-ledger"),
    (("--impact", "x.csv", "--impact-ledger", "l.db"), "give only one of them"),
])
def test_the_ledger_options_go_together(tmp_path: Path, args, words, new_unn):
    result = run("rates", "diff", "unn@2022-01-01", new_unn, *args, "--lang", "en")
    assert words in one_line_error(result, 2)


@pytest.mark.parametrize(("args", "nb", "en"), [
    (("--impact-ledger", "l.db", "--year", "0"), "--year: 0 er ikke et årstall",
     "--year: 0 is not a year"),
    (("--sheet", "2"), "--sheet brukes bare sammen med --impact", "--sheet goes with --impact"),
    (("--impact", "x.csv", "--impact-ledger", "l.db"), "gi bare én av dem",
     "give only one of them"),
])
def test_the_impact_options_are_told_in_the_users_language(tmp_path: Path, new_unn, args, nb,
                                                          en):
    said = one_line_error(run("rates", "diff", "unn@2022-01-01", new_unn, *args), 2)
    assert nb in said and "{" not in said, said
    said = one_line_error(run("rates", "diff", "unn@2022-01-01", new_unn, *args, "--lang", "en"),
                          2)
    assert en in said, said


def test_a_claims_file_that_cannot_be_read_is_told_with_the_option(tmp_path: Path, new_unn):
    missing = tmp_path / "borte.csv"
    said = one_line_error(run("rates", "diff", "unn@2022-01-01", new_unn, "--impact",
                              str(missing)), 2)
    assert said.startswith("honorar: feil: --impact: ") and "borte.csv" in said, said
    assert "No such file" not in said, said


def test_the_impact_as_csv_has_the_scope_the_travel_the_total_and_the_breakdown(
        tmp_path: Path, new_unn):
    import csv
    import io

    rows = [*YEAR_2025, "L-4,=cmd|' /C calc'!A0,,unn,Rus,2025-03-13,3,fysisk,1176,,"]
    ledger = _ledger(tmp_path, rows)
    args = ("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger), "--year", "2025",
            "--by", "representative", "--lang", "en")
    result = run("rates", "diff", *args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = list(csv.reader(io.StringIO(result.stdout)))
    assert lines[0] == ["line", "key", "claims", "changed", "due_old", "due_new",
                        "difference_kr", "difference_pct"]
    assert lines[1][:2] == ["scope", "Scope: the claims paid in 2025 (by the date paid), "
                                     "4 claims, 4 compared; none left out"]
    assert lines[2] == ["travel", "unchanged", "", "", "500.00", "500.00", "0.00", ""]
    # 4 616 + 1 176 → 4 190 + 1 230
    assert lines[3] == ["total", "", "4", "4", "5792.00", "5420.00", "-372.00", "-6.42"]
    assert {line[1] for line in lines[4:]} == {
        "Ola Hansen", "Kari Nordmann (1001)", "'=cmd|' /C calc'!A0"}
    assert all(line[0] == "representative" for line in lines[4:])
    without = run("rates", "diff", "unn@2022-01-01", new_unn, "--format", "csv")
    assert "--format csv brukes bare sammen med --impact" in one_line_error(without, 2)
    english = run("rates", "diff", "unn@2022-01-01", new_unn, "--format", "csv", "--lang", "en")
    assert "--format csv goes with --impact" in one_line_error(english, 2)


def test_the_workbook_and_the_page_of_a_ledgers_impact(tmp_path: Path, new_unn):
    import openpyxl

    ledger = _ledger(tmp_path, YEAR_2025)
    args = ("rates", "diff", "unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
            "--year", "2025", "--by", "month", "--lang", "en")
    book_path = tmp_path / "impact.xlsx"
    assert run(*args, "--format", "xlsx", "--output", str(book_path)).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames[-2:] == ["Largest changes", "Breakdown (month)"]
    summary = [row[0] for row in book["Cost impact"].iter_rows(values_only=True)]
    assert summary[0] == f"Cost impact on the claims paid in 2025 (ledger {ledger}, scheme unn)"
    assert summary[2].startswith("Scope: the claims paid in 2025")
    assert summary[3].startswith("Travel and stay included")
    top = list(book["Largest changes"].iter_rows(values_only=True))
    assert top[0][:3] == ("Batch", "Row", "Claim id") and top[1][:3] == ("batch", 4, "L-3")
    page = run(*args, "--format", "html")
    assert page.exit_code == 0, page.stderr
    assert "Scope: the claims paid in 2025" in page.stdout and "By month (meeting date)" in \
        page.stdout and "batch: 4" in page.stdout


def test_priced_again_under_the_versions_in_force_a_year_costs_what_was_paid(tmp_path: Path):
    """March and April 2025 from the guide: under the tables they were paid by, the claims
    cost again, scheme by scheme and travel included, what `ledger report` says was paid."""
    from ..conftest import EXAMPLES

    ledger = tmp_path / "utbetalt.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    for month, paid_on in (("mars", "2025-04-10"), ("april", "2025-05-09")):
        result = run("ledger", "record", str(EXAMPLES / f"krav-{month}-2025.xlsx"),
                     "--ledger", str(ledger), "--paid-on", paid_on, "--accept-findings")
        assert result.exit_code == 0, result.stderr
    report = json.loads(run("ledger", "report", "--year", "2025", "--ledger", str(ledger),
                            "--by", "scheme", "--format", "json").stdout)
    paid = {row["key"]: (row["paid"], row["travel"]) for row in report["rows"]}
    for scheme in ("unn", "fousam"):
        impact = _impact(f"{scheme}@2025-01-01", f"{scheme}@2025-01-01", "--impact-ledger",
                         str(ledger), "--year", "2025")
        assert (impact["due_old"], impact["travel"]["old"]) == paid[scheme]
        assert impact["due_new"] == impact["due_old"]
