"""Claims paid twice: the same claim id again, or the same person at the same meeting again.

A claim id seen before is a duplicate of the row that had it first. Two rows of one person
(`persons.Identities`) on one date are the same meeting (`meeting_relation`):
- when they are alike in everything but their claim id and submission date, whatever is
  blank;
- when both give times and the times overlap (two meetings on one day, one after the
  other, are fine; times that only touch do not overlap);
- when at least one gives no times, their groups are equal or one is blank, and their
  durations (hours, or end − start) are equal.
Different groups on one day are different meetings when a row gives no times. Two rows
that are none of this but cannot be told apart either (at least one without times, the
same group or one blank, different or unknown durations) may be one meeting: the later is
`possible_duplicate`, undecided. Only the later row gets a finding, naming the earlier one.

A row for a meeting whose fee was paid before (the same meeting, or one it cannot be told
apart from), that claims no fee (blank or 0) and only parts not paid before (lost income,
gift, travel), is a `supplement`: not a repeat.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable
from decimal import Decimal

from ...claims import Claim
from ...claims.cells import Cache
from ...domain import Finding
from ...tables.schema import RateTable
from .fingerprints import FingerprintMap
from .persons import Identities, normalised_name
from .rows import NONE, severity

_DAY = 86_400  # seconds; a span is start * _DAY + end
NO_TIMES = -1
UNKNOWN = -1  # a duration not known

# the parts of a claim, as bits: claimed by a row, or paid to it
FEE, LOST_INCOME, GIFT, TRAVEL = 1, 2, 4, 8
# how two claims of one person on one date relate
DIFFERENT, SAME, POSSIBLE = 0, 1, 2
SAME_IDENTICAL, SAME_TIMES, SAME_HOURS = 1, 3, 4  # why they are the same (SAME is any)


def span_of(start: dt.time | None, end: dt.time | None) -> int:
    """A claim's times as one number (≥ 0), or NO_TIMES."""
    if start is not None and end is not None:
        return ((start.hour * 3600 + start.minute * 60 + start.second) * _DAY
                + end.hour * 3600 + end.minute * 60 + end.second)
    return NO_TIMES


def seconds_of(hours: Decimal | None) -> int:
    """A duration in hours as whole seconds (at most 2²⁶, two years: any longer is as good),
    or UNKNOWN."""
    return UNKNOWN if hours is None else min(int(hours * 3600), 1 << 26)


def meeting_relation(span_a: int, duration_a: int, group_a: int, ident_a: int,
                     span_b: int, duration_b: int, group_b: int, ident_b: int) -> int:
    """How two claims of one person on one date relate: DIFFERENT, POSSIBLE, or why they
    are the same meeting (SAME_IDENTICAL, SAME_TIMES, SAME_HOURS). A group is a number (0:
    none), as is what makes two rows identical (0: not known)."""
    if span_a >= 0 and span_b >= 0:
        overlap = span_a // _DAY < span_b % _DAY and span_b // _DAY < span_a % _DAY
        return SAME_TIMES if overlap else DIFFERENT
    if group_a and group_b and group_a != group_b:
        return DIFFERENT
    if duration_a >= 0 and duration_a == duration_b:
        return SAME_HOURS
    if ident_a and ident_a == ident_b and group_a == group_b:
        return SAME_IDENTICAL
    return POSSIBLE


def claimed_parts(lost_income: Decimal, gift: Decimal, travel: bool) -> int:
    """The parts other than the fee a claim asks for, as bits."""
    return (LOST_INCOME if lost_income else 0) | (GIFT if gift else 0) | (TRAVEL if travel else 0)


def is_supplement(fee_claimed: bool, parts: int, paid: int) -> bool:
    """Whether a claim for a meeting paid before (its parts `paid`) claims only what was
    not paid: no fee, and some part that was not."""
    return not fee_claimed and bool(paid & FEE) and bool(parts) and not parts & paid


# groups and identities are compared only among one person's claims of one day: 31 bits
# tell them apart there, and take half the room of a full hash
SMALL = 0x7FFF_FFFF


def group_number(group: str) -> int:
    """A group as a number, in any case and spacing (0 is no group)."""
    return hash(normalised_name(group)) & SMALL or 1


def identity(claim: Claim) -> int:
    """What makes two rows of one person, date and group identical, as a number (never 0):
    all but the claim id, the submission date and the group."""
    m = claim.meeting
    return hash((claim.start, claim.end, m.hours, m.scheme, m.attendance, m.activity,
                 m.agreement, getattr(claim, "claimed_honorarium", None), m.lost_income,
                 m.lost_income_documented, m.gift, getattr(claim, "travel_claimed", None),
                 m.trip)) & SMALL or 1


def facts_identity(facts) -> int:
    """`identity` of a light claim, from its facts (which carry no travel)."""
    return hash((facts.start, facts.end, facts.hours, facts.scheme, facts.attendance,
                 facts.activity, facts.agreement, facts.claimed, facts.lost_income,
                 facts.documented, facts.gift, None, None)) & SMALL or 1


