"""Nothing paid twice, whichever way a claim is written: one person whatever the identity
column says, one meeting whether times or hours are given, supplements, parts not claimed,
and the ledger an audit was held against, named in every report."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.ledger import open_ledger
from honorar.ledger.schema import APPLICATION_ID, STEPS, VERSION

from ..ledger_helpers import as_json, rows_in, run

ID_HEADER = ("claim_id,representative,representative_id,scheme,group,date,start,end,hours,"
             "attendance,activity,agreement,claimed_honorarium,lost_income,"
             "lost_income_documented,gift,submitted")
HEADER = ("claim_id,representative,scheme,group,date,start,end,hours,attendance,activity,"
          "agreement,claimed_honorarium,lost_income,lost_income_documented,gift,submitted")


def write(directory: Path, name: str, header: str, *rows: str) -> Path:
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def audited(path: Path, *extra: str) -> dict:
    return as_json(run("audit", str(path), "--format", "json", *extra))


def due_and_codes(report: dict) -> list[tuple[str | None, list[str]]]:
    return [(c["due"]["total"], [f["code"] for f in c["findings"]]) for c in report["claims"]]


def recorded(tmp_path: Path, paid: Path, *extra: str) -> Path:
    ledger = tmp_path / "ledger.db"
    if not ledger.exists():
        assert run("ledger", "init", str(ledger)).exit_code == 0
    result = run("ledger", "record", str(paid), "--ledger", str(ledger), "--paid-on",
                 "2023-04-05", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    return ledger


# ------------------------------------------------------------- 1. one person, one identity

KARI_WITH_ID = "K-1,Kari Nordmann,10234,unn,,2023-03-02,,,3,fysisk,møte,,1176,,,,2023-03-06"
KARI_WITHOUT = "K-2,Kari Nordmann,,unn,,2023-03-02,,,3,fysisk,møte,,1176,,,,2023-03-06"


@pytest.mark.parametrize("rows", [(KARI_WITH_ID, KARI_WITHOUT), (KARI_WITHOUT, KARI_WITH_ID)])
def test_a_row_without_a_number_is_the_one_person_of_its_name_with_one(tmp_path, rows):
    report = audited(write(tmp_path, "claims.csv", ID_HEADER, *rows))
    assert due_and_codes(report) == [("1176.00", []), ("0.00", ["duplicate_claim"])]
    assert report["summary"]["due_total"] == "1176.00"


def test_a_name_two_numbers_go_by_is_undecided_naming_both(tmp_path):
    report = audited(write(
        tmp_path, "claims.csv", ID_HEADER,
        "K-1,Kari Nordmann,10234,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,2023-03-06",
        "K-2,Kari Nordmann,20411,unn,,2023-03-02,13:00,14:00,,fysisk,møte,,392,,,,2023-03-06",
        "K-3,KARI NORDMANN,,unn,,2023-03-09,09:00,12:00,,fysisk,møte,,1176,,,,2023-03-10"))
    assert due_and_codes(report) == [("1176.00", []), ("392.00", []),
                                     (None, ["ambiguous_person"])]
    (finding,) = report["claims"][2]["findings"]
    assert finding["severity"] == "error"
    assert "10234" in finding["message"] and "20411" in finding["message"]
    assert report["summary"]["undecided_claimed"] == "1176.00"


def test_a_month_without_the_number_column_is_held_against_the_ledger_by_name(tmp_path):
    """October recorded from a workbook with an Ansattnr column; December's CSV without it
    claims the same two meetings again."""
    import xlsxwriter

    october = tmp_path / "oktober.xlsx"
    book = xlsxwriter.Workbook(str(october))
    sheet = book.add_worksheet("Krav")
    for r, cells in enumerate([
            ["Krav-ID", "Navn", "Ansattnr", "Ordning", "Dato", "Fra", "Til", "Oppmøte",
             "Honorar"],
            ["O-1", "Kari Nordmann", 10234, "unn", "02.10.2023", "09:00", "12:00", "fysisk",
             1176],
            ["O-2", "Kari Nordmann", 10234, "unn", "09.10.2023", "09:00", "12:00", "fysisk",
             1176]]):
        for c, cell in enumerate(cells):
            sheet.write(r, c, cell)
    book.close()
    ledger = recorded(tmp_path, october)
    december = write(tmp_path, "desember.csv", HEADER,
                     "D-1,kari nordmann,unn,,2023-10-02,09:00,12:00,,fysisk,møte,,1176,,,,",
                     "D-2,Kari  Nordmann,unn,,2023-10-09,,,3,fysisk,møte,,1176,,,,")
    report = audited(december, "--ledger", str(ledger))
    assert due_and_codes(report) == [("0.00", ["already_paid"]), ("0.00", ["already_paid"])]
    # and recording it books neither
    result = run("ledger", "record", str(december), "--ledger", str(ledger), "--paid-on",
                 "2024-01-05", "--accept-findings")
    assert result.exit_code == 0, result.stderr
    assert rows_in(ledger, "SELECT count(*) FROM claim WHERE claim_id LIKE 'D-%'") == 0


def test_a_claim_paid_without_the_number_is_that_persons_next_month(tmp_path):
    ledger = recorded(tmp_path, write(tmp_path, "mars.csv", ID_HEADER, KARI_WITHOUT))
    april = write(tmp_path, "april.csv", ID_HEADER, KARI_WITH_ID.replace("K-1", "A-1"))
    assert due_and_codes(audited(april, "--ledger", str(ledger))) == [
        ("0.00", ["already_paid"])]


def test_the_ledger_keeps_the_number_and_the_normalised_name(tmp_path):
    paid = write(tmp_path, "mars.csv", ID_HEADER, KARI_WITH_ID,
                 "K-3,  OLA   Hansen,,unn,,2023-03-02,,,3,fysisk,møte,,1176,,,,2023-03-06")
    ledger = recorded(tmp_path, paid)
    with sqlite3.connect(ledger) as connection:
        assert connection.execute(
            "SELECT representative_id, person, name_key, duration_s FROM claim ORDER BY row"
        ).fetchall() == [("10234", "#10234", "kari nordmann", 10800),
                         (None, "ola hansen", "ola hansen", 10800)]


def test_a_row_without_a_number_whose_name_has_two_in_the_ledger_is_undecided(tmp_path):
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", ID_HEADER, KARI_WITH_ID,
        "K-5,Kari Nordmann,20411,unn,,2023-03-03,,,3,fysisk,møte,,1176,,,,2023-03-06"))
    april = write(tmp_path, "april.csv", HEADER,
                  "A-1,Kari Nordmann,unn,,2023-04-02,,,3,fysisk,møte,,1176,,,,2023-04-03")
    assert due_and_codes(audited(april, "--ledger", str(ledger))) == [
        (None, ["ambiguous_person"])]


# --------------------------------------------------------------- 2. one meeting, one payment


def test_a_meeting_paid_without_a_number_to_a_name_two_numbers_go_by_is_undecided(tmp_path):
    """March paid Kari Nordmann without a number; a later batch paid Kari Nordmann 20411.
    A claim of 10234 or of 20411 for the meeting paid in March may be the one paid: a
    person decides, rather than both being paid."""
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "M-1,Kari Nordmann,unn,Rus,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,"))
    recorded(tmp_path, write(
        tmp_path, "april.csv", ID_HEADER,
        "A-1,Kari Nordmann,20411,unn,Rus,2023-03-05,09:00,12:00,,fysisk,møte,,1176,,,,"))
    late = write(tmp_path, "mai.csv", ID_HEADER,
                 "B-1,Kari Nordmann,10234,unn,Rus,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,",
                 "B-2,Kari Nordmann,20411,unn,Rus,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,")
    report = audited(late, "--ledger", str(ledger))
    assert [(due, [c for c in codes if c != "too_few_representatives"])
            for due, codes in due_and_codes(report)] == [
        (None, ["possible_duplicate"]), (None, ["possible_duplicate"])]


def test_times_on_one_row_and_hours_on_the_other_are_paid_once(tmp_path):
    rows = ("K-1,Kari Nordmann,unn,,2023-03-02,09:00,11:00,,fysisk,møte,,784,,,,2023-03-06",
            "K-2,Kari Nordmann,unn,,2023-03-02,,,2,fysisk,møte,,784,,,,2023-03-06")
    report = audited(write(tmp_path, "claims.csv", HEADER, *rows))
    assert due_and_codes(report) == [("784.00", []), ("0.00", ["duplicate_claim"])]
    ledger = recorded(tmp_path, write(tmp_path, "mars.csv", HEADER, rows[0]))
    again = write(tmp_path, "april.csv", HEADER, rows[1].replace("K-2", "A-2"))
    assert due_and_codes(audited(again, "--ledger", str(ledger))) == [
        ("0.00", ["already_paid"])]


def test_identical_rows_without_group_or_times_are_paid_once_and_exit_1(tmp_path):
    row = "unn,,2023-03-02,,,3,fysisk,møte,,1176,,,,2023-03-06"
    claims = write(tmp_path, "claims.csv", HEADER, f"K-1,Kari Nordmann,{row}",
                   f"K-2,Kari Nordmann,{row}")
    result = run("audit", str(claims), "--format", "json")
    assert result.exit_code == 1
    assert due_and_codes(json.loads(result.stdout)) == [("1176.00", []),
                                                        ("0.00", ["duplicate_claim"])]


def test_rows_that_cannot_be_told_apart_are_undecided_in_the_file_and_against_the_ledger(
        tmp_path):
    first = "K-1,Kari Nordmann,unn,,2023-03-02,,,3,fysisk,møte,,1176,,,,2023-03-06"
    second = "K-2,Kari Nordmann,unn,,2023-03-02,,,2,fysisk,møte,,784,,,,2023-03-06"
    report = audited(write(tmp_path, "claims.csv", HEADER, first, second))
    assert due_and_codes(report) == [("1176.00", []), (None, ["possible_duplicate"])]
    ledger = recorded(tmp_path, write(tmp_path, "mars.csv", HEADER, first))
    report = audited(write(tmp_path, "april.csv", HEADER, second), "--ledger", str(ledger))
    assert due_and_codes(report) == [(None, ["possible_duplicate"])]
    assert "mars" in report["claims"][0]["findings"][0]["message"]


# ------------------------------------------------------------------------- 3. supplements


@pytest.mark.parametrize("number", ["10234", ""])
def test_a_late_claim_for_lost_income_alone_is_paid_the_lost_income_only(tmp_path, number):
    """The fee was paid last month; the employer's documentation came later. With or
    without the employee number: 1 500, not 0 and not 1 700 + 1 500."""
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", ID_HEADER,
        "P-1,Kari Nordmann,10234,fousam,,2023-03-09,,,,fysisk,heldag,ja,1700,,,,2023-03-10"))
    late = write(tmp_path, "april.csv", ID_HEADER,
                 f"A-1,Kari Nordmann,{number},fousam,,2023-03-09,,,,fysisk,heldag,ja,,1500,ja,,"
                 "2023-04-03")
    report = audited(late, "--ledger", str(ledger))
    assert due_and_codes(report) == [("1500.00", ["supplement"])]
    assert report["claims"][0]["findings"][0]["severity"] == "info"
    assert "mars" in report["claims"][0]["findings"][0]["message"]


def test_a_supplement_shares_the_daily_lost_income_cap_with_what_was_paid(tmp_path):
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,1000,ja,,",
        "P-2,Kari Nordmann,fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,850,,,,"))
    late = write(tmp_path, "april.csv", HEADER,
                 "A-1,Kari Nordmann,fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,0,900,ja,,")
    report = audited(late, "--ledger", str(ledger))
    # kr 1 500 a day: 1 000 paid that day, 500 left
    assert due_and_codes(report) == [("500.00", ["supplement", "lost_income_over_cap"])]


def test_lost_income_paid_without_the_number_counts_against_the_days_cap(tmp_path):
    """March's file had no employee number; April's claim of another meeting that day
    has it. FOUSAM's kr 1 500 a day: 1 000 was paid, 500 is left, not 900."""
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,1000,ja,,"))
    late = write(tmp_path, "april.csv", ID_HEADER,
                 "A-1,Kari Nordmann,10234,fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,850,"
                 "900,ja,,")
    report = audited(late, "--ledger", str(ledger))
    assert due_and_codes(report) == [("1350.00", ["lost_income_over_cap"])]


