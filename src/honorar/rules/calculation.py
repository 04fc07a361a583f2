"""The calculation: what the rules of one rate table give for one meeting.

Pure: a meeting and a table in, a `Calculation` out. No files, no clock, no printing.
Every amount comes from the table; every step names the table item it rests on.

A calculation is put together from parts (`parts.Part`), each made by one rule from only
the facts it looks at: the table's own step, the fee (`fees`), lost income, the gift,
travel. The facts of each part are named by the arguments of the function that makes it,
so that a `Pricer` can remember a part for every meeting that shares them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain import (
    DEFAULT_SEVERITY,
    ZERO,
    Attendance,
    Calculation,
    Finding,
    Meeting,
    Source,
    Step,
    TravelParts,
    Trip,
)
from ..money import to_øre
from ..tables.schema import RateTable
from .fees import fee_part
from .parts import NOTHING, NOTHING_ELSE_PAYABLE, FeePart, Part, TravelPart, Writer

if TYPE_CHECKING:
    from ..tables.travel_schema import TravelTable


def calculate(meeting: Meeting, table: RateTable | None,
              travel: TravelTable | None = None) -> Calculation:
    """Apply `table` to `meeting`; with no table, the result says so and decides nothing.

    A meeting with a trip is also priced for travel by `travel`, the travel table the
    scheme table names (`table.travel`) in force on the meeting's date; None where none is
    in force, which leaves travel, and so the total, undecided.
    """
    if table is None:
        return _no_table(meeting)
    return _AFRESH.calculation(meeting, table, travel)


def _no_table(meeting: Meeting) -> Calculation:
    finding = Finding("no_rate_table", DEFAULT_SEVERITY["no_rate_table"],
                      {"scheme": meeting.scheme, "date": meeting.date})
    return Calculation(meeting.scheme, None, None, None, None, None, (), (finding,))


def outdated_rates(table: RateTable, day: dt.date) -> Finding | None:
    """`rates_may_be_outdated` when `day` is past the date by which the table's rates were
    to be checked again; None otherwise."""
    review = table.review_after
    if review is None or day <= review.date:
        return None
    return Finding("rates_may_be_outdated", table.severity("rates_may_be_outdated"),
                   {"table": table.label, "review_date": review.date,
                    "note": review.quote or review.assumption})


def voided(calculation: Calculation, code: str, trip: bool = False) -> Calculation:
    """`calculation` with nothing due, because the finding `code` voids payment (see
    `models.VOIDS_PAYMENT`); its steps end with the step that says so. With `trip` (the
    meeting had one) no travel is due either, also where no travel table decided it."""
    steps = (*calculation.steps, Step("voided", {"code": code}, ZERO))
    travelled = trip or calculation.travel is not None or calculation.travel_parts is not None
    return Calculation(calculation.scheme, calculation.version, ZERO, ZERO, ZERO, ZERO, steps,
                       calculation.findings, ZERO if travelled else None,
                       TravelParts(ZERO, ZERO, ZERO, ZERO, ZERO) if travelled else None)


def not_claimed(calculation: Calculation, part: str) -> Calculation:
    """`calculation` with `part` (honorarium or travel) due 0: the file has a column for
    it and the claim leaves it blank or 0, so it is not claimed. Its steps end with the step
    that says so, and what the rules would give."""
    given = getattr(calculation, part)
    steps = [s for s in calculation.steps if s.key != "total"]
    steps.append(Step(f"not_claimed_{part}", {"rules_kr": given}, ZERO))
    total = calculation.total
    if total is not None:
        total = to_øre(total - given)
        steps.append(Step("total", {}, total))
    changes: dict = {part: ZERO, "total": total, "steps": tuple(steps)}
    if part == "travel" and calculation.travel_parts is not None:
        changes["travel_parts"] = TravelParts(ZERO, ZERO, ZERO, ZERO, ZERO)
    return replace(calculation, **changes)


def undecided(calculation: Calculation, code: str) -> Calculation:
    """`calculation` with nothing decided, because the finding `code` leaves the claim to a
    person (see `models.UNDECIDES_PAYMENT`); its steps end with the step that says so."""
    steps = (*calculation.steps, Step("undecided", {"code": code}, None))
    return Calculation(calculation.scheme, calculation.version, None, None, None, None, steps,
                       calculation.findings, None, None)


def lost_income_left_for_day(calculation: Calculation, table: RateTable, claimed: Decimal,
                             covered: Decimal) -> Calculation:
    """`calculation` with its lost income cut to what is left of the table's cap when
    `covered` is already paid to the same person that day: the cap is per representative
    per day (`lost_income.cap_per_day`), so claims of one day share it."""
    rule = table.lost_income
    cap = rule.cap.kr
    assert cap is not None and rule.cap_per_day is not None
    left = to_øre(max(cap - covered, ZERO))
    # the total less what the cap takes back (it holds travel, where there is any)
    total = None if calculation.total is None else to_øre(
        calculation.total - calculation.lost_income + left)  # type: ignore[operator]
    cited = rule.cap_per_day
    source = Source(table.document.short, cited.quote, cited.assumption, cited.reason)
    steps = [s for s in calculation.steps if s.key != "total"]
    steps.append(Step("lost_income_day_capped", {
        "claimed_kr": claimed, "used_kr": covered, "cap_kr": cap, "paid_kr": left}, left, source))
    if total is not None:
        steps.append(Step("total", {}, total))
    return replace(calculation, lost_income=left, total=total, steps=tuple(steps))


# ------------------------------------------------------------------------------ parts
# (the fee's in `fees`)


def table_part(table: RateTable, hours: Decimal | None) -> Part:
    """The step that names the table, and the finding that the meeting lasted longer than
    any meeting plausibly does."""
    part = Writer(table)
    part.step("table", scheme=table.scheme, name=table.name, effective=table.effective)
    if hours is not None and hours > table.implausible_hours:
        part.find("implausible_duration", hours=hours, limit_hours=table.implausible_hours)
    return part.part(None)


def lost_income_part(table: RateTable, claimed: Decimal, documented: bool) -> Part:
    if not claimed:
        return NOTHING
    part = Writer(table)
    rule = table.lost_income
    if rule.documentation_required.value and not documented:
        part.find("lost_income_undocumented", claimed_kr=claimed)
        part.step("lost_income_undocumented", ZERO, rule.documentation_required,
                  claimed_kr=claimed)
        return part.part(ZERO)
    cap = rule.cap.kr
    if cap is not None and claimed > cap:
        part.find("lost_income_over_cap", claimed_kr=claimed, cap_kr=cap)
        part.step("lost_income_capped", cap, rule.cap, claimed_kr=claimed, cap_kr=cap)
        return part.part(cap)
    part.step("lost_income", claimed, rule.cap if cap is None else rule.documentation_required,
              claimed_kr=claimed)
    return part.part(claimed)


def gift_part(table: RateTable, claimed: Decimal, activity: str) -> Part:
    if not claimed:
        return NOTHING
    part = Writer(table)
    rule = table.gift
    if rule is None or activity not in rule.activities:
        part.find("gift_over_cap", "gift_not_for_activity", claimed_kr=claimed,
                  activity=activity)
        part.step("gift_not_for_activity", ZERO, None, claimed_kr=claimed, activity=activity)
        return part.part(ZERO)
    if claimed > rule.cap.kr:
        part.find("gift_over_cap", claimed_kr=claimed, cap_kr=rule.cap.kr)
        part.step("gift_capped", rule.cap.kr, rule.cap, claimed_kr=claimed, cap_kr=rule.cap.kr)
        return part.part(rule.cap.kr)
    part.step("gift", claimed, rule.cap, claimed_kr=claimed, cap_kr=rule.cap.kr)
    return part.part(claimed)


def travel_part(table: RateTable, trip: Trip, travel: TravelTable | None, payable: bool,
                date: dt.date, remote: bool = False) -> TravelPart:
    """Travel and stay for a trip, by the travel rules the table names; `travel` is their
    table in force on the meeting's `date`, which matters only where there is none. A trip
    to a meeting attended `remote`ly is left for a person (`travel_for_remote_meeting`):
    someone may have travelled to a video room; one with nothing in it (no km, no time
    away) is no trip."""
    if not payable:
        nothing = to_øre(ZERO)
        return TravelPart(nothing, (Step("travel_not_payable", {}, nothing),), (),
                          TravelParts(nothing, nothing, nothing, nothing, nothing))
    if remote and trip.empty:  # zeros in the travel columns of a meeting from home
        nothing = to_øre(ZERO)
        return TravelPart(nothing, (Step("travel_remote_none", {}, nothing),), (),
                          TravelParts(nothing, nothing, nothing, nothing, nothing))
    part = Writer(table)
    if remote:
        part.find("travel_for_remote_meeting")
        part.step("travel_for_remote_meeting", None)
        return TravelPart(None, tuple(part.steps), tuple(part.findings))
    if table.travel is None:
        part.find("no_rate_table", "travel_rules_not_named_finding", scheme=table.scheme)
        part.step("travel_rules_not_named", None, scheme=table.scheme)
        return TravelPart(None, tuple(part.steps), tuple(part.findings))
    if travel is None:
        part.find("no_rate_table", "travel_no_rate_table_finding", regulation=table.travel.table,
                  date=date)
        part.step("travel_no_rate_table", None, regulation=table.travel.table, date=date)
        return TravelPart(None, tuple(part.steps), tuple(part.findings))
    from .travel import price_trip

    part.step("travel_rules", None, table.travel, regulation=table.travel.table)
    result = price_trip(trip, travel, table.severity)
    amount = result.amount
    return TravelPart(None if amount is None else to_øre(amount),
                      (*part.steps, *result.steps), result.findings, result.parts)


def outdated_travel_rates(table: RateTable, travel: TravelTable | None,
                          day: dt.date) -> Finding | None:
    """`travel_rates_may_be_outdated` when `day` is past the date by which the travel
    table's rates were to be checked again; None otherwise."""
    review = None if travel is None else travel.review_after
    if review is None or day <= review.date:
        return None
    assert travel is not None
    return Finding("travel_rates_may_be_outdated", table.severity("travel_rates_may_be_outdated"),
                   {"table": travel.label, "review_date": review.date,
                    "note": review.quote or review.assumption})


