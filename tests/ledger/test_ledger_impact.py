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
from ..ledger_helpers import one_line_error, record_paid, run, write_claims

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
    assert impact["scope"].startswith(f"Omfang: kravene i registeret {ledger} utbetalt i 2025")
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
    assert (f"Scope: the claims in ledger {ledger} paid in 2025 (by the date paid), 3 claims, "
            "2 compared; "
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
    # the scope names the ledger: a CSV says nothing else of where its claims are from
    assert lines[1][:2] == ["scope", f"Scope: the claims in ledger {ledger} paid in 2025 "
                                     "(by the date paid), 4 claims, 4 compared; none left out"]
    assert lines[2] == ["travel", "unchanged", "", "", "500.00", "500.00", "0.00", ""]
    # 4 616 + 1 176 → 4 190 + 1 230
    assert lines[3] == ["total", "", "4", "4", "5792.00", "5420.00", "-372.00", "-6.42"]
    assert {line[1] for line in lines[4:]} == {
        "Ola Hansen", "Kari Nordmann (1001)", "'=cmd|' /C calc'!A0"}
    assert all(line[0] == "representative" for line in lines[4:])
    without = run("rates", "diff", "unn@2022-01-01", new_unn, "--format", "csv")
    assert "--format csv hører til --impact eller --impact-ledger" in one_line_error(without, 2)
    english = run("rates", "diff", "unn@2022-01-01", new_unn, "--format", "csv", "--lang", "en")
    assert "--format csv goes with --impact or --impact-ledger" in one_line_error(english, 2)


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
    assert summary[2].startswith(f"Scope: the claims in ledger {ledger} paid in 2025")
    assert summary[3].startswith("Travel and stay included")
    top = list(book["Largest changes"].iter_rows(values_only=True))
    assert top[0][:3] == ("Batch", "Row", "Claim id") and top[1][:3] == ("batch", 4, "L-3")
    page = run(*args, "--format", "html")
    assert page.exit_code == 0, page.stderr
    assert f"Scope: the claims in ledger {ledger} paid in 2025" in page.stdout and "By month (meeting date)" in \
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


FOUSAM_HEADER = ("claim_id,representative,representative_id,scheme,group,date,start,end,"
                 "attendance,activity,agreement,claimed_honorarium,lost_income,"
                 "lost_income_documented,submitted")


def fousam_ledger(tmp_path: Path, batches) -> Path:
    """A ledger of FOUSAM claims, each (batch name, row, paid on) recorded as its own batch."""
    ledger = tmp_path / "ledger.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    for name, row, paid_on in batches:
        record_paid(ledger, write_claims(tmp_path, f"{name}.csv", FOUSAM_HEADER, row), paid_on,
                    "--accept-findings")
    return ledger


def test_a_claim_is_priced_against_what_earlier_years_paid(tmp_path: Path):
    """FOUSAM's lost income of kr 1 500 a day: a claim paid in January for a day of which
    December's batch paid 1 200 was paid 300; priced again in its year, it is due what it
    was paid, not its lost income in full."""
    ledger = fousam_ledger(tmp_path, (
            # 2 h in person 850 + lost income 1 200
            ("dec", "F-1,Liv Berg,2001,fousam,Råd,2025-12-03,09:00,11:00,fysisk,møte,ja,850,"
                    "1200,ja,2025-12-04", "2025-12-20"),
            # remote 500 + what is left of the day's 1 500: 300
            ("jan", "F-2,Liv Berg,2001,fousam,Råd,2025-12-03,12:00,13:00,teams,møte,ja,500,"
                    "800,ja,2025-12-04", "2026-01-10")))
    report = json.loads(run("ledger", "report", "--year", "2026", "--ledger", str(ledger),
                            "--format", "json").stdout)
    assert report["total"] == "800.00"
    impact = _impact("fousam@2018-06-01", "fousam@2018-06-01", "--impact-ledger", str(ledger),
                     "--year", "2026")
    assert (impact["claims"], impact["due_old"], impact["due_new"]) == (1, "800.00", "800.00")


def test_the_ledger_and_its_batches_are_named_as_the_ledger_commands_name_them(
        tmp_path: Path, new_unn):
    """`ledger` says «registeret» and «bunken»; the impact of a ledger says the same."""
    ledger = _ledger(tmp_path, YEAR_2025)
    said = run("rates", "diff", "unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
               "--year", "2025").stdout
    assert "(register " in said and " Bunke " in said and "reskontro" not in said
    error = run("rates", "diff", "unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                "--year", "2024")
    assert f"i registeret {ledger}" in one_line_error(error, 2)
    from honorar import i18n

    for lang in ("nb", "nn"):
        assert i18n.text("impact.batch", lang) == "Bunke"
        assert "(register L.db," in i18n.text("impact.title_ledger", lang, {
            "year": 2025, "file": "L.db", "scheme": "unn"})


def test_a_claim_without_facts_of_another_scheme_is_of_another_scheme(tmp_path: Path, new_unn):
    """Left out as of another scheme, as a claim with facts would be; only a travel table's
    impact, which takes every scheme's trips, counts it as recorded before facts were kept."""
    ledger = _old_ledger(tmp_path / "old.db")
    with sqlite3.connect(ledger) as connection:
        connection.execute(
            "INSERT INTO claim (batch, row, claim_id, representative, person, scheme, date, "
            "honorarium_ore, lost_income_ore, gift_ore, paid_ore, claimed_ore, travel_ore) "
            "VALUES (1, 3, 'O-2', 'Liv', 'liv', 'fousam', '2025-01-21', 85000, 0, 0, 85000, "
            "85000, 0)")
    impact = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger),
                     "--year", "2025")
    assert (impact["without_facts"], impact["skipped"]) == (1, {"fousam": 1})
    assert impact["left_out"] == {"other_schemes": 1, "without_facts": 1}
    assert ", 2 krav, 0 sammenlignet; utelatt: 1 i andre ordninger, 1 ført før" in impact["scope"]
    travel = _impact("state-travel@2025-01-01", "state-travel@2026-01-01", "--impact-ledger",
                     str(ledger), "--year", "2025")
    assert (travel["without_facts"], travel["skipped"]) == (2, {})