class DuplicateClaims:
    """Feed claims in file order to `see`; it answers with each one's duplicate findings.
    Tell it what each claim is paid (`paid`) once that is known."""

    def __init__(self, expected_rows: int = 0) -> None:
        self._first_row = FingerprintMap(expected_rows)  # claim id → first row with it
        self._latest = FingerprintMap(expected_rows)  # (person, date) → latest entry
        # one entry a claim: its span; its group and identity (group << 32 | identity);
        # its duration and the parts it was paid (duration << 4 | parts); its row; and the
        # entry before it of the same person and date (-1: none)
        self._span = array("q")
        self._what = array("q")
        self._length = array("i")
        self._row = array("i")
        self._before = array("i")
        self._groups = Cache(group_number)  # groups → their comparison keys
        self._persons = Identities()
        self._spans: dict[tuple, int] = {}

    def group_key(self, group: str | None) -> int:
        return self._groups[group] if group else 0

    def see(self, claim: Claim, table: RateTable | None, person: str | None = None,
            also: str | None = None, paid: int = 0) -> tuple[Finding, ...]:
        """The claim's duplicate findings; `person` is its person key, when known, and
        `also` a name key its person's earlier claims may be under."""
        if person is None:
            person, also, _ = self._persons(claim.representative,
                                            getattr(claim, "representative_id", None))
        group = self.group_key(claim.group)
        meeting = claim.meeting
        travel_claimed = getattr(claim, "travel_claimed", None)
        travel = travel_claimed > 0 if travel_claimed is not None else meeting.trip is not None
        fee_claimed = getattr(claim, "claimed_honorarium", 1) > 0
        return self.see_fields(claim.row, claim.claim_id, claim.representative, claim.group,
                               meeting.date, claim.start, claim.end, seconds_of(meeting.hours),
                               group, identity(claim), fee_claimed,
                               claimed_parts(meeting.lost_income, meeting.gift, travel),
                               table, person, also, paid)

    def see_fields(self, row: int, claim_id: str, representative: str, group: str | None,
                   date: dt.date, start: dt.time | None, end: dt.time | None,
                   duration: int, group_key: int, ident: int, fee_claimed: bool, parts: int,
                   table: RateTable | None, person: str, also: str | None = None,
                   paid: int = 0) -> tuple[Finding, ...]:
        """`see`, given the fields of a claim that it looks at, and its person; `paid`, the
        parts it is paid if nothing here changes that (`paid` tells it otherwise)."""
        found = NONE
        same_id = self._first_row.setdefault(hash(claim_id), row)
        if same_id != row:
            found = (Finding("duplicate_claim", severity(table, "duplicate_claim"),
                             {"other_row": str(same_id)}, None, row, "claim_id"),)
        else:
            same_id = 0

        times = (start, end)
        span = self._spans.get(times)  # a file has few distinct meeting times
        if span is None:
            span = span_of(start, end)
            if span >= 0 and len(self._spans) < 10_000:
                self._spans[times] = span
        rows = self._row
        entry = len(rows)
        previous = self._latest.swap(hash((person, date)), entry)
        self._span.append(span)
        self._what.append(group_key << 32 | ident)
        self._length.append(duration << 4 | paid)
        rows.append(row)
        self._before.append(previous)
        earlier = None
        if also is not None:
            earlier = self._latest.get(hash((also, date)))
            if earlier < 0:
                earlier = None
        if previous < 0 and earlier is None:  # the person's first claim this date: common
            return found
        same = possible = 0  # the earliest row of each
        why = same_group = DIFFERENT
        paid = paid_possibly = 0  # the parts paid to the same meeting before, or perhaps
        spans, whats, lengths, before = self._span, self._what, self._length, self._before
        for first in (previous, earlier):
            while first is not None and first >= 0:  # every earlier claim: the earliest wins
                what, length = whats[first], lengths[first]
                relation = meeting_relation(span, duration, group_key, ident, spans[first],
                                            length >> 4, what >> 32, what & SMALL)
                if relation == POSSIBLE:
                    paid_possibly |= length & 15
                    if not possible or rows[first] < possible:
                        possible = rows[first]
                elif relation:
                    paid |= length & 15
                    if not same or rows[first] < same:
                        same, why, same_group = rows[first], relation, what >> 32
                first = before[first]
        params: dict[str, object] = {"representative": representative, "date": date}
        if same and same == same_id:
            return found
        # a claim of no fee that adds only parts not paid to a meeting that is, or cannot
        # be told apart from one that is
        other = same or possible
        if other and is_supplement(fee_claimed, parts, paid if same else paid_possibly):
            return (*found, Finding("supplement", severity(table, "supplement"),
                                    {**params, "other_row": str(other)}, None, row,
                                    "claimed_honorarium"))
        if same:
            params["other_row"] = str(same)
            key = "duplicate_meeting"
            if why != SAME_TIMES and group_key and group_key == same_group:
                params["group"] = group  # no times: the same group that day
                key = "duplicate_meeting_group"
            elif why == SAME_HOURS:
                key = "duplicate_meeting_hours"
            elif why == SAME_IDENTICAL:
                key = "duplicate_meeting_identical"
            return (*found, Finding("duplicate_claim", severity(table, "duplicate_claim"),
                                    params, key, row, "representative"))
        if possible and possible != same_id:
            params["other_row"] = str(possible)
            return (*found, Finding("possible_duplicate", severity(table, "possible_duplicate"),
                                    params, None, row, "representative"))
        return found

    def paid(self, parts: int) -> None:
        """The parts the claim seen last is paid (bits): what a supplement may add to."""
        self._length[-1] = self._length[-1] >> 4 << 4 | parts


def duplicate_findings(claims: Iterable[Claim], table: RateTable | None = None) -> list[Finding]:
    """Every duplicate finding of `claims`, taken in order."""
    seen = DuplicateClaims()
    return [f for claim in claims for f in seen.see(claim, table)]