@pytest.mark.parametrize("numbers", [("", "10234"), ("10234", "")])
def test_lost_income_of_one_person_with_and_without_the_number_shares_the_days_cap(
        tmp_path, numbers):
    first, second = numbers
    report = audited(write(
        tmp_path, "claims.csv", ID_HEADER,
        f"A-1,Kari Nordmann,{first},fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,1000,"
        "ja,,",
        f"A-2,Kari Nordmann,{second},fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,850,900,"
        "ja,,"))
    assert [c["due"]["lost_income"] for c in report["claims"]] == ["1000.00", "500.00"]


def test_a_supplement_in_the_file_and_a_repeat_of_it(tmp_path):
    meeting = "Ola Hansen,unn,,2023-03-02,09:00,12:00,,fysisk,møte,"
    report = audited(write(tmp_path, "claims.csv", HEADER,
                           f"S-1,{meeting},1176,,,,2023-03-06",
                           f"S-2,{meeting},0,500,ja,,2023-03-20",
                           f"S-3,{meeting},,500,ja,,2023-03-27"))
    assert due_and_codes(report) == [("1176.00", []), ("500.00", ["supplement"]),
                                     ("0.00", ["duplicate_claim"])]


def test_a_supplement_after_its_meeting_claimed_again_is_paid_against_the_ledger(tmp_path):
    """A month's file claims a meeting paid last month again (already_paid) and then its
    lost income alone: the repeat paid nothing in the file, so the lost income is a
    supplement to the batch that paid the fee, not a repeat of the voided row."""
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,,,,"))
    late = write(tmp_path, "april.csv", HEADER,
                 "A-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,,,,",
                 "A-2,Kari Nordmann,fousam,,2023-03-09,,,2,fysisk,møte,ja,,900,ja,,")
    report = audited(late, "--ledger", str(ledger))
    assert due_and_codes(report) == [("0.00", ["already_paid"]), ("900.00", ["supplement"])]
    assert "mars" in report["claims"][1]["findings"][0]["message"]