def test_one_claim_is_said_in_the_singular(tmp_path: Path, new_unn):
    ledger = _ledger(tmp_path, YEAR_2025[:1])
    said = _impact("unn@2022-01-01", new_unn, "--impact-ledger", str(ledger), "--year", "2025",
                   "--lang", "en")["scope"]
    assert ", 1 claim, 1 compared;" in said
    claims = _file(tmp_path, YEAR_2025[:1])
    said = _impact("unn@2022-01-01", new_unn, "--impact", str(claims), "--lang", "en")["scope"]
    assert f"the claims in {claims} (1 row), 1 compared" in said
    from honorar import i18n

    assert "(1 rad)" in i18n.counted("impact.scope_file", 1, "nn", {
        "file": "k.csv", "rows": 1, "compared": 1})
    assert "(2 radar)" in i18n.counted("impact.scope_file", 2, "nn", {
        "file": "k.csv", "rows": 2, "compared": 2})
    assert i18n.counted("impact.left.invalid", 2, "nn") == "2 ugyldige radar"  # nynorsk


@pytest.mark.parametrize(("args", "nb", "en"), [
    (("--format", "csv"), "--format csv hører til --impact eller --impact-ledger",
     "--format csv goes with --impact or --impact-ledger"),
    (("--by", "month"), "--by hører til --impact eller --impact-ledger",
     "--by goes with --impact or --impact-ledger"),
])
def test_what_goes_with_either_source_is_said_in_the_users_language(args, nb, en, new_unn):
    for lang, words in (("nb", nb), ("en", en)):
        result = run("rates", "diff", "unn@2022-01-01", new_unn, *args, "--lang", lang)
        assert words in one_line_error(result, 2), lang


def test_two_schemes_are_refused_naming_the_option_given(tmp_path: Path):
    ledger = _ledger(tmp_path, YEAR_2025)
    result = run("rates", "diff", "unn@2022-01-01", "fousam@2018-06-01", "--impact-ledger",
                 str(ledger), "--lang", "en")
    assert "--impact-ledger: compares two versions of one scheme" in one_line_error(result, 2)


