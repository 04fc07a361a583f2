"""The ledger as the audit sees it: `PaidClaims`, answered one claim at a time.

Each claim costs two indexed lookups (by claim id; by person and date), so memory stays
flat however large the ledger is. The batch being recorded is left out: its own rows are
the duplicate check's business, not the ledger's.
"""

from __future__ import annotations

import datetime as dt

from ..checks.paid import PaidBefore, meeting_key, same_meeting
from ..claims import Claim
from .store import Ledger

_BY_ID = ("SELECT b.name, b.paid_on FROM claim c JOIN batch b ON b.id = c.batch "
          "WHERE c.claim_id = ? AND c.batch != ? ORDER BY b.paid_on, b.id LIMIT 1")
_BY_PERSON = ("SELECT c.start_s, c.end_s, c.group_key, b.name, b.paid_on "
              "FROM claim c JOIN batch b ON b.id = c.batch "
              "WHERE c.person = ? AND c.date = ? AND c.batch != ? ORDER BY b.paid_on, b.id")


class LedgerPaidClaims:
    """What `ledger` holds, except the batch `leave_out` (the one being recorded)."""

    def __init__(self, ledger: Ledger, leave_out: int = 0) -> None:
        self._execute = ledger.connection.execute
        self._leave_out = leave_out
        self._dates: dict[str, dt.date] = {}

    def paid_before(self, claim: Claim) -> PaidBefore | None:
        execute, leave_out = self._execute, self._leave_out
        found = execute(_BY_ID, (claim.claim_id, leave_out)).fetchone()
        if found is not None:
            return PaidBefore(found[0], self._date(found[1]), True)
        key = meeting_key(claim)
        for start, end, group, batch, paid_on in execute(
                _BY_PERSON, (key.person, key.date.isoformat(), leave_out)):
            if same_meeting(key.start, key.end, key.group, start, end, group):
                return PaidBefore(batch, self._date(paid_on), False)
        return None

    def _date(self, text: str) -> dt.date:
        date = self._dates.get(text)
        if date is None:
            date = self._dates[text] = dt.date.fromisoformat(text)
        return date