def test_a_supplement_after_its_claim_repeated_by_id_is_paid(tmp_path):
    """The file repeats last month's claim with its own id (already_paid by id), then
    adds the meeting's lost income: a supplement, not a repeat of the voided row."""
    paid = "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,,,,"
    ledger = recorded(tmp_path, write(tmp_path, "mars.csv", HEADER, paid))
    late = write(tmp_path, "april.csv", HEADER, paid,
                 "P-2,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,,900,ja,,")
    report = audited(late, "--ledger", str(ledger))
    assert due_and_codes(report) == [("0.00", ["already_paid"]), ("900.00", ["supplement"])]


def test_two_supplements_in_a_file_to_a_meeting_paid_in_the_ledger_are_both_paid(tmp_path):
    """The fee was paid last month; this month's file brings the lost income in one row
    and the travel in another: each adds a part the ledger did not pay."""
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,,,,"))
    late = write(tmp_path, "april.csv", HEADER + ",km,travel_claimed",
                 "A-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,,900,ja,,,,",
                 "A-2,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,,,,,,40,"
                 "100.00")
    report = audited(late, "--ledger", str(ledger))
    (lost, lost_codes), (travel, travel_codes) = due_and_codes(report)
    assert (lost, lost_codes) == ("900.00", ["supplement"])
    # 40 km at the rate per km, as the rules give it (100 claimed is underclaimed)
    assert (travel, sorted(travel_codes)) == ("179.20", ["supplement", "travel_underclaimed"])


