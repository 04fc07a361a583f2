"""Travel and stay by the state's rates (SPEC §6): what one trip to one meeting is due.

Pure: a trip and a travel table in, the parts due with every step and its source out. No
files, no clock, no printing. Every rate, limit and share comes from the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .engine import to_øre
from .models import DEFAULT_SEVERITY, ZERO, Cited, Finding, Severity, Step, TravelParts, Trip
from .travelmodels import MEALS, TravelTable

HUNDRED = Decimal(100)
DAY_HOURS = Decimal(24)


@dataclass(frozen=True, slots=True)
class TravelResult:
    """What a trip is due: the parts (in øre, adding up to their sum rounded), their sum,
    and why."""

    parts: TravelParts
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]

    @property
    def amount(self) -> Decimal:
        return self.parts.total


def _rounded_at_the_end(amounts: tuple[Decimal, ...]) -> list[Decimal]:
    """The amounts in øre, each the rounded running sum less the one before it, so that
    they add up to their exact sum rounded (money is rounded only at the end). Each is its
    own amount rounded, or an øre from it where an amount before it was not whole øre."""
    rounded, running, before = [], ZERO, ZERO
    for amount in amounts:
        running += amount
        now = to_øre(running)
        rounded.append(now - before)
        before = now
    return rounded


def price_trip(trip: Trip, table: TravelTable,
               severity: Callable[[str], Severity] | None = None) -> TravelResult:
    """Apply the travel `table` to `trip`; `severity` gives a finding code's severity (the
    scheme table's, by default the contract's)."""
    return _Trip(trip, table, severity or DEFAULT_SEVERITY.__getitem__).run()


class _Trip:
    def __init__(self, trip: Trip, table: TravelTable,
                 severity: Callable[[str], Severity]) -> None:
        self.trip = trip
        self.table = table
        self.severity = severity
        self.steps: list[Step] = []
        self.findings: list[Finding] = []

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> None:
        source = None if cited is None else self.table.source_of(cited)
        self.steps.append(Step(key, params, amount, source))

    def run(self) -> TravelResult:
        t = self.table
        self.step("travel_table", regulation=t.regulation, name=t.name, effective=t.effective)
        km, passenger = self.km()
        parts = TravelParts(*_rounded_at_the_end(
            (km, passenger, self.kost(), self.night(), self.expenses())))
        self.step("travel_total", parts.total)
        return TravelResult(parts, tuple(self.steps), tuple(self.findings))

    # -- kilometre allowance

    def km(self) -> tuple[Decimal, Decimal]:
        trip, rules = self.trip, self.table.km
        if not trip.km:
            return ZERO, ZERO
        rate = getattr(rules.vehicles, trip.vehicle)
        amount = trip.km * rate.kr
        key = "travel_km" if rate.kr else "travel_km_none"
        self.step(key, amount, rate, km=trip.km, vehicle=trip.vehicle, rate_kr=rate.kr)
        passenger = ZERO
        if trip.passenger_km:
            if trip.vehicle in rules.passenger.vehicles:
                passenger = trip.passenger_km * rules.passenger.kr
                self.step("travel_passenger", passenger, rules.passenger,
                          passenger_km=trip.passenger_km, rate_kr=rules.passenger.kr)
            else:
                self.step("travel_passenger_not_for_vehicle", ZERO, rules.passenger,
                          passenger_km=trip.passenger_km, vehicle=trip.vehicle)
        return amount, passenger

    # -- meal allowance (kost)

    def one_way(self) -> Decimal:
        trip = self.trip
        if trip.distance_km is not None:
            return trip.distance_km
        share = self.table.km.one_way_unstated
        distance = trip.km * share.share
        self.step("travel_distance_assumed", None, share, km=trip.km, share=share.share,
                  distance_km=distance)
        return distance

    def kost(self) -> Decimal:
        trip, rules = self.trip, self.table.meals
        hours = trip.hours
        if hours is None:  # the length of a trip is never guessed
            self.step("kost_hours_missing", ZERO)
            return ZERO
        distance = self.one_way()
        if distance <= rules.over_km.km:
            self.step("kost_too_near", ZERO, rules.over_km, distance_km=distance,
                      limit_km=rules.over_km.km)
            return ZERO
        if trip.nights:
            return self.deducted(*self.overnight(hours))
        if hours < rules.from_hours.hours:
            self.step("kost_too_short", ZERO, rules.from_hours, hours=hours,
                      limit_hours=rules.from_hours.hours)
            return ZERO
        if hours <= rules.day_up_to_hours.hours:
            self.step("kost_day", rules.day.kr, rules.day, hours=hours,
                      from_hours=rules.from_hours.hours, limit_hours=rules.day_up_to_hours.hours)
            return self.deducted(rules.day.kr, rules.day.kr)
        self.step("kost_long_day", rules.long_day.kr, rules.long_day, hours=hours,
                  limit_hours=rules.day_up_to_hours.hours)
        return self.deducted(rules.long_day.kr, rules.long_day.kr)

    def overnight(self, hours: Decimal) -> tuple[Decimal, Decimal]:
        """The kost of a trip with overnight stays, and the rate meals are deducted from."""
        rules = self.table.meals
        days = max(1, int((hours / DAY_HOURS).to_integral_value(ROUND_FLOOR)))
        amount = days * rules.overnight.kr
        self.step("kost_overnight", amount, rules.overnight, days=days, hours=hours,
                  rate_kr=rules.overnight.kr)
        rest = hours - days * DAY_HOURS
        if rest <= 0:
            return amount, rules.overnight.kr
        if rest < rules.from_hours.hours:
            self.step("kost_rest_too_short", ZERO, rules.from_hours, hours=rest,
                      limit_hours=rules.from_hours.hours)
        elif rest <= rules.day_up_to_hours.hours:
            amount += rules.day.kr
            self.step("kost_rest_day", rules.day.kr, rules.day, hours=rest,
                      limit_hours=rules.day_up_to_hours.hours)
        else:
            over = rules.long_day if rules.remaining_part.over_limit == "long_day" \
                else rules.overnight
            amount += over.kr
            self.step("kost_rest_long", over.kr, rules.remaining_part, hours=rest,
                      limit_hours=rules.day_up_to_hours.hours, rate_kr=over.kr)
        return amount, rules.overnight.kr

    def deducted(self, amount: Decimal, rate: Decimal) -> Decimal:
        """`amount` less the meals provided, each a share of `rate`."""
        deductions = self.table.meals.deductions
        for meal in MEALS:
            if meal in self.trip.meals:
                share = getattr(deductions, meal)
                cut = rate * share.percent / HUNDRED
                self.step("kost_meal_deduction", -cut, share, meal=meal, percent=share.percent,
                          rate_kr=rate)
                amount -= cut
        if self.trip.meals:
            self.step("kost_deductions_of", None, deductions.of_rate, rate_kr=rate)
        return max(amount, ZERO)

    # -- night allowance and expenses

    def night(self) -> Decimal:
        nights = self.trip.nights_without_receipt
        if not nights:
            return ZERO
        rate = self.table.night_without_receipt
        amount = nights * rate.kr
        self.step("travel_night", amount, rate, nights=nights, rate_kr=rate.kr)
        return amount

    def expenses(self) -> Decimal:
        trip = self.trip
        if not trip.expenses:
            return ZERO
        rule = self.table.expenses.receipts_required
        if rule.value and not trip.expenses_documented:
            self.findings.append(Finding("travel_expenses_undocumented",
                                         self.severity("travel_expenses_undocumented"),
                                         {"claimed_kr": trip.expenses}))
            self.step("travel_expenses_undocumented", ZERO, rule, claimed_kr=trip.expenses)
            return ZERO
        self.step("travel_expenses", trip.expenses, rule, claimed_kr=trip.expenses)
        return trip.expenses
