"""The fee: what a table's rule for the activity and attendance pays for a meeting
(flat, by the hour, in tiers), and whether anything at all is payable for it."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..domain import ZERO, Attendance
from ..money import to_øre
from ..tables.schema import FlatRule, GiftOnlyRule, HourlyRule, PriceRule, RateTable, TieredRule
from .parts import FeePart, Writer

_ROUNDING = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def fee_part(table: RateTable, activity: str, attendance: Attendance, hours: Decimal | None,
             agreement: bool | None) -> FeePart:
    """The fee, and whether anything at all is payable for the meeting."""
    return _Fee(table, activity, attendance, hours, agreement).run()


class _Fee(Writer):
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
