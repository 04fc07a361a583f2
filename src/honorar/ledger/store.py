"""The ledger file: opening, creating and migrating it, and what can go wrong doing so.

One SQLite file with the default rollback journal, so that a ledger is one file to back up
and a writer killed at any moment leaves it as it was (the journal is rolled back the next
time it is opened). A writer takes the write lock when it starts (`BEGIN IMMEDIATE`) and
another waits for it up to the busy timeout.

Two kinds of failure reach the user as one line: `LedgerError`, the ledger given cannot be
used (no such file, not a ledger, made by a newer honorar, a batch name taken), and
`LedgerUnavailable`, the machine refuses (read-only, locked past the timeout, disk full).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from ..money import from_ore, to_ore
from ..problem import Problem, said
from ..tables.yamldoc import os_said
from .schema import APPLICATION_ID, STEPS, VERSION

DEFAULT_TIMEOUT = 30.0  # seconds a writer waits for another to finish


class LedgerError(Problem):
    """The ledger (or what was asked of it) cannot be used: one line for the user."""


class LedgerUnavailable(Problem):
    """The machine refuses the ledger (read-only, locked, disk full): one line."""


@dataclass(frozen=True, slots=True)
class Batch:
    """One recorded file: what was paid, and when."""

    id: int
    name: str
    file: str
    sha256: str
    recorded_at: str  # ISO date and time, UTC
    paid_on: dt.date
    claims: int
    paid: Decimal


_BATCH_COLUMNS = "id, name, file, sha256, recorded_at, paid_on, claims, paid_ore"


@dataclass(frozen=True, slots=True)
class PaidClaim:
    """One claim of a batch, as it was paid."""

    row: int
    claim_id: str
    representative: str
    representative_id: str | None
    scheme: str
    version: str | None
    group: str | None
    date: dt.date
    start: int | None  # seconds from midnight
    end: int | None
    honorarium: Decimal
    lost_income: Decimal
    gift: Decimal
    travel: Decimal  # travel and stay, part of `paid`
    paid: Decimal
    claimed: Decimal
    # what each part was paid (`rules.paid_parts` JSON); None for a claim recorded before
    # the ledger kept it (schema step 5)
    paid_parts: str | None = None


_CLAIM_COLUMNS = ("row, claim_id, representative, representative_id, scheme, version, grp, "
                  "date, start_s, end_s, honorarium_ore, lost_income_ore, gift_ore, travel_ore, "
                  "paid_ore, claimed_ore, paid_parts")


def _claim(r: tuple) -> PaidClaim:
    return PaidClaim(r[0], r[1], r[2], r[3], r[4], r[5], r[6], dt.date.fromisoformat(r[7]),
                     r[8], r[9], *(from_ore(ore) for ore in r[10:16]), r[16])


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A batch recorded or undone, and when."""

    at: str  # ISO date and time, UTC
    action: str  # record | undo
    batch: str
    file: str
    sha256: str
    paid_on: dt.date
    claims: int
    paid: Decimal


_LOG_COLUMNS = "at, action, batch, file, sha256, paid_on, claims, paid_ore"


def _batch(row: tuple) -> Batch:
    return Batch(row[0], row[1], row[2], row[3], row[4], dt.date.fromisoformat(row[5]), row[6],
                 from_ore(row[7]))


class Ledger:
    def __init__(self, connection: sqlite3.Connection, path: Path, timeout: float) -> None:
        self.connection = connection
        self.path = path
        self.timeout = timeout
        self.version = VERSION  # its schema's (an older one where opened only to read)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is kept, or none of it."""
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def batches(self) -> list[Batch]:
        rows = self.connection.execute(f"SELECT {_BATCH_COLUMNS} FROM batch ORDER BY id")
        return [_batch(row) for row in rows]

    def batch(self, name: str) -> Batch | None:
        row = self.connection.execute(f"SELECT {_BATCH_COLUMNS} FROM batch WHERE name = ?",
                                      (name,)).fetchone()
        return None if row is None else _batch(row)

    def claims_of(self, batch: Batch) -> Iterator[PaidClaim]:
        rows = self.connection.execute(f"SELECT {_CLAIM_COLUMNS} FROM claim WHERE batch = ? "
                                       "ORDER BY row", (batch.id,))
        return (_claim(row) for row in rows)

    def log(self) -> list[LogEntry]:
        rows = self.connection.execute(f"SELECT {_LOG_COLUMNS} FROM log ORDER BY id")
        return [LogEntry(r[0], r[1], r[2], r[3], r[4], dt.date.fromisoformat(r[5]), r[6],
                         from_ore(r[7])) for r in rows]

    def write_log(self, action: str, batch: Batch, at: str) -> None:
        """Note `action` on `batch`, inside the caller's transaction."""
        self.connection.execute(
            f"INSERT INTO log ({_LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at, action, batch.name, batch.file, batch.sha256, batch.paid_on.isoformat(),
             batch.claims, to_ore(batch.paid)))

    def undo(self, name: str, at: str) -> Batch:
        """Remove batch `name` and its claims, noting the removal in the log."""
        with self.writing() as connection:
            batch = self.batch(name)
            if batch is None:
                raise LedgerError(said("ledger.no_batch", batch=name, ledger=str(self.path)))
            connection.execute("DELETE FROM claim WHERE batch = ?", (batch.id,))
            connection.execute("DELETE FROM batch WHERE id = ?", (batch.id,))
            self.write_log("undo", batch, at)
        return batch

    def batch_with_content(self, sha256: str) -> Batch | None:
        row = self.connection.execute(f"SELECT {_BATCH_COLUMNS} FROM batch WHERE sha256 = ?",
                                      (sha256,)).fetchone()
        return None if row is None else _batch(row)