# ---------------------------------------------------------------- 4. not claimed, not paid


def test_travel_nobody_claimed_is_not_paid_nor_recorded(tmp_path):
    """A workbook with Km filled and the claimed travel column blank: travel goes through a
    separate expense claim there."""
    import xlsxwriter

    path = tmp_path / "krav.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Krav")
    sheet.write_row(0, 0, ["Krav-ID", "Navn", "Ordning", "Dato", "Timer", "Oppmøte",
                           "Honorar", "Km", "Kjøretøy", "Reise"])
    for r in range(1, 21):
        sheet.write_row(r, 0, [f"K-{r}", f"Person {r}", "unn", "04.06.2024", 3, "fysisk",
                               1176, 300, "bil"])
    book.close()
    report = audited(path)
    assert report["summary"]["due_total"] == "23520.00"  # 20 × 1 176, no travel
    assert report["summary"]["travel_due"] == "0.00"
    first = report["claims"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in first] == [("not_claimed", "info")]
    ledger = tmp_path / "ledger.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    result = run("ledger", "record", str(path), "--ledger", str(ledger), "--paid-on",
                 "2024-07-01")
    assert result.exit_code == 0, result.stderr
    assert rows_in(ledger, "SELECT sum(travel_ore) FROM claim") == 0
    assert rows_in(ledger, "SELECT sum(paid_ore) FROM claim") == 2_352_000


