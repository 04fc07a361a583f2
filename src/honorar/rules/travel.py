"""Travel and stay by the state's rates (SPEC §6): what one trip to one meeting is due.

Pure: a trip and a travel table in, the parts due with every step and its source out. No
files, no clock, no printing. Every rate, limit and share comes from the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from ..domain import DEFAULT_SEVERITY, ZERO, Finding, Severity, Step, TravelParts, Trip
from ..money import to_øre
from ..tables.schema import Cited
from ..tables.travel_schema import MEALS, TravelTable

HUNDRED = Decimal(100)
DAY_HOURS = Decimal(24)


@dataclass(frozen=True, slots=True)
class TravelResult:
    """What a trip is due: the parts (in øre, adding up to their sum rounded), their sum,
    and why; `parts` is None where the trip's meal allowance cannot be decided
    (`travel_undecided`)."""

    parts: TravelParts | None
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]

    @property
    def amount(self) -> Decimal | None:
        return None if self.parts is None else self.parts.total


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


class _Undecided(Exception):
    """The trip's meal allowance cannot be decided: `missing` names what is not given."""

    def __init__(self, missing: str, **params: object) -> None:
        super().__init__(missing)
        self.missing = missing
        self.params = params


class _Trip:
    def __init__(self, trip: Trip, table: TravelTable,
                 severity: Callable[[str], Severity]) -> None:
        self.trip = trip
        self.table = table
        self.severity = severity
        self.steps: list[Step] = []
        self.findings: list[Finding] = []
        self.unconfirmed: set[str] = set()

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> None:
        source = None if cited is None else self.table.source_of(cited)
        self.steps.append(Step(key, params, amount, source))
        if cited is not None and getattr(cited, "unconfirmed", False):
            self.flag_unconfirmed(cited)

    def flag_unconfirmed(self, cited: Cited) -> None:
        """`rate_unconfirmed` once per figure no cited page prints."""
        path = next((".".join(p) for p, c in self.table.cited_items() if c is cited), "?")
        if path in self.unconfirmed:
            return
        self.unconfirmed.add(path)
        figure = next((getattr(cited, f) for f in ("kr", "km", "hours", "percent", "share")
                       if hasattr(cited, f)), None)
        self.findings.append(Finding("rate_unconfirmed", self.severity("rate_unconfirmed"),
                                     {"table": self.table.label, "figure": path,
                                      "value": figure}))

    def run(self) -> TravelResult:
        t = self.table
        self.step("travel_table", regulation=t.regulation, name=t.name, effective=t.effective)
        km, passenger = self.km()
        try:
            kost = self.kost()
        except _Undecided as undecided:
            self.findings.append(Finding("travel_undecided", self.severity("travel_undecided"),
                                         {"missing": undecided.missing, **undecided.params}))
            self.step("travel_undecided", None, missing=undecided.missing, **undecided.params)
            return TravelResult(None, tuple(self.steps), tuple(self.findings))
        parts = TravelParts(*_rounded_at_the_end(
            (km, passenger, kost, self.night(), self.expenses())))
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
        for name, km in (("trailer", trip.trailer_km), ("forest_road", trip.forest_road_km)):
            if not km:
                continue
            supplement = getattr(rules, name)
            if supplement is None:
                raise _Undecided(f"{name}_rate", km=km)
            if trip.vehicle in supplement.vehicles:
                self.step(f"travel_{name}", km * supplement.kr, supplement, km=km,
                          rate_kr=supplement.kr)
                amount += km * supplement.kr
            else:
                self.step("travel_supplement_not_for_vehicle", ZERO, supplement, km=km,
                          vehicle=trip.vehicle, supplement=name)
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

    def one_way(self) -> Decimal | None:
        """The distance one way: as given, else a share of the km driven; None where
        neither is given (a trip by bus, train, plane or taxi)."""
        trip = self.trip
        if trip.distance_km is not None:
            return trip.distance_km
        if not trip.km:
            return None
        share = self.table.km.one_way_unstated
        distance = trip.km * share.share
        self.step("travel_distance_assumed", None, share, km=trip.km, share=share.share,
                  distance_km=distance)
        return distance

    def kost(self) -> Decimal:
        trip, rules = self.trip, self.table.meals
        hours = trip.hours
        if hours is None:  # the length of a trip is never guessed
            if trip.nights:
                raise _Undecided("times", nights=trip.nights)
            self.step("kost_hours_missing", ZERO, rates_kr=self.kost_rates())
            return ZERO
        if not trip.nights and hours > DAY_HOURS:
            raise _Undecided("nights", hours=hours)
        # rate a) is for trips "over 12 timer med overnatting": a shorter overnight trip is
        # a day trip by b)
        overnight = bool(trip.nights) and hours > rules.day_up_to_hours.hours
        distance = self.one_way()
        if distance is None:
            if overnight or hours >= rules.from_hours.hours:
                raise _Undecided("distance", hours=hours)
            self.step("kost_too_short", ZERO, rules.from_hours, hours=hours,
                      limit_hours=rules.from_hours.hours, rates_kr=self.kost_rates())
            return ZERO
        if distance <= rules.over_km.km:
            self.step("kost_too_near", ZERO, rules.over_km, distance_km=distance,
                      limit_km=rules.over_km.km, rates_kr=self.kost_rates())
            return ZERO
        if overnight:
            return self.deducted(self.overnight(hours))
        if trip.nights:
            self.step("kost_overnight_short", None, rules.day_up_to_hours, hours=hours,
                      limit_hours=rules.day_up_to_hours.hours)
        if hours < rules.from_hours.hours:
            self.step("kost_too_short", ZERO, rules.from_hours, hours=hours,
                      limit_hours=rules.from_hours.hours, rates_kr=self.kost_rates())
            return ZERO
        if hours <= rules.day_up_to_hours.hours:
            self.step("kost_day", rules.day.kr, rules.day, hours=hours,
                      from_hours=rules.from_hours.hours, limit_hours=rules.day_up_to_hours.hours)
            return self.deducted([rules.day.kr])
        self.step("kost_long_day", rules.long_day.kr, rules.long_day, hours=hours,
                  limit_hours=rules.day_up_to_hours.hours)
        return self.deducted([rules.long_day.kr])

    def kost_rates(self) -> tuple[Decimal, ...]:
        """The meal rates a trip could be paid, for a step that says none is due (an audit
        blames a difference on it only where the difference is one of them)."""
        rules = self.table.meals
        return (rules.day.kr, rules.long_day.kr, rules.overnight.kr)

    def overnight(self, hours: Decimal) -> list[Decimal]:
        """The rates of the days of a trip with overnight stays, in order: the 24-hour rate
        for each whole 24 hours, then the rate of the part past them, if it pays one."""
        rules = self.table.meals
        days = max(1, int((hours / DAY_HOURS).to_integral_value(ROUND_FLOOR)))
        self.step("kost_overnight", days * rules.overnight.kr, rules.overnight, days=days,
                  hours=hours, rate_kr=rules.overnight.kr)
        rates = [rules.overnight.kr] * days
        rest = hours - days * DAY_HOURS
        if rest <= 0:
            return rates
        if rest < rules.from_hours.hours:
            self.step("kost_rest_too_short", ZERO, rules.from_hours, hours=rest,
                      limit_hours=rules.from_hours.hours)
        elif rest <= rules.day_up_to_hours.hours:
            rates.append(rules.day.kr)
            self.step("kost_rest_day", rules.day.kr, rules.day, hours=rest,
                      limit_hours=rules.day_up_to_hours.hours)
        else:
            over = rules.long_day if rules.remaining_part.over_limit == "long_day" \
                else rules.overnight
            rates.append(over.kr)
            self.step("kost_rest_long", over.kr, rules.remaining_part, hours=rest,
                      limit_hours=rules.day_up_to_hours.hours, rate_kr=over.kr)
        return rates

    def deducted(self, rates: list[Decimal]) -> Decimal:
        """The day `rates` summed, less the meals provided: the n-th meal of a kind is
        taken from the n-th day's rate (more than the days: from the last day's), each a
        share of that day's rate, a day's meals never more than its rate."""
        deductions = self.table.meals.deductions
        meals = self.trip.meals
        total = sum(rates, ZERO)
        if not meals:
            return total
        cuts = [ZERO] * len(rates)
        breakfasts_free = 0
        rule = deductions.no_breakfast_with_night_allowance
        if rule is not None and rule.value and self.trip.nights_without_receipt:
            breakfasts_free = min(self.trip.nights_without_receipt, meals.count("breakfast"))
            if breakfasts_free:
                self.step("kost_breakfast_not_deducted", ZERO, rule, count=breakfasts_free,
                          nights=self.trip.nights_without_receipt)
        # the rate each day's meals are a share of: that day's, or (before 2022) the 24-hour
        # rate whatever the trip
        of = deductions.of_overnight_rate
        bases = [self.table.meals.overnight.kr] * len(rates) if of is not None and of.value \
            else rates
        for meal in MEALS:
            count = meals.count(meal)
            share = getattr(deductions, meal)
            first = breakfasts_free if meal == "breakfast" else 0
            for n in range(first, count):
                day = min(n, len(rates) - 1)
                cut = bases[day] * share.percent / HUNDRED
                self.step("kost_meal_deduction", -cut, share, meal=meal, percent=share.percent,
                          rate_kr=bases[day], day=day + 1)
                cuts[day] += cut
        # the rate the deductions were taken of: one, or each day's own
        used = sorted({bases[day] for day, cut in enumerate(cuts) if cut}, reverse=True)
        taken_of = of if of is not None and of.value else deductions.of_rate
        if len(used) > 1:
            self.step("kost_deductions_of_days", None, taken_of)
        else:
            self.step("kost_deductions_of", None, taken_of,
                      rate_kr=used[0] if used else bases[0])
        # a day's deductions are cut to its rate where the table says so (from 2022); without
        # that rule they come off the trip's whole allowance, never below nothing
        capped = deductions.at_most_day_rate
        if capped is not None and capped.value:
            for day, (rate, cut) in enumerate(zip(rates, cuts, strict=True)):
                if cut > rate:
                    self.step("kost_deductions_capped", rate - cut, capped, day=day + 1,
                              rate_kr=rate, deducted_kr=cut)
                    cuts[day] = rate
        return max(total - sum(cuts, ZERO), ZERO)

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
