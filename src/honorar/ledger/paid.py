"""The ledger as the audit sees it: `PaidClaims`, answered one claim at a time.

Each claim costs one query over two indexes (by claim id; by person and date), so memory
stays flat however large the ledger is. The batch being recorded is left out: its own rows
are the duplicate check's business, not the ledger's.
"""

from __future__ import annotations

import datetime as dt

from ..checks.paid import MeetingKey, MeetingKeys, PaidBefore, PaidLostIncome, same_meeting
from ..claims import Claim
from ..claims.records import RowId
from .money import from_ore
from .store import Ledger

# the claims with the same id, then the person's claims that day (with their times)
_PAID = ("SELECT 1, batch, NULL, NULL, NULL, NULL FROM claim "
         "WHERE claim_id = ?1 AND batch != ?4 "
         "UNION ALL "
         "SELECT 0, batch, start_s, end_s, group_key, claim_id FROM claim "
         "WHERE person = ?2 AND date = ?3 AND batch != ?4")

# the lost income paid to a person on a date under a scheme, the earliest batch first
_LOST_INCOME = ("SELECT c.lost_income_ore, b.name FROM claim c JOIN batch b ON b.id = c.batch "
                "WHERE c.person = ? AND c.date = ? AND c.scheme = ? AND c.batch != ? "
                "AND c.lost_income_ore > 0 ORDER BY b.paid_on, b.id")


class LedgerPaidClaims:
    """What `ledger` holds, except the batch `leave_out` (the one being recorded)."""

    def __init__(self, ledger: Ledger, leave_out: int = 0) -> None:
        self._execute = ledger.connection.execute
        self._leave_out = leave_out
        self._batches: dict[int, tuple[str, dt.date, int]] = {}  # id → name, paid on, id
        self.meeting_key = MeetingKeys()

    def paid_before(self, claim: Claim) -> PaidBefore | None:
        key = self.meeting_key(claim)
        # a row number stands for no claim beyond its own file: asked by the meeting alone
        claim_id = None if isinstance(claim.claim_id, RowId) else claim.claim_id
        found = self._execute(_PAID, (claim_id, key.person, key.date.isoformat(),
                                      self._leave_out)).fetchall()
        if not found:  # the common case: a claim never paid
            return None
        by_id = [batch for same_id, batch, *_ in found if same_id]
        if by_id:
            return self._earliest(by_id, True)
        unnamed = claim_id is None
        meetings = [batch for _, batch, start, end, group, paid_id in found
                    if same_meeting(key.start, key.end, key.group, start, end, group)
                    or ((unnamed or _row_id(paid_id))
                        and _nothing_between(key, start, group))]
        return self._earliest(meetings, False) if meetings else None

    def lost_income_paid(self, claim: Claim) -> PaidLostIncome | None:
        """The lost income the claim's person was paid on its date under its scheme, for
        the scheme's cap per day."""
        key = self.meeting_key(claim)
        found = self._execute(_LOST_INCOME, (key.person, key.date.isoformat(),
                                             claim.meeting.scheme, self._leave_out)).fetchall()
        if not found:
            return None
        return PaidLostIncome(from_ore(sum(ore for ore, _ in found)), found[0][1])

    def _earliest(self, batches: list[int], by_claim_id: bool) -> PaidBefore:
        name, paid_on, _ = min(map(self._batch, batches), key=lambda b: (b[1], b[2]))
        return PaidBefore(name, paid_on, by_claim_id)

    def _batch(self, batch: int) -> tuple[str, dt.date, int]:
        known = self._batches.get(batch)
        if known is None:
            name, paid_on = self._execute("SELECT name, paid_on FROM batch WHERE id = ?",
                                          (batch,)).fetchone()
            known = self._batches[batch] = (name, dt.date.fromisoformat(paid_on), batch)
        return known


def _row_id(claim_id: str | None) -> bool:
    """Whether a claim recorded was known by its row number (`RowId`, '#12')."""
    return bool(claim_id) and claim_id[0] == "#" and claim_id[1:].isdigit()


def _nothing_between(key: MeetingKey, start: int | None, group: str | None) -> bool:
    """Whether nothing tells apart two claims of one person on one day, one of them known
    by its row number only: neither gives times nor a group. Without a claim id the day
    is all there is, and a copy of a file saved again must not be paid twice."""
    return key.start is None and start is None and key.group is None and group is None
