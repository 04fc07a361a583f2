"""The claims paid in a year, as the audit read them, to price them again under other
rates (`rates diff --impact-ledger`).

A claim belongs to the year its batch was paid in (`paid_on`), as in `ledger report`. Its
facts are those kept when it was recorded (schema step 5, `claims.stored`); a claim
recorded before they were kept cannot be priced again, and is counted apart. The claims
come in the order they were paid (batch by batch, row by row), numbered 1, 2, … so that
the audit's checks across rows see one file; `origin` gives a number's batch and row.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..claims import InvalidRow
from ..claims.records import Claim
from ..claims.stored import StoredFactsError, claim_from_facts
from .paid import LedgerPaidClaims
from .store import Ledger

FACTS_SINCE = 5  # the schema step that keeps a claim's facts

_CLAIMS = ("SELECT c.row, c.claim_id, c.representative, c.representative_id, c.grp, c.facts, "
           "b.name FROM claim c JOIN batch b ON b.id = c.batch "
           "WHERE b.paid_on BETWEEN ? AND ? AND c.facts IS NOT NULL "
           "ORDER BY b.paid_on, b.id, c.row")


@dataclass(slots=True)
class PaidYear:
    """A year's claims paid: how many, how many of them without facts kept (by scheme), the
    years the ledger has claims paid in, and the claims with facts (read as they are
    taken)."""

    ledger: Ledger
    year: int
    paid: int
    without_facts: dict[str, int]
    years: tuple[int, ...]
    # claim number - 1 → its batch (an index into `_batches`) and its row there
    _batch_of: array = field(default_factory=lambda: array("i"))
    _row_of: array = field(default_factory=lambda: array("q"))
    _batches: list[str] = field(default_factory=list)

    def origin(self, number: int) -> tuple[str | None, int]:
        """The batch and row of claim `number` (as the claims are numbered)."""
        return self._batches[self._batch_of[number - 1]], self._row_of[number - 1]

    def paid_before(self) -> LedgerPaidClaims | None:
        """What the batches paid before the year paid, and the claims recorded before facts
        were kept (not priced again), as the audit asks it: a claim paid this year was paid
        against them (a day's lost income already paid under a cap, the parts a supplement
        adds to), so it is priced again against them too."""
        start = dt.date(self.year, 1, 1)
        if self.ledger.version < FACTS_SINCE or self.ledger.connection.execute(
                "SELECT 1 FROM batch WHERE paid_on < ? UNION ALL "
                "SELECT 1 FROM claim WHERE facts IS NULL LIMIT 1",
                (start.isoformat(),)).fetchone() is None:
            return None  # nothing paid before: nothing to ask
        return LedgerPaidClaims(self.ledger, before=start)

    def claims(self) -> Iterator[Claim | InvalidRow]:
        if self.ledger.version < FACTS_SINCE:
            return
        batch_of, row_of, batches = self._batch_of, self._row_of, self._batches
        del batch_of[:], row_of[:], batches[:]
        rows = self.ledger.connection.execute(_CLAIMS, _bounds(self.year))
        for number, (row, claim_id, name, name_id, group, facts, batch) in enumerate(rows, 1):
            if not batches or batches[-1] != batch:  # the claims come batch by batch
                batches.append(batch)
            batch_of.append(len(batches) - 1)
            row_of.append(row)
            try:
                yield claim_from_facts(facts, row=number, claim_id=claim_id,
                                       representative=name, representative_id=name_id,
                                       group=group)
            except StoredFactsError as err:
                yield InvalidRow(number, None, f"batch {batch}, row {row}: {err}")


def _bounds(year: int) -> tuple[str, str]:
    return dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat()


def paid_in_year(ledger: Ledger, year: int) -> PaidYear:
    """The claims of `ledger` paid in `year` (by their batch's `paid_on`)."""
    connection = ledger.connection
    base = "FROM claim c JOIN batch b ON b.id = c.batch WHERE b.paid_on BETWEEN ? AND ?"
    paid = connection.execute(f"SELECT count(*) {base}", _bounds(year)).fetchone()[0]
    facts_kept = "" if ledger.version < FACTS_SINCE else " AND c.facts IS NULL"
    without = dict(connection.execute(
        f"SELECT c.scheme, count(*) {base}{facts_kept} GROUP BY c.scheme", _bounds(year)))
    years = tuple(int(y) for (y,) in connection.execute(
        "SELECT DISTINCT substr(b.paid_on, 1, 4) FROM claim c JOIN batch b ON b.id = c.batch "
        "ORDER BY 1"))
    return PaidYear(ledger, year, paid, without, years)