def test_a_travel_change_on_trips_with_passengers_kost_and_nights(tmp_path: Path):
    """By hand, state travel 2025 → 2026 (car 5.00 → 5.30, 6–12 h 384 → 397, a 24-hour
    period with a night 977 → 1 012, a night without receipt 435 both, a passenger 1.00
    both). December's meeting paid in January is of the year paid."""
    header = ("claim_id,representative,representative_id,scheme,group,date,start,end,"
              "attendance,claimed_honorarium,submitted,km,passenger_km,travel_hours,"
              "nights_without_receipt,meals_provided,travel_claimed")
    rows = [
        # 100 × 5.00 + 384 − 30 % lunch 115.20 = 768.80 → 530 + 397 − 119.10 = 807.90
        "T-1,Kari Nordmann,1001,unn,Hjerte,2024-12-10,09:00,12:00,fysisk,1176,2024-12-15,"
        "100,,7,,lunsj,748.30",
        # 40 × 5.00 + 40 × 1.00 = 240 → 212 + 40 = 252 (3 h: no kost)
        "T-2,Ola Hansen,1002,unn,Hjerte,2025-01-08,09:00,11:00,fysisk,784,2025-01-10,"
        "40,40,3,,,240",
        # 300 × 5.00 + 977 + 435 = 2 912 → 1 590 + 1 012 + 435 = 3 037
        "T-3,kari  nordmann,1001,unn,hjerte,2025-02-04,09:00,14:00,fysisk,1960,2025-02-06,"
        "300,,24,1,,2912",
    ]
    batch = tmp_path / "jan.csv"
    batch.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    ledger = tmp_path / "ledger.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    result = run("ledger", "record", str(batch), "--ledger", str(ledger), "--paid-on",
                 "2025-02-20", "--accept-findings")
    assert result.exit_code == 0, result.stdout + result.stderr
    impact = _impact("state-travel@2025-01-01", "state-travel@2026-01-01", "--impact-ledger",
                     str(ledger), "--year", "2025", "--by", "representative")
    assert (impact["claims"], impact["due_old"], impact["due_new"]) == (
        3, "3920.80", "4096.90")
    assert [(row["key"], row["due_old"], row["due_new"]) for row in impact["breakdown"]] == [
        ("Kari Nordmann (1001)", "3680.80", "3844.90"), ("Ola Hansen (1002)", "240.00", "252.00")]
    # the fee table in force, against itself: what was paid, travel under 2024's and 2025's
    paid = _impact("unn@2022-01-01", "unn@2022-01-01", "--impact-ledger", str(ledger),
                   "--year", "2025")
    # 1 176 + 748.30 + 784 + 240 + 1 960 + 2 912
    assert (paid["due_old"], paid["travel"]["old"]) == ("7820.30", "3900.30")


def test_a_claim_is_priced_against_the_claims_recorded_before_facts_were_kept(tmp_path: Path):
    """A ledger brought forward in its year: a claim with facts was paid against the claims
    recorded before (a day's lost income under FOUSAM's cap of 1 500), which are not priced
    again but were paid all the same."""
    ledger = fousam_ledger(tmp_path, (
            ("feb", "F-1,Liv Berg,2001,fousam,Råd,2025-02-03,09:00,11:00,fysisk,møte,ja,850,"
                    "1200,ja,2025-02-04", "2025-02-20"),
            ("mar", "F-2,Liv Berg,2001,fousam,Råd,2025-02-03,12:00,13:00,teams,møte,ja,500,"
                    "800,ja,2025-02-04", "2025-03-20")))
    with sqlite3.connect(ledger) as connection:  # recorded before facts were kept
        connection.execute("UPDATE claim SET facts = NULL WHERE claim_id = 'F-1'")
    impact = _impact("fousam@2018-06-01", "fousam@2018-06-01", "--impact-ledger", str(ledger),
                     "--year", "2025")
    # F-2: 500 + what was left of the day's 1 500 after F-1's 1 200: 300
    assert (impact["claims"], impact["without_facts"], impact["due_old"]) == (1, 1, "800.00")


@pytest.mark.parametrize(("args", "line"), [
    (("--year", "2024"), "honorar: feil: --year hører til --impact-ledger\n"),
    (("--sheet", "1"), "honorar: feil: --sheet brukes bare sammen med --impact\n"),
])
def test_an_option_without_its_source_is_one_sentence(new_unn, args, line):
    result = run("rates", "diff", "unn@2022-01-01", new_unn, *args)
    assert one_line_error(result, 2) == line
