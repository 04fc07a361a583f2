"""`honorar ledger init | record | list` and `audit --ledger`: what is kept, and what is not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..ledger_helpers import MARCH, as_json, claims_file, one_line_error, rows_in, run


def record(ledger: Path, file: Path, *extra: str):
    return run("ledger", "record", str(file), "--ledger", str(ledger), *extra)


# ---------------------------------------------------------------------------- init


def test_init_creates_an_empty_ledger_and_never_overwrites_a_file(tmp_path: Path, ledger: Path):
    assert as_json(run("ledger", "list", "--ledger", str(ledger), "--format", "json")) == {
        "batches": []}
    assert "ledger.db" in one_line_error(run("ledger", "init", str(ledger)), 2)
    other = tmp_path / "notes.txt"
    other.write_text("keep me")
    one_line_error(run("ledger", "init", str(other)), 2)
    assert other.read_text() == "keep me"


def test_init_takes_the_path_from_the_environment(tmp_path: Path):
    path = tmp_path / "from-env.db"
    assert run("ledger", "init", env={"HONORAR_LEDGER": str(path)}).exit_code == 0
    assert rows_in(path) == 0


# -------------------------------------------------------------------------- record


def test_record_keeps_the_amounts_due_as_integer_ore(tmp_path: Path, ledger: Path):
    over = MARCH[1].replace(",1176,", ",1960,")  # claims 1 960, is due 1 176
    file = claims_file(tmp_path, MARCH[0], over, MARCH[2], MARCH[3], name="mars-2023.csv")
    result = record(ledger, file, "--paid-on", "05.04.2023", "--accept-findings",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = as_json(result)
    assert data["batch"] == "mars-2023" and data["recorded"] is True
    assert data["claims"] == 4 and data["paid"] == "4812.00"  # 1176 * 2 + 980 * 2 + 500
    kept = {row[0]: row[1:] for row in sqlite3.connect(ledger).execute(
        "SELECT claim_id, paid_ore, claimed_ore, typeof(paid_ore), lost_income_ore FROM claim")}
    assert kept["K-2"] == (117600, 196000, "integer", 0)
    assert kept["K-4"] == (148000, 148000, "integer", 50000)
    listed = as_json(run("ledger", "list", "--ledger", str(ledger), "--format", "json"))
    assert listed["batches"][0] | {"recorded_at": "…", "sha256": "…"} == {
        "batch": "mars-2023", "file": "mars-2023.csv", "sha256": "…", "recorded_at": "…",
        "paid_on": "2023-04-05", "claims": 4, "paid": "4812.00"}
    assert len(listed["batches"][0]["sha256"]) == 64


def test_record_refuses_a_batch_with_errors_and_keeps_nothing(tmp_path: Path, ledger: Path):
    over = MARCH[1].replace(",1176,", ",1960,")
    file = claims_file(tmp_path, MARCH[0], over)
    result = record(ledger, file)
    assert result.exit_code == 1
    assert "honorarium_overclaimed" in result.stdout and "--accept-findings" in result.stdout
    assert rows_in(ledger) == 0 and rows_in(ledger, "SELECT count(*) FROM batch") == 0


def test_a_clean_batch_needs_no_acceptance(tmp_path: Path, ledger: Path):
    file = claims_file(tmp_path, *MARCH)
    result = record(ledger, file, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert "Batch claims recorded: 4 claims" in result.stdout


def test_rows_not_paid_are_never_recorded(tmp_path: Path, ledger: Path):
    file = claims_file(
        tmp_path, MARCH[0],
        MARCH[0].replace("K-1", "K-1b"),  # the same person at the same meeting: a duplicate
        "K-5,Liv,unn,,2023-03-02,09:00,12:00,fysisk,møte,,1176,,,,2023-03-06",
        "K-6,Eva,unn,,not a date,09:00,12:00,fysisk,møte,,1176,,,,",  # invalid
        "K-7,Siri,unn,,2023-03-02,,,fysisk,likemannsoppdrag,,300,,,,",  # undecided (UNN)
        "K-8,Tor,fousam,,2023-03-02,,,fysisk,møte,nei,850,,,,",  # no agreement: due 0
    )
    data = as_json(record(ledger, file, "--accept-findings", "--format", "json"))
    assert data["claims"] == 2
    assert data["not_recorded"] == {"invalid": 1, "voided": 1, "undecided": 1, "nothing_due": 1}
    ids = {row[0] for row in sqlite3.connect(ledger).execute("SELECT claim_id FROM claim")}
    assert ids == {"K-1", "K-5"}


def test_record_reads_an_unknown_activity_word_as_the_audit_does(tmp_path: Path, ledger: Path):
    file = claims_file(tmp_path, MARCH[0].replace(",møte,", ",kaffeprat,"))
    audited = as_json(run("audit", str(file), "--format", "json"))
    recorded = as_json(record(ledger, file, "--accept-findings", "--format", "json"))
    assert audited["summary"]["findings"] == {"invalid_row": 1}
    assert recorded["findings"] == audited["summary"]["findings"]
    assert recorded["not_recorded"]["invalid"] == 1 and recorded["claims"] == 0


def test_the_same_content_twice_is_refused_naming_the_batch(tmp_path: Path, ledger: Path):
    file = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert record(ledger, file, "--batch", "mars-2023").exit_code == 0
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(file.read_bytes())
    message = one_line_error(record(ledger, copy, "--batch", "april"), 2)
    assert "'mars-2023'" in message
    assert rows_in(ledger, "SELECT count(*) FROM batch") == 1


def test_a_batch_name_is_used_once(tmp_path: Path, ledger: Path):
    assert record(ledger, claims_file(tmp_path, MARCH[0], name="a.csv"), "--batch",
                  "mars").exit_code == 0
    message = one_line_error(record(ledger, claims_file(tmp_path, MARCH[2], name="b.csv"),
                                    "--batch", "mars"), 2)
    assert "--batch" in message
    assert rows_in(ledger) == 1


def test_record_needs_a_ledger_and_a_file(tmp_path: Path):
    file = claims_file(tmp_path, *MARCH)
    assert "--ledger" in one_line_error(run("ledger", "record", str(file)), 2)
    one_line_error(run("ledger", "record", str(file), "--ledger", str(tmp_path / "none.db")), 2)
    one_line_error(run("ledger", "record", "-", "--ledger", str(tmp_path / "l.db")), 2)


# -------------------------------------------------------------------- audit --ledger


def test_the_next_month_audited_against_the_ledger(tmp_path: Path, ledger: Path):
    assert record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv"), "--paid-on",
                  "2023-04-05").exit_code == 0
    april = claims_file(
        tmp_path,
        MARCH[0].replace(",Rus,", ",,"),  # the same claim id again
        "A-2,ola  HANSEN,unn,,2023-03-02,11:00,12:00,fysisk,møte,,392,,,,2023-04-02",  # overlaps
        "A-3,Ola Hansen,unn,,2023-03-02,12:00,13:00,fysisk,møte,,392,,,,2023-04-02",  # touches
        "A-4,Per Olsen,unn,,2023-03-10,10:00,11:30,fysisk,undervisning,,980,,,,2023-04-02",
        name="april.csv")
    data = as_json(run("audit", str(april), "--ledger", str(ledger), "--format", "json",
                       "--lang", "en"))
    found = {c["claim_id"]: c for c in data["claims"]}
    assert [f["code"] for f in found["K-1"]["findings"]] == ["already_paid"]
    assert found["K-1"]["findings"][0]["message"] == (
        "Claim id K-1 was already paid in batch mars (2023-04-05)")
    assert found["K-1"]["due"]["total"] == "0.00"
    assert [f["code"] for f in found["A-2"]["findings"]] == ["already_paid"]
    assert "same meeting on 2023-03-02, in batch mars" in found["A-2"]["findings"][0]["message"]
    assert found["A-3"]["findings"] == [] and found["A-3"]["due"]["total"] == "392.00"
    assert found["A-4"]["findings"] == []
    assert data["summary"]["due_total"] == "1372.00"  # 0 + 0 + 392 + 980
    # the 2023 meetings are after the UNN table's review date: said once, in the summary
    assert data["summary"]["findings"] == {"already_paid": 2, "rates_may_be_outdated": 1}


def test_without_times_the_same_group_is_the_same_meeting(tmp_path: Path, ledger: Path):
    first = "F-1,Kari,fousam,Rus,2023-03-02,,,fysisk,heldag,ja,1700,,,,2023-03-03"
    assert record(ledger, claims_file(tmp_path, first, name="m.csv")).exit_code == 0
    april = claims_file(tmp_path, "F-9,KARI,fousam,rus,2023-03-02,,,fysisk,heldag,ja,1700,,,,",
                        "F-10,Kari,fousam,Hjerte,2023-03-02,,,fysisk,heldag,ja,1700,,,,",
                        name="a.csv")
    data = as_json(run("audit", str(april), "--ledger", str(ledger), "--format", "json"))
    assert [[f["code"] for f in c["findings"]] for c in data["claims"]] == [["already_paid"], []]


def test_recording_next_month_leaves_out_what_was_paid(tmp_path: Path, ledger: Path):
    assert record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv")).exit_code == 0
    april = claims_file(tmp_path, MARCH[0], "A-9,Eva,unn,,2023-04-02,09:00,10:00,fysisk,møte,,392,,,,",
                        name="april.csv")
    assert record(ledger, april).exit_code == 1  # already_paid is an error
    data = as_json(record(ledger, april, "--accept-findings", "--format", "json"))
    assert data["claims"] == 1 and data["not_recorded"]["voided"] == 1
    assert rows_in(ledger) == 5


def test_audit_finds_the_ledger_in_the_environment(tmp_path: Path, ledger: Path):
    assert record(ledger, claims_file(tmp_path, *MARCH, name="mars.csv")).exit_code == 0
    result = run("audit", str(tmp_path / "mars.csv"), "--format", "json",
                 env={"HONORAR_LEDGER": str(ledger)})
    # 2023 meetings: the UNN table may be outdated, said once in the summary
    assert as_json(result)["summary"]["findings"] == {"already_paid": 4,
                                                      "rates_may_be_outdated": 1}


def test_audit_with_a_missing_ledger_is_one_line(tmp_path: Path):
    file = claims_file(tmp_path, *MARCH)
    one_line_error(run("audit", str(file), "--ledger", str(tmp_path / "nope.db")), 2)


# ------------------------------------------------------------- files that are not ledgers


def test_a_file_that_is_not_a_ledger_is_one_line(tmp_path: Path):
    text = tmp_path / "claims.csv"
    text.write_text("this is not a database at all, but it is long enough " * 40)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for path in (text, other, empty, tmp_path):
        assert "ledger" in one_line_error(run("ledger", "list", "--ledger", str(path), "--lang", "en"), 2)


def test_a_ledger_from_a_newer_honorar_is_refused(ledger: Path):
    with sqlite3.connect(ledger) as connection:
        connection.execute("PRAGMA user_version = 99")
    message = one_line_error(run("ledger", "list", "--ledger", str(ledger)), 2)
    assert "newer" in message and "99" in message


def test_a_representative_id_names_the_person_across_months(tmp_path: Path, ledger: Path):
    header = "claim_id,representative_id,representative,scheme,date,start,end,attendance,claimed_honorarium"
    march = tmp_path / "m.csv"
    march.write_text(f"{header}\nM-1,4711,Kari Nordmann,unn,2023-03-02,09:00,12:00,fysisk,1176\n")
    assert record(ledger, march).exit_code == 0
    april = tmp_path / "a.csv"
    april.write_text(f"{header}\nA-1,4711,K. Nordmann,unn,2023-03-02,10:00,11:00,fysisk,392\n"
                     "A-2,4712,Kari Nordmann,unn,2023-03-02,10:00,11:00,fysisk,392\n")
    data = as_json(run("audit", str(april), "--ledger", str(ledger), "--format", "json"))
    assert [[f["code"] for f in c["findings"]] for c in data["claims"]] == [["already_paid"], []]


def test_the_lost_income_cap_per_day_counts_what_was_paid_that_day(tmp_path: Path,
                                                                    ledger: Path):
    """FOUSAM's kr 1 500 a day is shared by one person's meetings of one day, also when the
    first was paid in an earlier batch: the next month's claim for another meeting that day
    gets what is left, in the audit and in the ledger."""
    morning = ("F-1,Anne Berg,fousam,Rus,2024-03-05,09:00,11:00,fysisk,møte,ja,850,1000,ja,,"
               "2024-03-10")
    assert record(ledger, claims_file(tmp_path, morning, name="mars.csv"), "--batch", "mars",
                  "--paid-on", "2024-04-05").exit_code == 0
    april = claims_file(
        tmp_path,
        "F-2,ANNE BERG,fousam,Rus,2024-03-05,13:00,15:00,fysisk,møte,ja,850,1000,ja,,2024-04-02",
        "F-3,Anne Berg,fousam,Rus,2024-03-05,16:00,17:00,fysisk,møte,ja,850,1000,ja,,2024-04-02",
        "F-4,Bob Dahl,fousam,Rus,2024-03-05,13:00,15:00,fysisk,møte,ja,850,1000,ja,,2024-04-02",
        name="april.csv")
    data = as_json(run("audit", str(april), "--ledger", str(ledger), "--format", "json",
                       "--lang", "en"))
    found = {c["claim_id"]: c for c in data["claims"]}
    # 1 000 of the 1 500 was paid in March: 500 is left for F-2, nothing for F-3
    assert found["F-2"]["due"]["lost_income"] == "500.00"
    assert found["F-2"]["due"]["total"] == "1350.00"
    assert [f["code"] for f in found["F-2"]["findings"]] == ["lost_income_over_cap"]
    assert "batch mars" in found["F-2"]["findings"][0]["message"]
    assert found["F-3"]["due"]["lost_income"] == "0.00"
    assert "row 2" in found["F-3"]["findings"][0]["message"]
    assert found["F-4"]["due"]["total"] == "1850.00"  # another person: a day of his own
    assert data["summary"]["due_total"] == "4050.00"  # 1 350 + 850 + 1 850
    # and recorded as it was audited: 1 850 in March, 4 050 in April
    result = record(ledger, april, "--accept-findings", "--batch", "april")
    assert result.exit_code == 0, result.stderr
    assert rows_in(ledger, "SELECT sum(lost_income_ore) FROM claim "
                           "WHERE person = 'anne berg'") == 150000
    assert rows_in(ledger, "SELECT sum(paid_ore) FROM claim") == 185000 + 405000


def test_lost_income_another_scheme_paid_that_day_leaves_the_cap_alone(tmp_path: Path,
                                                                        ledger: Path):
    """FOUSAM caps what FOUSAM pays: lost income UNN paid the same person that day counts
    against it neither in one file nor from an earlier batch."""
    unn = "U-1,Kari Nordmann,unn,Rus,2024-03-05,09:00,11:00,fysisk,møte,ja,784,1000,ja,,2024-03-10"
    fousam = ("F-1,Kari Nordmann,fousam,Rus,2024-03-05,13:00,15:00,fysisk,møte,ja,850,1000,ja,,"
              "2024-04-02")
    together = as_json(run("audit", str(claims_file(tmp_path, unn, fousam, name="both.csv")),
                           "--format", "json"))
    assert together["claims"][1]["due"]["lost_income"] == "1000.00"
    assert record(ledger, claims_file(tmp_path, unn, name="mars.csv"), "--batch", "mars",
                  "--paid-on", "2024-04-05").exit_code == 0
    april = claims_file(tmp_path, fousam, name="april.csv")
    (claim,) = as_json(run("audit", str(april), "--ledger", str(ledger), "--format",
                           "json"))["claims"]
    assert claim["due"]["lost_income"] == "1000.00" and claim["findings"] == []
    assert record(ledger, april, "--batch", "april").exit_code == 0
    assert rows_in(ledger, "SELECT lost_income_ore FROM claim WHERE claim_id = 'F-1'") == 100000


def test_the_same_content_twice_says_its_dates_as_the_reader_writes_dates(tmp_path: Path,
                                                                          ledger: Path):
    file = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert record(ledger, file, "--paid-on", "2023-04-05").exit_code == 0
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(file.read_bytes())
    assert "betalt 05.04.2023" in one_line_error(record(ledger, copy, "--lang", "nn"), 2)
    assert "paid 2023-04-05" in one_line_error(record(ledger, copy, "--lang", "en"), 2)
