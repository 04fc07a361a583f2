"""Recording a batch: audit a file against the ledger and keep what is paid, in one
transaction.

The file is audited as `honorar audit --ledger` would audit it, and each claim that is
paid is written as it is audited; at the end the batch is kept whole, or, when the audit
found errors and they were not accepted, nothing of it is kept. What is recorded is the
amount *due*, never the amount claimed.

A row is not recorded (it is not paid) when it
- cannot be read (`invalid`),
- repeats a claim, in the file or in the ledger (`voided`: a duplicate, already paid),
- is a claim no rule decides (`undecided`: no table, an activity the table does not know),
- or is due nothing (`nothing_due`: no agreement, an activity never paid): recording it
  would make a corrected claim for the same meeting look paid.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import memo
from ..audit.checks.paid import MeetingKeys, stable_identity
from ..audit.results import ClaimResult, Tables
from ..audit.summary import Summary, run_audit
from ..claims.stored import facts_json
from ..domain import VOIDS_PAYMENT, ZERO, Calculation, Finding
from ..money import to_ore
from ..problem import Day, said
from ..rules.paid_parts import PartsJson
from .paid import LedgerPaidClaims
from .store import Batch, Ledger, LedgerError

# what keeps a claim out of the ledger besides a voided payment
NOT_PAID_CODES = VOIDS_PAYMENT | {"duplicate_claim"}
REASONS = ("invalid", "voided", "undecided", "nothing_due")
_FLUSH_EVERY = 4096
WRITE_CACHE_KIB = 65_536

_INSERT = ("INSERT INTO claim (batch, row, claim_id, representative, representative_id, "
           "person, scheme, version, grp, group_key, date, start_s, end_s, honorarium_ore, "
           "lost_income_ore, gift_ore, travel_ore, paid_ore, claimed_ore, name_key, duration_s, "
           "facts_key, facts, paid_parts) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass(slots=True)
class Recording:
    """How a `record` went: the batch kept (None when refused), the audit's summary, and
    how many rows were left out, by reason."""

    batch: Batch | None
    summary: Summary
    not_recorded: dict[str, int] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return self.batch is None


def not_paid_reason(result: ClaimResult) -> str | None:
    """Why a row is not recorded as paid, or None when it is."""
    if result.claim is None:
        return "invalid"
    if any(f.code in NOT_PAID_CODES for f in result.findings):
        return "voided"
    due = result.due_total
    if due is None:
        return "undecided"
    if due == ZERO:
        return "nothing_due"
    return None


class _Rows:
    """The audit's report while recording: each paid claim goes into the batch."""

    def __init__(self, connection: sqlite3.Connection, batch: int,
                 meeting_key: MeetingKeys) -> None:
        self._connection = connection
        self._batch = batch
        self._meeting_key = meeting_key
        self._ore: dict[tuple, tuple[int, ...]] = memo.memo()  # a calculation's amounts → in øre
        self._parts = PartsJson()  # what each part of a claim was paid, as JSON
        self._pending: list[tuple] = []
        self.claims = 0
        self.paid_ore = 0
        self.not_recorded = dict.fromkeys(REASONS, 0)

    def add(self, result: ClaimResult) -> None:
        reason = not_paid_reason(result)
        if reason is not None:
            self.not_recorded[reason] += 1
            return
        claim, calculation = result.claim, result.calculation
        assert claim is not None and calculation is not None
        key = self._meeting_key(claim)
        amounts = self._amounts(calculation)
        paid = amounts[-1]
        self._pending.append((
            self._batch, claim.row, claim.claim_id, claim.representative,
            claim.representative_id, key.person,
            claim.meeting.scheme, calculation.version, claim.group, key.group,
            key.date.isoformat(), key.start, key.end, *amounts, to_ore(claim.claimed_total),
            key.name, key.duration, stable_identity(claim, key.group), facts_json(claim),
            self._parts(calculation)))
        self.claims += 1
        self.paid_ore += paid
        if len(self._pending) >= _FLUSH_EVERY:
            self.flush()

    def _amounts(self, calculation: Calculation) -> tuple[int, ...]:
        """Honorarium, lost income, gift, travel and total in øre; kept by those amounts,
        which an audit's claims share."""
        key = (calculation.honorarium, calculation.lost_income, calculation.gift,
               calculation.travel, calculation.total)
        amounts = self._ore.get(key)
        if amounts is None:
            if len(self._ore) >= 4096:
                self._ore.clear()
            amounts = self._ore[key] = tuple(to_ore(part or ZERO) for part in key)
        return amounts

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        for _ in late_findings:  # counted into the summary as they are taken
            pass
        self.flush()

    def flush(self) -> None:
        self._connection.executemany(_INSERT, self._pending)
        self._pending.clear()


class _Refused(Exception):
    pass


def record_batch(ledger: Ledger, rows: Iterable, tables: Tables, *, name: str, file: str,
                 sha256: str, paid_on: dt.date, recorded_at: str, accept_findings: bool,
                 expected_rows: int = 0,
                 progress: Callable[[int], None] | None = None) -> Recording:
    """Audit `rows` against `tables` and the ledger, and record the claims paid as batch
    `name`: all of them, or (errors found and not accepted) none."""
    summary = Summary()
    recorder = None
    # room for a large batch's pages before they spill to the file: a spill takes the lock
    # that keeps readers (an audit against the ledger) out until the batch is committed
    ledger.connection.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    try:
        with ledger.writing() as connection:
            earlier = ledger.batch_with_content(sha256)
            if earlier is not None:
                raise LedgerError(said("ledger.recorded_already", batch=earlier.name,
                                       recorded=Day(dt.date.fromisoformat(
                                           earlier.recorded_at[:10])),
                                       paid=Day(earlier.paid_on)))
            if ledger.batch(name) is not None:
                raise LedgerError(said("ledger.batch_exists", batch=name))
            batch = connection.execute(
                "INSERT INTO batch (name, file, sha256, recorded_at, paid_on, claims, paid_ore)"
                " VALUES (?, ?, ?, ?, ?, 0, 0)",
                (name, file, sha256, recorded_at, paid_on.isoformat())).lastrowid
            assert batch is not None
            paid = LedgerPaidClaims(ledger, batch)
            recorder = _Rows(connection, batch, paid.meeting_key)
            summary = run_audit(rows, tables, recorder, expected_rows=expected_rows,
                                progress=progress, paid=paid)
            if summary.severities.get("error") and not accept_findings:
                raise _Refused
            connection.execute("UPDATE batch SET claims = ?, paid_ore = ? WHERE id = ?",
                               (recorder.claims, recorder.paid_ore, batch))
            kept = ledger.batch(name)
            assert kept is not None
            ledger.write_log("record", kept, recorded_at)
    except _Refused:
        return Recording(None, summary, recorder.not_recorded if recorder else {})
    return Recording(kept, summary, recorder.not_recorded)


def content_sha256(path) -> str:
    """The SHA-256 of a file's bytes: the same content is the same batch, whatever its name."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
