"""The ledger as the audit sees it: `PaidClaims`, answered one claim at a time.

Each claim costs one query over two indexes (by claim id; by person and date), so memory
stays flat however large the ledger is; each name costs one more (the numbers it goes by,
by name). The batch being recorded is left out: its own rows are the duplicate check's
business, not the ledger's.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ..audit.checks.duplicates import (
    FEE,
    GIFT,
    LOST_INCOME,
    NO_TIMES,
    POSSIBLE,
    SMALL,
    TRAVEL,
    UNKNOWN,
    meeting_relation,
)
from ..audit.checks.paid import MeetingKey, MeetingKeys, PaidBefore, PaidLostIncome, stable_identity
from ..audit.checks.persons import Identities
from ..claims import Claim
from ..claims.records import RowId
from ..money import from_ore
from .store import Ledger

# the claims with the same id, then the person's claims that day (under its number, and
# under its name where rows of the name had no number), with what tells meetings apart
_PAID = ("SELECT 1, batch, NULL, NULL, NULL, NULL, NULL, honorarium_ore, lost_income_ore, "
         "gift_ore, travel_ore FROM claim "
         "WHERE claim_id = ?1 AND batch != ?4 "
         "UNION ALL "
         "SELECT 0, batch, start_s, end_s, group_key, duration_s, facts_key, honorarium_ore, "
         "lost_income_ore, gift_ore, travel_ore FROM claim "
         "WHERE person IN (?2, ?5) AND date = ?3 AND batch != ?4")

# the numbers (as person keys) that the paid claims of a name went by
_IDS_OF_NAME = ("SELECT DISTINCT person FROM claim WHERE name_key = ? AND person LIKE '#%' "
                "AND batch != ? ORDER BY person LIMIT 2")

# the lost income paid to a person on a date under a scheme, the earliest batch first
_LOST_INCOME = ("SELECT c.lost_income_ore, b.name FROM claim c JOIN batch b ON b.id = c.batch "
                "WHERE c.person IN (?, ?) AND c.date = ? AND c.scheme = ? AND c.batch != ? "
                "AND c.lost_income_ore > 0 ORDER BY b.paid_on, b.id")


@functools.cache
def _before(sql: str) -> str:
    """`sql` asking for the claims of the batches paid before a day (the parameter that
    named the batch left out), and for those recorded before their facts were kept (all
    in the ledger before any claim with facts was recorded), instead of for every batch
    but one."""
    sql = re.sub(r"\b((c\.)?)batch != (\?\d*)",
                 r"(\1batch IN (SELECT id FROM batch WHERE paid_on < \3) OR \1facts IS NULL)",
                 sql)
    return re.sub(r"\bid != (\?\d*)", r"id IN (SELECT id FROM batch WHERE paid_on < \1)", sql)


def _span(start: int | None, end: int | None) -> int:
    return NO_TIMES if start is None or end is None else start * 86_400 + end


def _number(text: str | None) -> int:
    return hash(text) & SMALL or 1 if text else 0


def _parts(honorarium: int, lost_income: int, gift: int, travel: int) -> int:
    return ((FEE if honorarium else 0) | (LOST_INCOME if lost_income else 0)
            | (GIFT if gift else 0) | (TRAVEL if travel else 0))


class LedgerPaidClaims:
    """What `ledger` holds, except the batch `leave_out` (the one being recorded); with
    `before`, only the batches paid before that day (a year's claims priced again against
    what earlier years paid: `rates diff --impact-ledger`)."""

    def __init__(self, ledger: Ledger, leave_out: int = 0,
                 before: dt.date | None = None) -> None:
        execute = ledger.connection.execute
        if before is None:
            self._execute = execute
            self._leave_out: int | str = leave_out
        else:
            self._execute = lambda sql, parameters=(): execute(_before(sql), parameters)
            self._leave_out = before.isoformat()
        self._batches: dict[int, tuple[str, dt.date, int]] = {}  # id → name, paid on, id
        self.identities = Identities(self.ids_of_name)
        self.meeting_key = MeetingKeys(self.identities)
        self.path = str(ledger.path)

    def batch_count(self) -> int:
        """How many batches the ledger holds (the one being recorded left out)."""
        return self._execute("SELECT count(*) FROM batch WHERE id != ?",
                             (self._leave_out,)).fetchone()[0]

    def ids_of_name(self, name: str) -> tuple[str, ...]:
        """The numbers (person keys) paid claims of the name key went by, two at most."""
        return tuple(person for (person,) in self._execute(_IDS_OF_NAME,
                                                           (name, self._leave_out)))

    def paid_before(self, claim: Claim) -> PaidBefore | None:
        key = self.meeting_key(claim)
        also = key.also
        if also is None and self.identities.only_number_of(key.name, key.person):
            also = key.name  # the name's claims paid without a number are this person's
        # a row number stands for no claim beyond its own file: asked by the meeting alone
        claim_id = None if isinstance(claim.claim_id, RowId) else claim.claim_id
        found = self._execute(_PAID, (claim_id, key.person, key.date.isoformat(),
                                      self._leave_out, also or key.person)).fetchall()
        if not found:  # the common case: a claim never paid
            return self._perhaps_by_name(claim, key)
        by_id = [batch for same_id, batch, *_ in found if same_id]
        if by_id:
            earliest = self._earliest(by_id, True)
            parts = 0  # what the claim of that id was paid: what a supplement may add to
            for same_id, _, _, _, _, _, _, *ore in found:
                if same_id:
                    parts |= _parts(*ore)
            return PaidBefore(earliest.batch, earliest.paid_on, True, parts=parts)
        return self._same_meeting(claim, key, found) or self._perhaps_by_name(claim, key)

    def _perhaps_by_name(self, claim: Claim, key: MeetingKey) -> PaidBefore | None:
        """A meeting paid without a number to the name of a row with one, where the name
        goes by two numbers: it may be this person's, so a person decides (POSSIBLE)."""
        if key.also is not None or not self.identities.shares_name(key.name, key.person):
            return None
        found = self._execute(_PAID, (None, key.name, key.date.isoformat(), self._leave_out,
                                      key.name)).fetchall()
        paid = self._same_meeting(claim, key, found) if found else None
        if paid is None:
            return None
        return PaidBefore(paid.batch, paid.paid_on, False, POSSIBLE, paid.parts)

    def _same_meeting(self, claim: Claim, key: MeetingKey, found: list[tuple]
                      ) -> PaidBefore | None:
        span = _span(key.start, key.end)
        duration = UNKNOWN if key.duration is None else key.duration
        group, ident = _number(key.group), _number(stable_identity(claim, key.group))
        same: list[int] = []
        possible: list[int] = []
        why = 0
        parts = possibly = 0
        for _, batch, start, end, paid_group, paid_duration, paid_ident, *ore in found:
            relation = meeting_relation(
                span, duration, group, ident, _span(start, end),
                UNKNOWN if paid_duration is None else paid_duration, _number(paid_group),
                _number(paid_ident))
            if relation == POSSIBLE:
                possible.append(batch)
                possibly |= _parts(*ore)
            elif relation:
                same.append(batch)
                parts |= _parts(*ore)
                why = why or relation
        if same:
            earliest = self._earliest(same, False)
            return PaidBefore(earliest.batch, earliest.paid_on, False, why, parts)
        if possible:
            earliest = self._earliest(possible, False)
            return PaidBefore(earliest.batch, earliest.paid_on, False, POSSIBLE, possibly)
        return None

    def lost_income_paid(self, claim: Claim) -> PaidLostIncome | None:
        """The lost income the claim's person was paid on its date under its scheme, for
        the scheme's cap per day."""
        key = self.meeting_key(claim)
        also = key.also
        if also is None and self.identities.only_number_of(key.name, key.person):
            also = key.name  # the name's claims paid without a number are this person's
        found = self._execute(_LOST_INCOME, (key.person, also or key.person,
                                             key.date.isoformat(), claim.meeting.scheme,
                                             self._leave_out)).fetchall()
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
