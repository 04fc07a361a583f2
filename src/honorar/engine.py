"""The calculation: what the rules of one rate table give for one meeting.

Pure: a meeting and a table in, a `Calculation` out. No files, no clock, no printing.
Every amount comes from the table; every step names the table item it rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .models import (
    DEFAULT_SEVERITY,
    ZERO,
    Attendance,
    Calculation,
    Cited,
    Finding,
    FlatRule,
    GiftOnlyRule,
    HourlyRule,
    Meeting,
    PriceRule,
    RateTable,
    Source,
    Step,
    TieredRule,
    TravelParts,
)

if TYPE_CHECKING:
    from .travelmodels import TravelTable

ØRE = Decimal("0.01")
_ROUNDING = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def to_øre(amount: Decimal) -> Decimal:
    return amount.quantize(ØRE, rounding=ROUND_HALF_UP)


def calculate(meeting: Meeting, table: RateTable | None,
              travel: TravelTable | None = None) -> Calculation:
    """Apply `table` to `meeting`; with no table, the result says so and decides nothing.

    A meeting with a trip is also priced for travel by `travel`, the travel table the
    scheme table names (`table.travel`) in force on the meeting's date; None where none is
    in force, which leaves travel, and so the total, undecided.
    """
    if table is None:
        finding = Finding("no_rate_table", DEFAULT_SEVERITY["no_rate_table"],
                          {"scheme": meeting.scheme, "date": meeting.date})
        return Calculation(meeting.scheme, None, None, None, None, None, (), (finding,))
    return _Calculator(meeting, table, travel).run()


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
    steps = (*calculation.steps, Step("voided", ZERO, {"code": code}))
    travelled = trip or calculation.travel is not None or calculation.travel_parts is not None
    return Calculation(calculation.scheme, calculation.version, ZERO, ZERO, ZERO, ZERO, steps,
                       calculation.findings, ZERO if travelled else None,
                       TravelParts(ZERO, ZERO, ZERO, ZERO, ZERO) if travelled else None)


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
    steps.append(Step("lost_income_day_capped", left, {
        "claimed_kr": claimed, "used_kr": covered, "cap_kr": cap, "paid_kr": left}, source))
    if total is not None:
        steps.append(Step("total", total))
    return replace(calculation, lost_income=left, total=total, steps=tuple(steps))


class _Calculator:
    def __init__(self, meeting: Meeting, table: RateTable,
                 travel: TravelTable | None = None) -> None:
        self.meeting = meeting
        self.table = table
        self.travel_table = travel
        self.steps: list[Step] = []
        self.findings: list[Finding] = []

    # -- bookkeeping

    def source(self, cited: Cited | None) -> Source | None:
        if cited is None:
            return None
        return Source(self.table.document.short, cited.quote, cited.assumption, cited.reason)

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> None:
        self.steps.append(Step(key, params, amount, self.source(cited)))

    def find(self, code: str, key: str | None = None, **params: object) -> None:
        self.findings.append(Finding(code, self.table.severity(code), params, key))

    # -- the rules

    def run(self) -> Calculation:
        m, t = self.meeting, self.table
        self.step("table", scheme=t.scheme, name=t.name, effective=t.effective)
        outdated = outdated_rates(t, m.date)
        if outdated is not None:
            self.findings.append(outdated)
        if m.hours is not None and m.hours > t.implausible_hours:
            self.find("implausible_duration", hours=m.hours, limit_hours=t.implausible_hours)
        honorarium, payable = self.honorarium()
        if not payable:
            lost_income, gift = ZERO, ZERO
            if m.lost_income or m.gift:
                self.step("nothing_else_payable", ZERO)
        else:
            lost_income = self.lost_income()
            gift = self.gift()
        travel, travel_parts = self.travel(payable)
        parts = (honorarium, lost_income, gift)
        rounded = tuple(None if p is None else to_øre(p) for p in parts)
        every = (*rounded, travel) if m.trip is not None else rounded
        total = None if None in every else to_øre(sum(every, ZERO))  # type: ignore[arg-type]
        if total is not None:
            self.step("total", total)
        return Calculation(t.scheme, t.version, *rounded, total, tuple(self.steps),
                           tuple(self.findings), travel, travel_parts)

    def travel(self, payable: bool) -> tuple[Decimal | None, TravelParts | None]:
        """Travel and stay for the meeting's trip, by the travel rules the table names."""
        m, t = self.meeting, self.table
        if m.trip is None:
            return None, None
        if not payable:
            nothing = to_øre(ZERO)
            self.step("travel_not_payable", nothing)
            return nothing, TravelParts(nothing, nothing, nothing, nothing, nothing)
        if t.travel is None:
            self.find("no_rate_table", "travel_rules_not_named_finding", scheme=t.scheme)
            self.step("travel_rules_not_named", None, scheme=t.scheme)
            return None, None
        if self.travel_table is None:
            self.find("no_rate_table", "travel_no_rate_table_finding", regulation=t.travel.table,
                      date=m.date)
            self.step("travel_no_rate_table", None, regulation=t.travel.table, date=m.date)
            return None, None
        from .travel import price_trip

        self.step("travel_rules", None, t.travel, regulation=t.travel.table)
        result = price_trip(m.trip, self.travel_table, t.severity)
        self.steps.extend(result.steps)
        self.findings.extend(result.findings)
        return result.amount, result.parts

    def honorarium(self) -> tuple[Decimal | None, bool]:
        """The fee, and whether anything at all is payable for the meeting."""
        m, t = self.meeting, self.table
        if m.activity in t.not_payable:
            self.find("not_payable_activity", activity=m.activity)
            self.step("not_payable", ZERO, t.not_payable[m.activity], activity=m.activity)
            return ZERO, False
        rules = t.activities.get(m.activity)
        at_least = rules.at_least if rules else None
        if at_least is not None and m.hours is not None and m.hours < at_least.hours:
            self.find("full_day_too_short", activity=m.activity, hours=m.hours,
                      limit_hours=at_least.hours, otherwise=at_least.otherwise)
            self.step("priced_as", None, at_least, activity=m.activity, hours=m.hours,
                      limit_hours=at_least.hours, otherwise=at_least.otherwise)
            rules = t.activities[at_least.otherwise]
        rule = rules.for_attendance(m.attendance) if rules else None
        if rule is None:
            self.find("activity_not_in_table", activity=m.activity, attendance=m.attendance,
                      scheme=t.scheme)
            self.step("activity_not_in_table", None, activity=m.activity,
                      attendance=m.attendance)
            return None, True
        if t.agreement is not None and t.agreement.required and m.agreement is not True:
            self.find("no_agreement", None if m.agreement is False else "agreement_not_stated")
            self.step("no_agreement", ZERO, t.agreement)
            return ZERO, False
        if t.attendance is not None and m.attendance == Attendance.PHYSICAL:
            self.step("attended_in_person", None, t.attendance)
        return self.price(rule), True

    def price(self, rule: PriceRule) -> Decimal | None:
        # each rule kind has the method of its name: flat, hourly, tiered, gift_only
        return getattr(self, rule.rule)(rule)

    def flat(self, rule: FlatRule) -> Decimal:
        self.step("flat", rule.amount.kr, rule.amount, activity=self.meeting.activity,
                  attendance=self.meeting.attendance)
        return rule.amount.kr

    def gift_only(self, rule: GiftOnlyRule) -> Decimal:
        self.step("gift_only", ZERO, rule, activity=self.meeting.activity)
        return ZERO

    def need_hours(self) -> Decimal | None:
        if self.meeting.hours is None:
            self.find("duration_missing", activity=self.meeting.activity)
            self.step("duration_missing", None, activity=self.meeting.activity)
        return self.meeting.hours

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
        hours = self.meeting.hours
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
            self.step("flat", tier.amount.kr, tier.amount, activity=self.meeting.activity,
                      attendance=self.meeting.attendance)
        return tier.amount.kr

    def lost_income(self) -> Decimal:
        claimed = self.meeting.lost_income
        if not claimed:
            return ZERO
        rule = self.table.lost_income
        if rule.documentation_required.value and not self.meeting.lost_income_documented:
            self.find("lost_income_undocumented", claimed_kr=claimed)
            self.step("lost_income_undocumented", ZERO, rule.documentation_required,
                      claimed_kr=claimed)
            return ZERO
        cap = rule.cap.kr
        if cap is not None and claimed > cap:
            self.find("lost_income_over_cap", claimed_kr=claimed, cap_kr=cap)
            self.step("lost_income_capped", cap, rule.cap, claimed_kr=claimed, cap_kr=cap)
            return cap
        self.step("lost_income", claimed, rule.cap if cap is None else rule.documentation_required,
                  claimed_kr=claimed)
        return claimed

    def gift(self) -> Decimal:
        claimed = self.meeting.gift
        if not claimed:
            return ZERO
        rule = self.table.gift
        if rule is None or self.meeting.activity not in rule.activities:
            self.find("gift_over_cap", "gift_not_for_activity", claimed_kr=claimed,
                      activity=self.meeting.activity)
            self.step("gift_not_for_activity", ZERO, None, claimed_kr=claimed,
                      activity=self.meeting.activity)
            return ZERO
        if claimed > rule.cap.kr:
            self.find("gift_over_cap", claimed_kr=claimed, cap_kr=rule.cap.kr)
            self.step("gift_capped", rule.cap.kr, rule.cap, claimed_kr=claimed,
                      cap_kr=rule.cap.kr)
            return rule.cap.kr
        self.step("gift", claimed, rule.cap, claimed_kr=claimed, cap_kr=rule.cap.kr)
        return claimed