# ------------------------------------------------------------------------ composition


class _Parts:
    """The parts of a calculation, each made afresh, and how they are put together."""

    outdated = staticmethod(outdated_rates)
    table = staticmethod(table_part)
    fee = staticmethod(fee_part)
    lost_income = staticmethod(lost_income_part)
    gift = staticmethod(gift_part)
    travel = staticmethod(travel_part)

    def calculation(self, meeting: Meeting, table: RateTable,
                    travel: TravelTable | None) -> Calculation:
        m = meeting
        fee = self.fee(table, m.activity, m.attendance, m.hours, m.agreement)
        if fee.payable:
            lost_income = self.lost_income(table, m.lost_income, m.lost_income_documented)
            gift = self.gift(table, m.gift, m.activity)
        else:
            lost_income = NOTHING_ELSE_PAYABLE if m.lost_income or m.gift else NOTHING
            gift = NOTHING
        trip = None
        if m.trip is not None:
            trip = self.travel(table, m.trip, travel, fee.payable, m.date,
                               m.attendance is Attendance.REMOTE)
            old = outdated_travel_rates(table, travel, m.date)
            if old is not None and trip.amount is not None and fee.payable and not (
                    m.attendance is Attendance.REMOTE and m.trip.empty):  # nothing priced
                trip = replace(trip, findings=(old, *trip.findings))
        return _put_together(table, self.outdated(table, m.date), self.table(table, m.hours),
                             fee, lost_income, gift, trip)


def _put_together(table: RateTable, outdated: Finding | None, head: Part, fee: FeePart,
                  lost_income: Part, gift: Part, trip: TravelPart | None) -> Calculation:
    honorarium = fee.amount
    steps = head.steps + fee.steps + lost_income.steps + gift.steps
    findings = head.findings + fee.findings + lost_income.findings + gift.findings
    if outdated is not None:
        findings = (outdated, *findings)
    if trip is None:
        travel = travel_parts = None
        decided = honorarium is not None
    else:
        travel, travel_parts = trip.amount, trip.travel_parts
        steps += trip.steps
        findings += trip.findings
        decided = honorarium is not None and travel is not None
    total = None
    if decided:
        total = ZERO + honorarium + lost_income.amount + gift.amount  # type: ignore[operator]
        total = to_øre(total if travel is None else total + travel)
        steps += (Step("total", {}, total),)
    return Calculation(table.scheme, table.version, honorarium, lost_income.amount, gift.amount,
                       total, steps, findings, travel, travel_parts)


_AFRESH = _Parts()