def test_a_fee_left_blank_or_0_is_not_paid_and_says_what_the_rules_give(tmp_path):
    report = audited(write(
        tmp_path, "claims.csv", HEADER,
        "K-1,Kari Nordmann,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,,900,ja,,2023-03-06",
        "K-2,Ola Hansen,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,0,,,,2023-03-06",
        "K-3,Per Olsen,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,1000,,,,2023-03-06"))
    assert due_and_codes(report) == [("900.00", ["not_claimed"]), ("0.00", ["not_claimed"]),
                                     ("1176.00", ["honorarium_underclaimed"])]
    assert "1\xa0176,00" in report["claims"][0]["findings"][0]["message"]


def test_a_file_without_a_claimed_travel_column_is_priced_in_full(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("krav_id,navn,ordning,dato,timer,oppmøte,honorar,kilometer,kjøretøy\n"
                    "K-1,Kari Nordmann,unn,04.06.2024,3,fysisk,1176,300,bil\n",
                    encoding="utf-8")
    (claim,) = audited(path)["claims"]
    assert Decimal(claim["due"]["travel"]) > 0 and claim["findings"] == []


# ------------------------------------------------------- 5. the ledger named in every report


def test_every_report_names_the_ledger_and_its_batches(tmp_path):
    ledger = recorded(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "K-1,Kari Nordmann,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,2023-03-06"))
    claims = write(tmp_path, "april.csv", HEADER,
                   "A-1,Kari Nordmann,unn,,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,")
    env = {"HONORAR_LEDGER": str(ledger)}  # set in the environment, not on the command line
    table = run("audit", str(claims), env=env)
    assert f"Revidert mot utbetalingsregisteret {ledger} (1 bunke)" in table.stdout
    english = run("audit", str(claims), "--lang", "en", env=env)
    assert f"Audited against the ledger {ledger} (1 batch)" in english.stdout
    data = as_json(run("audit", str(claims), "--format", "json", env=env))
    assert data["summary"]["ledger"] == {"file": str(ledger), "batches": 1}
    assert as_json(run("audit", str(claims), "--format", "json"))["summary"]["ledger"] is None
    book = tmp_path / "report.xlsx"
    run("audit", str(claims), "--format", "xlsx", "--output", str(book), "--lang", "en",
        env=env)
    from python_calamine import CalamineWorkbook

    summary = CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python()
    assert [f"Audited against the ledger {ledger} (1 batch)"] in [
        [cell for cell in row if cell] for row in summary]