def _connect(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
    uri = f"file:{quote(os.fspath(path))}?mode={mode}"
    # autocommit: transactions are begun and ended by `Ledger.writing` alone
    connection = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                 check_same_thread=False)
    _distrust(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    _functions(connection)
    return connection


def _functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the schema's steps call: names normalised as the checks do
    (`persons.normalised_name`)."""
    from ..audit.checks.persons import normalised_name

    connection.create_function("normalised_name", 1, normalised_name, deterministic=True)


def _distrust(connection: sqlite3.Connection) -> None:
    """What a ledger file holds is not trusted to run: no SQL function with side effects
    from its schema (`trusted_schema` off), no extension loaded, and no query working on
    without a pause for longer than `limits.LEDGER_QUERY_SECONDS` (SQLite's progress
    handler adds up the time between its calls while they come close together, as they
    do while SQLite works, and stops the statement past the limit; a pause, as between
    the statements or while a report waits on its reader, starts the count again)."""
    from .. import limits

    connection.execute("PRAGMA trusted_schema = OFF")
    with contextlib.suppress(AttributeError, sqlite3.Error):
        connection.enable_load_extension(False)
    seconds = limits.LEDGER_QUERY_SECONDS
    clock = time.monotonic
    state = [clock(), 0.0]  # the last call, and the time worked since the last pause

    def too_long() -> int:
        now = clock()
        since = now - state[0]
        state[0] = now
        state[1] = state[1] + since if since < _PAUSE else 0.0
        return state[1] > seconds

    connection.set_progress_handler(too_long, _PROGRESS_STEPS)


_PROGRESS_STEPS = 100_000  # SQLite's steps between two looks at the clock (about 1 ms)
_PAUSE = 1.0  # seconds between two looks that mean SQLite was not working all along


def _regular(path: Path) -> None:
    """Refuse a ledger path that exists and is no regular file (a directory, a device, a
    pipe): SQLite would leave a journal beside it, or wait on it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise LedgerUnavailable(said("ledger.at", ledger=str(path), reason=os_said(err))) \
            from None
    if stat.S_ISDIR(mode):
        raise LedgerError(said("ledger.is_directory", ledger=str(path)))
    if not stat.S_ISREG(mode):
        raise LedgerError(said("ledger.not_regular", ledger=str(path)))


def create_ledger(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Ledger:
    """A new, empty ledger at `path` (an existing file is never touched, unless empty)."""
    _regular(path)
    if path.exists() and path.stat().st_size > 0:
        raise LedgerError(said("ledger.exists", ledger=str(path)))
    if not path.parent.is_dir():
        raise LedgerError(said("ledger.at", ledger=str(path), reason=said(
            "usage.no_directory", directory=str(path.parent))))
    with guarded(path, timeout):
        connection = _connect(path, "rwc", timeout)
        ledger = Ledger(connection, path, timeout)
        with ledger.writing():
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            _apply_steps(connection, 0)
        return ledger


def open_ledger(path: Path, timeout: float = DEFAULT_TIMEOUT, *,
                read_only: bool = False) -> Ledger:
    """The ledger at `path`, brought to this honorar's schema if it is older; or, `read_only`,
    opened only to read, as it is (an older schema is not brought forward: `Ledger.version`
    says which it has, and a file that cannot be written can be read)."""
    if not path.exists():
        raise LedgerError(said("ledger.none", ledger=str(path), command=shlex.quote(str(path))))
    _regular(path)
    with guarded(path, timeout):
        connection = _connect(path, "ro" if read_only else "rw", timeout)
        try:
            version = _check(connection, path)
            _check_schema(connection, path, version)
            ledger = Ledger(connection, path, timeout)
            ledger.version = version
            if version < VERSION and not read_only:
                with ledger.writing():
                    _apply_steps(connection, _user_version(connection))
                ledger.version = VERSION
        except BaseException:
            connection.close()
            raise
        return ledger


def _user_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def _check(connection: sqlite3.Connection, path: Path) -> int:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    if application != APPLICATION_ID:
        raise LedgerError(said("ledger.not_a_ledger", ledger=str(path)))
    version = _user_version(connection)
    if version > VERSION:
        raise LedgerError(said("ledger.newer", ledger=str(path), version=version, known=VERSION))
    return version


def _schema(connection: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """Every table, index, trigger and view, as (type, name, table, SQL with its spacing
    made one space), in order."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    return sorted((kind, name, table, None if sql is None else " ".join(sql.split()))
                  for kind, name, table, sql in rows)


def _expected_schema(version: int) -> list[tuple[str, str, str, str | None]]:
    """The schema honorar makes for a ledger of `version`: its steps run on a database of
    nothing, in memory."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    _functions(memory)
    try:
        for step in STEPS[:version]:
            for statement in step.split(";"):
                if statement.strip():
                    memory.execute(statement)
        return _schema(memory)
    finally:
        memory.close()


def _check_schema(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a ledger whose schema is not exactly the one honorar makes for its version,
    before any statement reads or writes its data: a trigger planted in it would run on
    the next write, a view would answer in a table's place."""
    try:
        found = _schema(connection)
    except sqlite3.DatabaseError as err:
        if isinstance(err, sqlite3.OperationalError) and _machine(err):
            raise
        raise LedgerError(said("ledger.damaged_schema", ledger=str(path),
                               error=str(err))) from None
    expected = _expected_schema(version)
    if found != expected:
        strange = sorted({f"{kind} {name}" for kind, name, _, _ in set(found) - set(expected)})
        missing = sorted({f"{kind} {name}" for kind, name, _, _ in set(expected) - set(found)})
        parts = [*([said("ledger.schema_strange", names=", ".join(strange))] if strange else []),
                 *([said("ledger.schema_missing", names=", ".join(missing))] if missing else [])]
        what = parts[0] if len(parts) == 1 else said("ledger.schema_both", first=parts[0],
                                                      second=parts[1])
        raise LedgerError(said("ledger.other_schema", ledger=str(path), version=version,
                               what=what))


def _machine(err: sqlite3.Error) -> bool:
    """Whether an SQLite error is the machine's (a lock, the disk) rather than the file's."""
    name = getattr(err, "sqlite_errorname", "") or ""
    return any(name == prefix or name.startswith(prefix + "_") for prefix in _UNAVAILABLE)


def _apply_steps(connection: sqlite3.Connection, version: int) -> None:
    """The steps after `version`, inside the caller's transaction (no executescript: it
    would commit first)."""
    for number, step in enumerate(STEPS[version:], version + 1):
        for statement in step.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {number}")


# ------------------------------------------------------------------ failures as one line

# SQLite's errors by their name (`sqlite_errorname`), as the keys that say them
_UNAVAILABLE = {
    "SQLITE_BUSY": "ledger.locked", "SQLITE_LOCKED": "ledger.locked",
    "SQLITE_READONLY": "ledger.read_only", "SQLITE_FULL": "ledger.disk_full",
    "SQLITE_IOERR": "ledger.io_error", "SQLITE_CANTOPEN": "ledger.cannot_open",
    "SQLITE_PERM": "ledger.permission", "SQLITE_AUTH": "ledger.permission",
}
_NOT_A_LEDGER = ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def failure(err: sqlite3.Error, path: Path, timeout: float) -> Exception:
    """What an SQLite error means to the user: a `LedgerError` or a `LedgerUnavailable`."""
    name = getattr(err, "sqlite_errorname", "") or ""
    for prefix, key in _UNAVAILABLE.items():
        if name == prefix or name.startswith(prefix + "_"):
            return LedgerUnavailable(said(key, ledger=str(path), seconds=f"{timeout:g}"))
    if name in _NOT_A_LEDGER or name.startswith("SQLITE_CORRUPT"):
        return LedgerError(said("ledger.damaged", ledger=str(path)))
    if name == "SQLITE_INTERRUPT":  # the progress handler: a statement ran too long
        from .. import limits

        return LedgerUnavailable(said("ledger.too_slow", ledger=str(path),
                                      seconds=f"{limits.LEDGER_QUERY_SECONDS:g}"))
    return LedgerUnavailable(said("ledger.at", ledger=str(path), reason=said(
        "os.other", reason=str(err))))


@contextlib.contextmanager
def guarded(path: Path, timeout: float) -> Iterator[None]:
    """SQLite's errors, and the system's, as one of the two failures a user is shown."""
    try:
        yield
    except sqlite3.Error as err:
        raise failure(err, path, timeout) from None
    except OSError as err:
        if err.filename is None:
            # a stream that failed (standard output closed, `| head`), not a file: the
            # command line says so, and does not blame the ledger
            raise
        raise LedgerUnavailable(said("ledger.at", ledger=str(path), reason=os_said(err))) \
            from None
