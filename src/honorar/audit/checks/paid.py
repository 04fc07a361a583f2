"""Claims paid before: what an audit asks of a ledger, without knowing how it is kept.

A claim is already paid when a claim with its id was paid in an earlier batch, or when the
same person was paid for the same meeting, as `duplicates.meeting_relation` tells one
meeting from another within a file; a paid claim that cannot be told apart from it makes
it `possible_duplicate`, and one that claims only what the meeting was not paid is a
`supplement`. The audit asks
`PaidClaims.paid_before(claim)` for each claim; the answer names the batch and the day it
was paid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ...claims import Claim
from ...claims.cells import Cache
from ...domain import Finding
from ...tables.schema import RateTable
from .duplicates import POSSIBLE, SAME_TIMES
from .persons import Identities, normalised_name
from .rows import severity


@dataclass(frozen=True, slots=True)
class PaidBefore:
    batch: str
    paid_on: dt.date
    by_claim_id: bool  # False: the same person at the same meeting, or perhaps at it
    # how the paid claim relates to this one (`duplicates.meeting_relation`): the same
    # meeting, for a reason, or POSSIBLE (it cannot be told apart)
    relation: int = SAME_TIMES
    parts: int = 0  # the parts paid to the same meeting (bits: `duplicates.FEE` …)


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
    # optional: `identities`, the `persons.Identities` that knows the ledger's numbers of
    # a name, for the audit to know each claim's person by


@dataclass(frozen=True, slots=True)
class MeetingKey:
    """What identifies one person's meeting across files: who (`persons.Identities`: the
    representative id, else the name, else the one number the name goes by) and under
    which name key too (`also`), which day, when (seconds from midnight) or, without times,
    which group (in any case and spacing), and how long (seconds). What the claim says in
    all (`stable_identity`) is asked only where it is needed."""

    person: str
    date: dt.date
    start: int | None
    end: int | None
    group: str | None
    duration: int | None = None
    name: str = ""
    also: str | None = None


def _seconds(time: dt.time | None) -> int | None:
    return None if time is None else time.hour * 3600 + time.minute * 60 + time.second


def _ore(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


def stable_identity(claim: Claim, group: str | None) -> str:
    """A digest of all a claim says but its claim id and submission date, the same in every
    run (the ledger keeps it, to know an identical claim)."""
    import hashlib

    m = claim.meeting
    hours = None if m.hours is None else str(m.hours.normalize())
    text = repr((group, _seconds(claim.start), _seconds(claim.end), hours, m.scheme,
                 str(m.attendance), m.activity, m.agreement, _ore(claim.claimed_honorarium),
                 _ore(m.lost_income), m.lost_income_documented, _ore(m.gift),
                 _ore(getattr(claim, "travel_claimed", None)), repr(m.trip)))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class MeetingKeys:
    """A claim's `MeetingKey`, with the people's and groups' keys kept, for a pass over a
    file (and the last claim's key, asked for by the lookup and then by the recorder)."""

    __slots__ = ("_groups", "_last", "persons")

    def __init__(self, persons: Identities | None = None) -> None:
        self.persons = Identities() if persons is None else persons
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
        persons = self.persons
        person, also, _ = persons(claim.representative,
                                  getattr(claim, "representative_id", None))
        hours = claim.meeting.hours
        key = MeetingKey(person, claim.meeting.date, start, end, group,
                         None if hours is None else int(hours * 3600),
                         persons.by_name[claim.representative], also)
        self._last = (claim, key)
        return key


def already_paid_finding(claim: Claim, paid: PaidBefore, table: RateTable | None) -> Finding:
    """The finding a claim paid before gets: `already_paid`; `possible_duplicate` where the
    paid claim cannot be told apart from it."""
    params: dict[str, object] = {"batch": paid.batch, "paid_date": paid.paid_on}
    if not paid.by_claim_id and paid.relation == POSSIBLE:
        return Finding("possible_duplicate", severity(table, "possible_duplicate"),
                       {"representative": claim.representative, "date": claim.meeting.date,
                        **params}, "possible_duplicate_paid", claim.row, "representative")
    if paid.by_claim_id:
        return Finding("already_paid", severity(table, "already_paid"),
                       {"claim_id": claim.claim_id, **params}, None, claim.row, "claim_id")
    return Finding("already_paid", severity(table, "already_paid"),
                   {"representative": claim.representative, "date": claim.meeting.date,
                    **params}, "already_paid_meeting", claim.row, "representative")


def supplement_finding(claim: Claim, paid: PaidBefore, table: RateTable | None) -> Finding:
    """A claim that adds to a meeting paid in an earlier batch only what was not paid."""
    return Finding("supplement", severity(table, "supplement"),
                   {"representative": claim.representative, "date": claim.meeting.date,
                    "batch": paid.batch, "paid_date": paid.paid_on}, "supplement_paid",
                   claim.row, "claimed_honorarium")
