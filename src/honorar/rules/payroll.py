"""A paid claim as payroll lines: the a-melding description, benefit kind, withholding,
employer's contribution, quantity and amount of each part of what was paid.

Pure: the claim's paid parts (`rules.paid_parts`) and the tax-free table in force on the
payment date in, lines out, each with its reasons as steps with their sources. The lines
of a claim add up exactly to what it was paid. Every figure is the table's.

- fee and lost income: `styrehonorarOgGodtgjoerelseVerv`, pay (withholding and employer's
  contribution);
- km by car, passenger km, and trailer, forest-road and other vehicles' km: up to the
  tax-free rate times the km without withholding, the excess with withholding and
  employer's contribution, under the same description;
- meals (kost): up to the tax-free rates of the trip's days (less the meals deducted) under
  `reiseKostUtenOvernatting` or the lodging's overnight description, the excess under
  `reiseKost`;
- night allowance: `reiseNattillegg` with the nights while it is within the tax-free rate
  per night, else the whole of it under `reiseAnnet`, taxable;
- documented outlays: a refund, not income; a gift up to the table's limit: not reported
  (over it: left to a person);
- travel that cannot be split (a claim recorded before the ledger kept its parts): one
  line left to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain import ZERO, Source, Step
from ..money import from_ore, to_ore
from ..problem import ValueProblem, said
from ..tables.schema import Cited
from ..tables.tax_free_schema import LODGINGS, TaxFreeTable
from .paid_parts import PaidPart

VERV = "styrehonorarOgGodtgjoerelseVerv"
CAR = "kilometergodtgjoerelseBil"
PASSENGER = "kilometergodtgjoerelsePassasjertillegg"
OTHER_VEHICLES = "kilometergodtgjoerelseAndreFremkomstmidler"
DAY_TRIP = "reiseKostUtenOvernatting"
KOST_TAXABLE = "reiseKost"
NIGHT = "reiseNattillegg"
OTHER = "reiseAnnet"

PAY = "kontantytelse"
ALLOWANCE = "utgiftsgodtgjoerelse"

# the kinds of line: what a line is, beside its description
KINDS = ("pay", "tax_free", "taxable", "refund", "gift", "unsplit")
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class PayrollLine:
    """One line of a claim for payroll. `description` is None for a line not reported in
    the a-melding (a refund, a gift, travel left to a person)."""

    kind: str  # one of KINDS
    part: str  # the paid part it comes from (`paid_parts.PARTS`)
    description: str | None
    benefit: str | None  # kontantytelse, utgiftsgodtgjoerelse; None: not reported
    withholding: bool
    employer_contribution: bool
    amount: Decimal
    quantity: Decimal | None = None
    unit: str | None = None  # km, passenger_km, days, nights
    steps: tuple[Step, ...] = ()

    @property
    def reported(self) -> bool:
        return self.description is not None

    @property
    def needs_person(self) -> bool:
        """A line honorar cannot report by itself: a person decides."""
        return self.kind == "unsplit"


_NO_STEP = Step("payroll.step.table")


class _Lines:
    def __init__(self, table: TaxFreeTable, reasons: bool = True) -> None:
        self.table = table
        self.reasons = reasons
        self.lines: list[PayrollLine] = []

    def source(self, cited: Cited | None) -> Source | None:
        return None if cited is None else self.table.source_of(cited)

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> Step:
        if not self.reasons:
            return _NO_STEP
        return Step(key, params, amount, self.source(cited))

    def add(self, kind: str, part: PaidPart, description: str | None, ore: int,
            steps: list[Step], quantity: Decimal | None = None, unit: str | None = None) -> None:
        if not ore:
            return
        taxable = kind in ("pay", "taxable")
        benefit = None if description is None else PAY if kind == "pay" else ALLOWANCE
        self.lines.append(PayrollLine(kind, part.part, description, benefit, taxable,
                                      taxable, from_ore(ore), quantity, unit, tuple(steps)))

    def split(self, part: PaidPart, description: str, limit_ore: int, steps: list[Step],
              quantity: Decimal | None, unit: str | None) -> None:
        """`part` up to `limit_ore` tax-free, the rest taxable, under `description`."""
        rules = self.table.rules
        free = min(part.ore, max(limit_ore, 0))
        excess = part.ore - free
        self.add("tax_free", part, description, free,
                 [*steps, self.step("payroll.step.tax_free", from_ore(free), None,
                                    limit_kr=from_ore(limit_ore), paid_kr=from_ore(part.ore))],
                 quantity, unit)
        # the quantity goes with the tax-free line (as the a-melding counts it), on the
        # taxable line only where there is no tax-free one: never counted twice
        self.add("taxable", part, description, excess,
                 [*steps, self.step("payroll.step.excess", from_ore(excess), rules.excess_taxable,
                                    limit_kr=from_ore(limit_ore), paid_kr=from_ore(part.ore)),
                  self.step("payroll.step.employer_contribution", None,
                            rules.employer_contribution)],
                 *((None, None) if free else (quantity, unit)))


def payroll_lines(parts: tuple[PaidPart, ...], table: TaxFreeTable,
                  lodging: str = "hotel", reasons: bool = True) -> tuple[PayrollLine, ...]:
    """The payroll lines of one paid claim's `parts` by the tax-free `table` in force on
    its payment date; `lodging` is where nights were spent where the claim does not say
    (hotel, pensjonat, private). Without `reasons` the lines' steps are left out (a sum
    of many claims needs only their amounts)."""
    if lodging not in LODGINGS:
        raise ValueProblem(said("payroll.lodging", given=lodging, choices=", ".join(LODGINGS)))
    lines = _Lines(table, reasons)
    head = lines.step("payroll.step.table", None, table.rules.payment_date, table=table.label)
    for part in parts:
        _line(lines, part, head, part.lodging or lodging)
    return merged(lines.lines)


def merged(lines: list[PayrollLine]) -> tuple[PayrollLine, ...]:
    """One line per description, benefit, withholding and employer's contribution: lines
    of one claim alike in these (fee and lost income; trailer and forest road) become one,
    at the place of the first, their amounts summed, their parts joined ("fee+lost_income")
    and their reasons kept. A quantity is summed where every line has one in the same unit,
    else left empty. Lines not reported (a refund, a gift, travel left to a person) stay as
    they are."""
    found: list[PayrollLine] = []
    at: dict[tuple, int] = {}
    for line in lines:
        key = (line.description, line.benefit, line.withholding, line.employer_contribution,
               line.kind)
        if line.description is None or key not in at:
            if line.description is not None:
                at[key] = len(found)
            found.append(line)
            continue
        first = found[at[key]]
        same = first.unit == line.unit and None not in (first.quantity, line.quantity)
        found[at[key]] = PayrollLine(
            first.kind, f"{first.part}+{line.part}", first.description, first.benefit,
            first.withholding, first.employer_contribution, first.amount + line.amount,
            first.quantity + line.quantity if same else None,  # type: ignore[operator]
            first.unit if same else None,
            (*first.steps, *(step for step in line.steps if step not in first.steps)))
    return tuple(found)


def _line(lines: _Lines, part: PaidPart, head: Step, lodging: str) -> None:
    t = lines.table
    rules = t.rules
    step = lines.step
    name = part.part
    if name in ("fee", "lost_income"):
        lines.add("pay", part, VERV, part.ore,
                  [head, step(f"payroll.step.{name}", from_ore(part.ore), rules.verv)])
    elif name == "gift":
        limit = t.gift_not_reported
        if from_ore(part.ore) <= limit.kr:
            lines.add("gift", part, None, part.ore,
                      [head, step("payroll.step.gift", from_ore(part.ore), limit,
                                  limit_kr=limit.kr)])
        else:
            lines.add("unsplit", part, None, part.ore,
                      [head, step("payroll.step.gift_over_limit", from_ore(part.ore), limit,
                                  limit_kr=limit.kr)])
    elif name in ("km", "trailer", "forest_road"):
        _km(lines, part, head)
    elif name == "passenger":
        rate = t.km.passenger
        quantity = part.passenger_km
        limit = _times(quantity, rate.kr)
        lines.split(part, PASSENGER, limit,
                    [head, step("payroll.step.rate_per_km", None, rate, rate_kr=rate.kr,
                                km=quantity)], quantity, "passenger_km")
    elif name == "kost":
        _kost(lines, part, head, lodging)
    elif name == "night":
        _night(lines, part, head)
    elif name == "expenses":
        lines.add("refund", part, None, part.ore,
                  [head, step("payroll.step.refund", from_ore(part.ore), rules.refunds)])
    else:  # travel kept whole: it cannot be split
        lines.add("unsplit", part, None, part.ore,
                  [head, step("payroll.step.unsplit", from_ore(part.ore))])


def _times(quantity: Decimal | None, rate: Decimal) -> int:
    """The tax-free limit of `quantity` at `rate`, in øre (none where the quantity is not
    known: all of it is then taxable)."""
    return 0 if quantity is None else to_ore(quantity * rate)


def _km(lines: _Lines, part: PaidPart, head: Step) -> None:
    t = lines.table
    if part.part == "km" and (part.vehicle or "car") == "car":
        rate, description = t.km.car, CAR
    elif part.part == "km":
        rate, description = t.km.other_vehicles, OTHER_VEHICLES
    else:
        rate, description = getattr(t.km, part.part), OTHER_VEHICLES
    lines.split(part, description, _times(part.km, rate.kr),
                [head, lines.step("payroll.step.rate_per_km", None, rate, rate_kr=rate.kr,
                                  km=part.km, vehicle=part.vehicle or part.part)],
                part.km, "km")


def _kost(lines: _Lines, part: PaidPart, head: Step, lodging: str) -> None:
    """Meals: the tax-free limit is the tax-free rate of each day of the trip (24 hours
    with an overnight stay at the lodging's rate, a day without at the day rates), less
    the meals deducted from that day at the tax-free shares, never below nothing."""
    t = lines.table
    meals = t.meals
    overnight = "overnight" in part.days
    where = getattr(meals.overnight, lodging)
    steps = [head]
    limit = ZERO
    for number, kind in enumerate(part.days):
        rate = where if kind == "overnight" else getattr(meals, kind)
        steps.append(lines.step("payroll.step.kost_day", rate.kr, rate, day=number + 1, kind=kind,
                                lodging=lodging if kind == "overnight" else None))
        cut = ZERO
        eaten = part.meals[number] if number < len(part.meals) else ()
        for meal in eaten:
            share = getattr(meals.deductions, meal)
            taken = rate.kr * share.percent / HUNDRED
            steps.append(lines.step("payroll.step.kost_meal", -taken, share, day=number + 1,
                                    meal=meal, percent=share.percent, rate_kr=rate.kr))
            cut += taken
        limit += max(rate.kr - cut, ZERO)
    if overnight and any(kind != "overnight" for kind in part.days):
        steps.append(lines.step("payroll.step.kost_rest", None, meals.remaining_part))
    description = where.description if overnight else DAY_TRIP
    days = Decimal(len(part.days))
    rules = t.rules
    free = min(part.ore, to_ore(limit))
    excess = part.ore - free
    lines.add("tax_free", part, description, free,
              [*steps, lines.step("payroll.step.tax_free", from_ore(free), None,
                                  limit_kr=from_ore(to_ore(limit)),
                                  paid_kr=from_ore(part.ore))], days, "days")
    lines.add("taxable", part, KOST_TAXABLE, excess,
              [*steps, lines.step("payroll.step.excess", from_ore(excess), rules.excess_taxable,
                                  limit_kr=from_ore(to_ore(limit)),
                                  paid_kr=from_ore(part.ore)),
               lines.step("payroll.step.employer_contribution", None, rules.employer_contribution)],
              *((None, None) if free else (days, "days")))


def _night(lines: _Lines, part: PaidPart, head: Step) -> None:
    t = lines.table
    rate = t.night_without_receipt
    nights = part.nights
    quantity = None if nights is None else Decimal(nights)
    limit = _times(quantity, rate.kr)
    steps = [head, lines.step("payroll.step.night_rate", None, rate, rate_kr=rate.kr, nights=nights)]
    if nights and part.ore <= limit:
        lines.add("tax_free", part, NIGHT, part.ore,
                  [*steps, lines.step("payroll.step.tax_free", from_ore(part.ore), None,
                                      limit_kr=from_ore(limit), paid_kr=from_ore(part.ore))],
                  quantity, "nights")
        return
    lines.add("taxable", part, OTHER, part.ore,
              [*steps, lines.step("payroll.step.night_over", from_ore(part.ore),
                                  t.rules.night_over_rate, limit_kr=from_ore(limit)),
               lines.step("payroll.step.employer_contribution", None,
                          t.rules.employer_contribution)], quantity, "nights")


def taxable_pay(lines: tuple[PayrollLine, ...]) -> Decimal:
    """What of a claim's lines is taxable pay: with withholding."""
    return sum((line.amount for line in lines if line.withholding), Decimal("0.00"))


def tax_free_allowances(lines: tuple[PayrollLine, ...]) -> Decimal:
    return sum((line.amount for line in lines if line.kind == "tax_free"), Decimal("0.00"))
