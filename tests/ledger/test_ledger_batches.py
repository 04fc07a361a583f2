"""`honorar ledger show | undo | list --log`, and ledgers of the first schema brought forward."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from honorar.ledger import open_ledger
from honorar.ledger.schema import APPLICATION_ID, STEPS, VERSION

from ..ledger_helpers import MARCH, as_json, claims_file, one_line_error, rows_in, run


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    assert run("ledger", "init", str(path)).exit_code == 0
    file = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert run("ledger", "record", str(file), "--ledger", str(path), "--paid-on",
               "2023-04-05").exit_code == 0
    return path


def test_show_gives_the_batch_and_its_claims_as_paid(ledger: Path):
    data = as_json(run("ledger", "show", "mars", "--ledger", str(ledger), "--format", "json"))
    assert data["batch"]["batch"] == "mars" and data["batch"]["paid"] == "4812.00"
    assert [c["claim_id"] for c in data["claims"]] == ["K-1", "K-2", "K-3", "K-4"]
    assert data["claims"][3] == {
        "row": 5, "claim_id": "K-4", "representative": "Kari Nordmann",
        "representative_id": None, "scheme": "unn", "version": "2022-01-01",
        "group": "Hjerte", "date": "2023-03-09", "start": "10:00", "end": "11:30",
        "paid": {"honorarium": "980.00", "lost_income": "500.00", "gift": "0.00",
                 "travel": "0.00", "total": "1480.00"}, "claimed": "1480.00"}
    table = run("ledger", "show", "mars", "--ledger", str(ledger), "--lang", "en")
    assert "Batch mars: 4 claims, NOK 4,812.00 paid on 2023-04-05" in table.stdout
    assert "Kari Nordmann" in table.stdout and "10:00–11:30" in table.stdout


def test_show_of_an_unknown_batch_is_one_line(ledger: Path):
    assert "'april'" in one_line_error(run("ledger", "show", "april", "--ledger", str(ledger)), 2)


def test_undo_removes_the_batch_and_keeps_the_removal_in_the_log(tmp_path: Path, ledger: Path):
    result = run("ledger", "undo", "mars", "--ledger", str(ledger), "--lang", "en")
    assert result.exit_code == 0 and "Batch mars removed (4 claims" in result.stdout
    assert rows_in(ledger) == 0
    assert as_json(run("ledger", "list", "--ledger", str(ledger), "--format", "json")) == {
        "batches": []}
    log = as_json(run("ledger", "list", "--log", "--ledger", str(ledger), "--format", "json"))
    assert [(e["action"], e["batch"], e["claims"], e["paid"]) for e in log["log"]] == [
        ("record", "mars", 4, "4812.00"), ("undo", "mars", 4, "4812.00")]
    # once undone, the claims are no longer paid, and the same file may be recorded again
    file = tmp_path / "mars.csv"
    audit = as_json(run("audit", str(file), "--ledger", str(ledger), "--format", "json"))
    assert "already_paid" not in audit["summary"]["findings"]
    assert run("ledger", "record", str(file), "--ledger", str(ledger)).exit_code == 0
    one_line_error(run("ledger", "undo", "april", "--ledger", str(ledger)), 2)


# ------------------------------------------------------------------------- migrations


def first_schema_ledger(path: Path) -> None:
    """A ledger as the first released schema made it, with one batch in it."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in STEPS[0].split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO batch VALUES (1, 'jan', 'jan.csv', 'abc', "
                       "'2023-02-01T09:00:00+00:00', '2023-02-05', 1, 117600)")
    connection.execute(
        "INSERT INTO claim (batch, row, claim_id, representative, representative_id, person, "
        "scheme, version, grp, group_key, date, start_s, end_s, honorarium_ore, "
        "lost_income_ore, gift_ore, paid_ore, claimed_ore) VALUES (1, 2, 'J-1', "
        "'Kari Nordmann', NULL, 'kari nordmann', 'unn', '2022-01-01', NULL, NULL, "
        "'2023-01-10', 32400, 43200, 117600, 0, 0, 117600, 117600)")
    connection.close()


def test_a_first_schema_ledger_is_brought_forward_with_its_batches(tmp_path: Path):
    path = tmp_path / "old.db"
    first_schema_ledger(path)
    with open_ledger(path) as book:
        assert book.connection.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert [(e.action, e.batch, e.claims) for e in book.log()] == [("record", "jan", 1)]
        assert [b.name for b in book.batches()] == ["jan"]
    # what it held is still paid, and it takes new batches
    again = claims_file(tmp_path, "X-1,KARI nordmann,unn,,2023-01-10,10:00,11:00,fysisk,møte,,392,,,,",
                        name="feb.csv")
    audit = as_json(run("audit", str(again), "--ledger", str(path), "--format", "json"))
    # a 2023 meeting is after the UNN table's review date: said once, in the summary
    assert audit["summary"]["findings"] == {"already_paid": 1, "rates_may_be_outdated": 1}
    file = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert run("ledger", "record", str(file), "--ledger", str(path)).exit_code == 0
    assert rows_in(path) == 5


def test_the_steps_from_nothing_and_from_the_first_schema_agree(tmp_path: Path):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    assert run("ledger", "init", str(new)).exit_code == 0
    first_schema_ledger(old)
    open_ledger(old).close()

    def schema(path: Path) -> list:
        with sqlite3.connect(path) as connection:
            return sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))

    assert schema(new) == schema(old)
