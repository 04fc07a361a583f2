"""The ledger under load and faults: two writers at once, a writer killed, a ledger locked,
read-only or on a full disk. Each leaves the ledger as it was or with whole batches."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honorar.ledger import LedgerUnavailable, create_ledger, guarded, open_ledger, record_batch
from honorar.ledger.store import Ledger
from honorar.tables.catalogue import Catalogue

from ..ledger_helpers import HEADER, MARCH, claims_file, one_line_error, rows_in, run

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers


def big_file(directory: Path, name: str, rows: int, prefix: str) -> Path:
    """`rows` clean claims, each its own meeting (no duplicates, no findings)."""
    lines = [HEADER]
    first = dt.date(2023, 1, 2)
    for n in range(rows):
        day = first + dt.timedelta(days=n // 8)
        start = 8 + n % 8
        lines.append(f"{prefix}-{n},Person {prefix} {n % 50},unn,,{day.isoformat()},"
                     f"{start:02d}:00,{start + 1:02d}:00,fysisk,møte,,392,,,,")
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def honorar(*args: str) -> subprocess.Popen:
    env = {**os.environ, "HONORAR_RATES": "", "HONORAR_LEDGER": ""}
    return subprocess.Popen([sys.executable, "-m", "honorar", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def batches(ledger: Path) -> dict[str, int]:
    """Each batch's stated claims, checked against the claims it holds."""
    found = {}
    with sqlite3.connect(ledger) as connection:
        for batch, name, claims in connection.execute("SELECT id, name, claims FROM batch"):
            held = connection.execute("SELECT count(*) FROM claim WHERE batch = ?",
                                      (batch,)).fetchone()[0]
            assert held == claims, (name, held, claims)
            found[name] = claims
        orphans = connection.execute(
            "SELECT count(*) FROM claim WHERE batch NOT IN (SELECT id FROM batch)").fetchone()[0]
        assert orphans == 0
    return found


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    create_ledger(path).close()
    return path


def test_two_writers_at_once_both_land_whole(tmp_path: Path, ledger: Path):
    files = [big_file(tmp_path, f"{name}.csv", 3000, name) for name in ("A", "B")]
    writers = [honorar("ledger", "record", str(f), "--ledger", str(ledger)) for f in files]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    assert batches(ledger) == {"A": 3000, "B": 3000}


def test_the_same_file_recorded_twice_at_once_lands_once(tmp_path: Path, ledger: Path):
    file = big_file(tmp_path, "same.csv", 3000, "S")
    writers = [honorar("ledger", "record", str(file), "--ledger", str(ledger), "--batch", name)
               for name in ("first", "second")]
    codes = sorted(w.wait(timeout=120) for w in writers)
    assert codes == [0, 2]
    assert list(batches(ledger).values()) == [3000]


@pytest.mark.parametrize("seed", range(6))
def test_a_writer_killed_at_any_moment_leaves_nothing_or_the_whole_batch(
        tmp_path: Path, ledger: Path, seed: int):
    first = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert run("ledger", "record", str(first), "--ledger", str(ledger)).exit_code == 0
    file = big_file(tmp_path, "big.csv", 8000, "X")
    writer = honorar("ledger", "record", str(file), "--ledger", str(ledger))
    time.sleep(random.Random(seed).uniform(0.3, 2.5))
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    # the next use rolls an interrupted batch back
    result = run("ledger", "list", "--ledger", str(ledger), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert batches(ledger) in ({"mars": 4}, {"mars": 4, "big": 8000})


def test_a_writer_killed_inside_its_transaction_leaves_the_ledger_as_it_was(
        tmp_path: Path, ledger: Path):
    first = claims_file(tmp_path, *MARCH, name="mars.csv")
    assert run("ledger", "record", str(first), "--ledger", str(ledger)).exit_code == 0
    file = big_file(tmp_path, "big.csv", 20000, "X")
    writer = honorar("ledger", "record", str(file), "--ledger", str(ledger))
    journal = ledger.with_name(ledger.name + "-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.2)  # well inside: the batch is being written
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert journal.exists()  # the transaction was under way
    assert run("ledger", "list", "--ledger", str(ledger)).exit_code == 0
    assert batches(ledger) == {"mars": 4}


def test_a_ledger_locked_past_the_wait_is_one_line_and_unchanged(tmp_path: Path, ledger: Path):
    holder = sqlite3.connect(ledger, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        file = claims_file(tmp_path, *MARCH)
        began = time.monotonic()
        result = run("ledger", "record", str(file), "--ledger", str(ledger), "--wait", "0.3")
        assert time.monotonic() - began < 10
        assert "locked" in one_line_error(result, 3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rows_in(ledger, "SELECT count(*) FROM batch") == 0


def _record(book: Ledger, file: Path, name: str = "b"):
    from honorar.claims import read_claims

    reader = read_claims(file)
    try:
        return record_batch(book, reader, Catalogue.from_options(environ={}), name=name,
                            file=file.name, sha256=name, paid_on=dt.date(2023, 4, 1),
                            recorded_at="2023-04-01T10:00:00+00:00", accept_findings=False)
    finally:
        reader.close()


def test_a_full_disk_is_one_failure_and_nothing_half_written(tmp_path: Path, ledger: Path):
    with open_ledger(ledger) as book:
        _record(book, claims_file(tmp_path, *MARCH, name="m.csv"), "mars")
    file = big_file(tmp_path, "big.csv", 5000, "F")
    book = open_ledger(ledger)
    pages = book.connection.execute("PRAGMA page_count").fetchone()[0]
    book.connection.execute(f"PRAGMA max_page_count = {pages + 5}")  # the disk fills up
    with pytest.raises(LedgerUnavailable, match="disk is full"), guarded(ledger, 1):
        _record(book, file)
    book.close()
    assert batches(ledger) == {"mars": 4}


def test_a_read_only_ledger_is_one_failure(tmp_path: Path, ledger: Path):
    connection = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(LedgerUnavailable, match="read-only"), guarded(ledger, 1):
        _record(Ledger(connection, ledger, 1), claims_file(tmp_path, *MARCH))
    connection.close()
    assert batches(ledger) == {}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_ledger_file_on_the_command_line(tmp_path: Path, ledger: Path):
    ledger.chmod(0o444)
    result = run("ledger", "record", str(claims_file(tmp_path, *MARCH)), "--ledger", str(ledger))
    assert "read-only" in one_line_error(result, 3)
    assert run("ledger", "list", "--ledger", str(ledger)).exit_code == 0


@pytest.mark.parametrize("wait", ["-1", "nan", "inf"])
def test_a_wait_that_is_no_number_of_seconds_is_one_line_in_honorar_s_words(tmp_path: Path,
                                                                           wait: str):
    ledger = tmp_path / "paid.db"
    result = run("ledger", "list", "--ledger", str(ledger), "--wait", wait, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (f"honorar: error: --wait: {wait} seconds; give a number of "
                             "seconds, 0 or more\n")
    norsk = run("ledger", "list", "--ledger", str(ledger), "--wait", wait)
    assert norsk.stderr == (f"honorar: feil: --wait: {wait} sekunder; oppgi et antall "
                            "sekunder, 0 eller mer\n")


def test_a_ledger_in_a_missing_folder_is_said_in_bokmal(tmp_path: Path):
    target = tmp_path / "nowhere" / "paid.db"
    result = run("ledger", "init", str(target))
    assert result.exit_code == 2
    assert result.stderr == (f"honorar: feil: registeret {target}: mappen '{target.parent}' "
                             "finnes ikke\n")
