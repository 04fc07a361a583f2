"""What a new rate table costs (`rates diff --impact`): every claim of a file recomputed
under the old version and under the new one.

Pure: claims and two tables in, sums out. A claim is counted as an audit counts it: a
repeated claim is paid once (the audit's duplicate check), and lost income is capped per
person per day (its daily cap) under each version.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from ..domain import VOIDS_PAYMENT, ZERO, Attendance, Meeting
from ..problem import ValueProblem, said
from ..rules.calculation import calculate
from ..tables.diff import HUNDRED
from ..tables.schema import RateTable
from ..tables.travel_schema import TravelTable
from .checks.daily_caps import DailyLostIncome
from .checks.duplicates import DuplicateClaims
from .checks.persons import normalised_name, person_key


class ClaimLike(Protocol):
    """What the impact needs of a claim (honorar.claims.Claim has it)."""

    row: int
    claim_id: str
    representative: str
    group: str | None
    meeting: Meeting
    start: dt.time | None  # the times tell two meetings of one day apart (duplicates)
    end: dt.time | None


@dataclass(frozen=True, slots=True)
class ClaimChange:
    row: int
    claim_id: str
    representative: str
    group: str | None
    date: dt.date
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.old


@dataclass(frozen=True, slots=True)
class Totals:
    """What a set of claims is due under the old and the new version."""

    claims: int = 0
    changed: int = 0
    old: Decimal = ZERO
    new: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.new - self.old

    @property
    def percent(self) -> Decimal | None:
        return None if not self.old else self.difference * HUNDRED / self.old

    def plus(self, old: Decimal, new: Decimal) -> Totals:
        return Totals(self.claims + 1, self.changed + (old != new), self.old + old,
                      self.new + new)


@dataclass(frozen=True, slots=True)
class Impact:
    """The cost of moving a scheme's claims from the old version to the new one.

    Totals cover the claims both versions decide; a claim one of them leaves undecided (an
    activity it has no rule for, a missing duration) is counted apart, as are invalid rows
    and claims of other schemes.
    """

    scheme: str
    rows: int
    invalid: int
    skipped: dict[str, int]
    undecided_old: int
    undecided_new: int
    total: Totals
    top: tuple[ClaimChange, ...]
    by: str | None = None
    breakdown: tuple[tuple[str, Totals], ...] = ()
    # claims of the scheme that repeat an earlier one: due 0 under both versions, so the
    # claim they repeat is counted once
    duplicates: int = 0
    # claims dated before the scheme's first version: no table prices them (the audit's
    # `no_rate_table`), so neither version does here
    before_first: int = 0


BREAKDOWNS = ("scheme", "representative", "group")


def impact(rows: Iterable[object], old: RateTable | TravelTable, new: RateTable | TravelTable,
           *, top: int = 10, by: str | None = None, first: dt.date | None = None) -> Impact:
    """Recompute every claim of the tables' scheme under `old` and under `new`.

    Each version is applied as if it were in force on the claim's date. `rows` holds claims
    and invalid rows (anything without a `meeting`), read once, so a stream will do; memory
    holds only the `top` largest changes and the breakdown's sums. Two travel tables are
    compared on the travel of every claim of any scheme (a claim without a trip is due no
    travel under either). A claim dated before `first`, the scheme's first version (by
    default the older of the two), is counted apart, as the audit leaves it without a table.
    """
    first = min(d for d in (first, old.effective, new.effective) if d is not None)
    if old.scheme != new.scheme:
        raise ValueProblem(said("rates.impact_two_schemes_long", old=old.scheme, new=new.scheme))
    if by is not None and by not in BREAKDOWNS:
        raise ValueProblem(said("rates.no_breakdown", by=by, choices=", ".join(BREAKDOWNS)))
    scheme = old.scheme
    travel = isinstance(old, TravelTable) and isinstance(new, TravelTable)
    count = invalid = undecided_old = undecided_new = duplicates = before_first = 0
    repeats = DuplicateClaims()
    # a cap per person per day is shared by the day's claims, under each version its own
    day_caps_old, day_caps_new = DailyLostIncome(), DailyLostIncome()
    skipped: dict[str, int] = {}
    total = Totals()
    groups: dict[str, Totals] = {}
    labels: dict[str, str] = {}  # a breakdown's keys as shown
    largest: list[tuple[Decimal, int, ClaimChange]] = []
    for row in rows:
        if getattr(row, "meeting", None) is None:
            if getattr(row, "stated", None) is not None:  # the file's own total: no claim
                continue
            count += 1
            invalid += 1
            continue
        count += 1
        claim: ClaimLike = row  # type: ignore[assignment]
        # every claim of the file, as in an audit: a claim id may repeat across schemes
        voided = any(f.code in VOIDS_PAYMENT for f in repeats.see(
            claim, None if travel else old))  # type: ignore[arg-type]
        if claim.meeting.scheme != scheme and not travel:
            skipped[claim.meeting.scheme] = skipped.get(claim.meeting.scheme, 0) + 1
            continue
        if claim.meeting.date < first:
            before_first += 1
            continue
        if voided:
            duplicates += 1
            continue
        meeting = claim.meeting
        if travel:
            due_old, due_new = _travel_due(meeting, old), _travel_due(meeting, new)  # type: ignore[arg-type]
        else:
            if meeting.trip is not None:  # travel is the travel table's, the same under both
                meeting = replace(meeting, trip=None)
            due_old = _due(claim, meeting, old, day_caps_old)  # type: ignore[arg-type]
            due_new = _due(claim, meeting, new, day_caps_new)  # type: ignore[arg-type]
        undecided_old += due_old is None
        undecided_new += due_new is None
        if due_old is None or due_new is None:
            continue
        total = total.plus(due_old, due_new)
        if by is not None:
            key, label = _breakdown_key(claim, by)
            groups[key] = groups.get(key, Totals()).plus(due_old, due_new)
            # a person by the name last written, a group by the spelling that sorts first
            labels[key] = min(label, labels.get(key, label)) if by == "group" else label
        if due_old != due_new and top > 0:
            change = ClaimChange(claim.row, claim.claim_id, claim.representative, claim.group,
                                 claim.meeting.date, due_old, due_new)
            # a min-heap of the largest changes; among equals the earlier row is kept
            entry = (abs(change.difference), -claim.row, change)
            if len(largest) < top:
                heapq.heappush(largest, entry)
            elif entry[:2] > largest[0][:2]:
                heapq.heapreplace(largest, entry)
    ranked = tuple(c for _, _, c in sorted(largest, key=lambda e: (-e[0], -e[1])))
    breakdown = tuple(sorted(((labels[key], totals) for key, totals in groups.items()),
                             key=lambda kv: (-abs(kv[1].difference), kv[0])))
    return Impact(scheme, count, invalid, dict(sorted(skipped.items())), undecided_old,
                  undecided_new, total, ranked, by, breakdown, duplicates, before_first)


def _due(claim: ClaimLike, meeting: Meeting, table: RateTable,
         day_caps: DailyLostIncome) -> Decimal | None:
    """What `table` gives for the claim's meeting, its lost income capped as the audit caps
    it where the cap is per person per day (the day's earlier claims in `day_caps`)."""
    calculation = calculate(meeting, table)
    if calculation.lost_income:
        calculation, _ = day_caps.see(claim, calculation, table)  # type: ignore[arg-type]
    return calculation.total


def _travel_due(meeting: Meeting, table: TravelTable) -> Decimal | None:
    """The travel `table` gives the meeting's trip; None (undecided) where the audit leaves
    it undecided whatever the rates: a trip to a meeting attended remotely is for a person
    (`travel_for_remote_meeting`)."""
    from ..rules.travel import price_trip

    if meeting.trip is None:
        return ZERO
    if meeting.attendance is Attendance.REMOTE:
        return None
    return price_trip(meeting.trip, table).amount


def _breakdown_key(claim: ClaimLike, by: str) -> tuple[str, str]:
    """The claim's row of the breakdown, and its name: a person and a group are known as
    the audit knows them (`person_key`: the representative id, else the name in any case
    and spacing), so that two spellings are one row and two people of one name are two."""
    if by == "scheme":
        return claim.meeting.scheme, claim.meeting.scheme
    if by == "representative":
        representative_id = getattr(claim, "representative_id", None)
        label = f"{claim.representative} ({representative_id})" if representative_id \
            else claim.representative
        return person_key(claim), label
    return normalised_name(claim.group or ""), claim.group or ""