# ------------------------------------------------------- 6. the representatives of a group


def test_one_person_teaching_at_a_fagdag_is_no_short_working_group(tmp_path):
    report = audited(write(
        tmp_path, "claims.csv", HEADER,
        "K-1,Kari Nordmann,unn,Fagdag,2023-03-02,09:00,10:30,,fysisk,undervisning,,980,,,,"
        "2023-03-06"))
    assert due_and_codes(report) == [("980.00", [])]


def test_a_voided_repeat_is_no_second_representative(tmp_path):
    row = "unn,Rus,2023-03-02,09:00,12:00,,fysisk,møte,,1176,,,,2023-03-06"
    report = audited(write(tmp_path, "claims.csv", HEADER, f"K-1,Kari Nordmann,{row}",
                           f"K-2,kari nordmann,{row}"))
    codes = [[f["code"] for f in c["findings"]] for c in report["claims"]]
    assert codes == [["too_few_representatives"], ["duplicate_claim"]]


# --------------------------------------------------------------------------- the migration


def test_a_version_3_ledger_gets_the_names_and_lengths_of_its_claims(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for step in STEPS[:3]:
        for statement in step.split(";"):
            if statement.strip():
                connection.execute(statement)
    connection.execute("PRAGMA user_version = 3")
    connection.execute("INSERT INTO batch VALUES (1, 'jan', 'jan.csv', 'abc', "
                       "'2023-02-01T09:00:00+00:00', '2023-02-05', 1, 117600)")
    connection.execute(
        "INSERT INTO claim (batch, row, claim_id, representative, representative_id, person, "
        "scheme, version, grp, group_key, date, start_s, end_s, honorarium_ore, "
        "lost_income_ore, gift_ore, paid_ore, claimed_ore) VALUES (1, 2, 'J-1', "
        "' Kari  NORDMANN', '10234', '#10234', 'unn', '2022-01-01', NULL, NULL, "
        "'2023-01-10', 32400, 43200, 117600, 0, 0, 117600, 117600)")
    connection.close()
    with open_ledger(path) as book:
        assert book.connection.execute("PRAGMA user_version").fetchone()[0] == VERSION == 5
        assert book.connection.execute(
            "SELECT name_key, duration_s, facts_key FROM claim").fetchall() == [
            ("kari nordmann", 10800, None)]
    # a row of the name without the number is that person, and the meeting is paid
    again = write(tmp_path, "feb.csv", HEADER,
                  "X-1,Kari Nordmann,unn,,2023-01-10,,,3,fysisk,møte,,1176,,,,")
    assert due_and_codes(audited(again, "--ledger", str(path))) == [
        ("0.00", ["already_paid"])]


def test_dates_are_dates():  # the helpers above write ISO dates
    assert dt.date.fromisoformat("2023-03-02")


def test_a_note_asks_for_no_action(tmp_path):
    """`info` findings say why a due differs; they never make --fail-on warning exit 1."""
    claims = write(tmp_path, "claims.csv", HEADER,
                   "K-1,Ola Hansen,unn,,2022-03-02,09:00,12:00,,fysisk,møte,,,900,ja,,2022-03-06")
    result = run("audit", str(claims), "--fail-on", "warning")
    assert result.exit_code == 0, result.stdout
    assert "merknad" in result.stdout and "not_claimed" in result.stdout
    data = as_json(run("audit", str(claims), "--format", "json"))
    assert data["summary"]["severities"]["info"] == 1
