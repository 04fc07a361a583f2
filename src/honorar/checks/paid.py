"""Claims paid before: what an audit asks of a ledger, without knowing how it is kept.

A claim is already paid when a claim with its id was paid in an earlier batch, or when the
same person was paid for the same meeting: the same date and overlapping times (times that
only touch do not overlap), or, when neither gives times, the same group. The audit asks
`PaidClaims.paid_before(claim)` for each claim; the answer names the batch and the day it
was paid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..claims import Claim
from ..claims.cells import Cache
from ..models import Finding, RateTable
from .persons import PersonKeys, normalised_name
from .rows import severity


@dataclass(frozen=True, slots=True)
class PaidBefore:
    batch: str
    paid_on: dt.date
    by_claim_id: bool  # False: the same person at the same meeting


@dataclass(frozen=True, slots=True)
class PaidLostIncome:
    """The lost income a person was paid for one day in earlier batches, and the first of
    those batches."""

    kr: Decimal
    batch: str


class PaidClaims(Protocol):
    def paid_before(self, claim: Claim) -> PaidBefore | None: ...

    # optional: the lost income paid to the claim's person on its date, for a cap per day
    # (`checks.daily_caps`); a PaidClaims without it leaves the cap to the file's claims
    # def lost_income_paid(self, claim: Claim) -> PaidLostIncome | None: ...


@dataclass(frozen=True, slots=True)
class MeetingKey:
    """What identifies one person's meeting across files: who (`persons.person_key`: the
    representative id, else the name), which day, and when (seconds from midnight) or,
    without times, which group (in any case and spacing)."""

    person: str
    date: dt.date
    start: int | None
    end: int | None
    group: str | None


def _seconds(time: dt.time | None) -> int | None:
    return None if time is None else time.hour * 3600 + time.minute * 60 + time.second


def same_meeting(a_start: int | None, a_end: int | None, a_group: str | None,
                 b_start: int | None, b_end: int | None, b_group: str | None) -> bool:
    """Whether two claims of one person on one day are for the same meeting."""
    if a_start is not None and b_start is not None:
        return a_start < b_end and b_start < a_end  # type: ignore[operator]
    if a_start is None and b_start is None:
        return a_group is not None and a_group == b_group
    return False


class MeetingKeys:
    """A claim's `MeetingKey`, with the people's and groups' keys kept, for a pass over a
    file (and the last claim's key, asked for by the lookup and then by the recorder)."""

    __slots__ = ("_groups", "_last", "_persons")

    def __init__(self) -> None:
        self._persons = PersonKeys()
        self._groups = Cache(normalised_name)
        self._last: tuple[Claim | None, MeetingKey | None] = (None, None)

    def __call__(self, claim: Claim) -> MeetingKey:
        last, key = self._last
        if last is claim:
            return key  # type: ignore[return-value]
        start, end = _seconds(claim.start), _seconds(claim.end)
        if start is None or end is None:
            start = end = None
        group = self._groups[claim.group] if claim.group else None
        key = MeetingKey(self._persons(claim), claim.meeting.date, start, end, group)
        self._last = (claim, key)
        return key


def already_paid_finding(claim: Claim, paid: PaidBefore, table: RateTable | None) -> Finding:
    params: dict[str, object] = {"batch": paid.batch, "paid_date": paid.paid_on}
    if paid.by_claim_id:
        return Finding("already_paid", severity(table, "already_paid"),
                       {"claim_id": claim.claim_id, **params}, None, claim.row, "claim_id")
    return Finding("already_paid", severity(table, "already_paid"),
                   {"representative": claim.representative, "date": claim.meeting.date,
                    **params}, "already_paid_meeting", claim.row, "representative")
