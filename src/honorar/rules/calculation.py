"""The calculation: what the rules of one rate table give for one meeting.

Pure: a meeting and a table in, a `Calculation` out. No files, no clock, no printing.
Every amount comes from the table; every step names the table item it rests on.

A calculation is put together from parts, each made by one rule from only the facts it
looks at: the table's own step, the fee, lost income, the gift, travel. The facts of each
part are named by the arguments of the function that makes it, so that a `Pricer` can
remember a part for every meeting that shares them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
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
from ..tables.schema import Cited, FlatRule, GiftOnlyRule, HourlyRule, PriceRule, RateTable, TieredRule

if TYPE_CHECKING:
    from ..tables.travel_schema import TravelTable

_ROUNDING = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


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


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a calculation: its amount in øre (None where no rule decides it), and
    the steps and findings that give it, in order."""

    amount: Decimal | None
    steps: tuple[Step, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class FeePart(Part):
    # False where the meeting is paid nothing at all (the activity is not paid, or no
    # agreement was made), which leaves nothing else payable either
    payable: bool = True


@dataclass(frozen=True, slots=True)
class TravelPart(Part):
    travel_parts: TravelParts | None = None


_NOTHING = Part(to_øre(ZERO))
_NOTHING_ELSE_PAYABLE = Part(to_øre(ZERO), (Step("nothing_else_payable", {}, ZERO),))


class _Writer:
    """The steps and findings of one part as they are made, each citing `table`."""

    def __init__(self, table: RateTable) -> None:
        self.table = table
        self.steps: list[Step] = []
        self.findings: list[Finding] = []

    def source(self, cited: Cited | None) -> Source | None:
        if cited is None:
            return None
        return Source(self.table.document.short, cited.quote, cited.assumption, cited.reason)

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> None:
        self.steps.append(Step(key, params, amount, self.source(cited)))

    def find(self, code: str, key: str | None = None, **params: object) -> None:
        self.findings.append(Finding(code, self.table.severity(code), params, key))

    def part(self, amount: Decimal | None) -> Part:
        return Part(None if amount is None else to_øre(amount), tuple(self.steps),
                    tuple(self.findings))


def table_part(table: RateTable, hours: Decimal | None) -> Part:
    """The step that names the table, and the finding that the meeting lasted longer than
    any meeting plausibly does."""
    part = _Writer(table)
    part.step("table", scheme=table.scheme, name=table.name, effective=table.effective)
    if hours is not None and hours > table.implausible_hours:
        part.find("implausible_duration", hours=hours, limit_hours=table.implausible_hours)
    return part.part(None)


def fee_part(table: RateTable, activity: str, attendance: Attendance, hours: Decimal | None,
             agreement: bool | None) -> FeePart:
    """The fee, and whether anything at all is payable for the meeting."""
    return _Fee(table, activity, attendance, hours, agreement).run()


def lost_income_part(table: RateTable, claimed: Decimal, documented: bool) -> Part:
    if not claimed:
        return _NOTHING
    part = _Writer(table)
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
        return _NOTHING
    part = _Writer(table)
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
    part = _Writer(table)
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


class _Fee(_Writer):
    def __init__(self, table: RateTable, activity: str, attendance: Attendance,
                 hours: Decimal | None, agreement: bool | None) -> None:
        super().__init__(table)
        self.activity = activity
        self.attendance = attendance
        self.hours = hours
        self.agreement = agreement

    def fee(self, amount: Decimal | None, payable: bool) -> FeePart:
        return FeePart(None if amount is None else to_øre(amount), tuple(self.steps),
                       tuple(self.findings), payable)

    def run(self) -> FeePart:
        t = self.table
        if self.activity in t.not_payable:
            self.find("not_payable_activity", activity=self.activity)
            self.step("not_payable", ZERO, t.not_payable[self.activity], activity=self.activity)
            return self.fee(ZERO, False)
        rules = t.activities.get(self.activity)
        at_least = rules.at_least if rules else None
        if at_least is not None and self.hours is not None and self.hours < at_least.hours:
            self.find("full_day_too_short", activity=self.activity, hours=self.hours,
                      limit_hours=at_least.hours, otherwise=at_least.otherwise)
            self.step("priced_as", None, at_least, activity=self.activity, hours=self.hours,
                      limit_hours=at_least.hours, otherwise=at_least.otherwise)
            rules = t.activities[at_least.otherwise]
        rule = rules.for_attendance(self.attendance) if rules else None
        if rule is None:
            self.find("activity_not_in_table", activity=self.activity,
                      attendance=self.attendance, scheme=t.scheme)
            self.step("activity_not_in_table", None, activity=self.activity,
                      attendance=self.attendance)
            return self.fee(None, True)
        if t.agreement is not None and t.agreement.required and self.agreement is not True:
            self.find("no_agreement", None if self.agreement is False else "agreement_not_stated")
            self.step("no_agreement", ZERO, t.agreement)
            return self.fee(ZERO, False)
        if t.attendance is not None and self.attendance == Attendance.PHYSICAL:
            self.step("attended_in_person", None, t.attendance)
        return self.fee(self.price(rule), True)

    def price(self, rule: PriceRule) -> Decimal | None:
        # each rule kind has the method of its name: flat, hourly, tiered, gift_only
        return getattr(self, rule.rule)(rule)

    def flat(self, rule: FlatRule) -> Decimal:
        self.step("flat", rule.amount.kr, rule.amount, activity=self.activity,
                  attendance=self.attendance)
        return rule.amount.kr

    def gift_only(self, rule: GiftOnlyRule) -> Decimal:
        self.step("gift_only", ZERO, rule, activity=self.activity)
        return ZERO

    def need_hours(self) -> Decimal | None:
        if self.hours is None:
            self.find("duration_missing", activity=self.activity)
            self.step("duration_missing", None, activity=self.activity)
        return self.hours

    def hourly(self, rule: HourlyRule) -> Decimal | None:
        hours = self.need_hours()
        if hours is None:
            return None
        paid_hours = hours
        if rule.rounding is not None:
            step_hours = rule.rounding.step_hours
            steps = (hours / step_hours).to_integral_value(_ROUNDING[rule.rounding.direction])
            paid_hours = steps * step_hours
            if paid_hours != hours:
                self.step("hours_rounded", None, rule.rounding, hours=hours,
                          paid_hours=paid_hours, step_hours=step_hours,
                          direction=rule.rounding.direction)
        if rule.minimum is not None and paid_hours < rule.minimum.hours:
            self.step("hours_minimum", None, rule.minimum, hours=paid_hours,
                      paid_hours=rule.minimum.hours)
            paid_hours = rule.minimum.hours
        amount = paid_hours * rule.rate.kr
        self.step("hourly", amount, rule.rate, hours=paid_hours, rate_kr=rule.rate.kr)
        if rule.cap is not None and rule.cap.kr is not None and amount > rule.cap.kr:
            amount = rule.cap.kr
            self.step("hourly_capped", amount, rule.cap, cap_kr=rule.cap.kr)
        return amount

    def tiered(self, rule: TieredRule) -> Decimal | None:
        hours = self.hours
        if hours is None and rule.without_duration is not None:
            tier = rule.tiers[0 if rule.without_duration.tier == "first" else -1]
            self.step("tier_without_duration", None, rule.without_duration)
        else:
            hours = self.need_hours()
            if hours is None:
                return None
            tier = next(t for t in rule.tiers
                        if t.up_to_hours is None or hours <= t.up_to_hours.hours)
        index = rule.tiers.index(tier)
        if tier.up_to_hours is not None:
            self.step("tier_up_to", tier.amount.kr, tier.amount, hours=hours,
                      limit_hours=tier.up_to_hours.hours)
        elif index > 0:
            limit = rule.tiers[index - 1].up_to_hours
            self.step("tier_over", tier.amount.kr, tier.amount, hours=hours,
                      limit_hours=limit.hours if limit else None)
        else:
            self.step("flat", tier.amount.kr, tier.amount, activity=self.activity,
                      attendance=self.attendance)
        return tier.amount.kr


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
            lost_income = _NOTHING_ELSE_PAYABLE if m.lost_income or m.gift else _NOTHING
            gift = _NOTHING
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
