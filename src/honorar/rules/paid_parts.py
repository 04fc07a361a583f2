"""What a paid claim was paid for each of its parts: the fee, lost income, the gift, and
travel part by part (car km, trailer and forest-road km, passenger km, meals, night
allowance, documented outlays), in whole øre with the quantity each counts.

Pure: made from a `Calculation` alone, so that it is what the calculation paid (a
supplement's fee not paid again, lost income cut to the day's cap, travel not claimed)
and the parts add up exactly to its total. The ledger keeps them as JSON (`to_json`) in
`claim.paid_parts`; payroll (`rules.payroll`) splits them into a-melding lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from .. import memo
from ..domain import ZERO, Calculation, Step
from ..money import to_ore, to_øre
from ..problem import Problem, said

# the parts, in the order they are kept and shown
PARTS = ("fee", "lost_income", "gift", "km", "trailer", "forest_road", "passenger", "kost",
         "night", "expenses", "travel")
DAY_KINDS = ("day", "long_day", "overnight")
FORMAT = 1  # the version of the JSON kept in the ledger


@dataclass(frozen=True, slots=True)
class PaidPart:
    """One part of a paid claim. `travel` is travel and stay that cannot be split (a
    claim recorded before the ledger kept its parts)."""

    part: str
    ore: int
    km: Decimal | None = None  # km, trailer, forest_road
    vehicle: str | None = None  # km
    passenger_km: Decimal | None = None  # passenger
    nights: int | None = None  # night
    days: tuple[str, ...] = ()  # kost: each day's kind (DAY_KINDS), in order
    meals: tuple[tuple[str, ...], ...] = ()  # kost: the meals deducted from each day
    lodging: str | None = None  # kost: where the nights were spent, where known


def _ore(amount: Decimal | None) -> int:
    return 0 if amount is None else to_ore(amount)


def _split(total: int, amounts: list[Decimal]) -> list[int]:
    """`total` øre shared as the exact `amounts` are, each the rounded running sum less
    the one before (as the travel rules round), the last taking what is left."""
    shares, running, before = [], ZERO, 0
    for amount in amounts:
        running += amount
        now = to_ore(to_øre(running))
        shares.append(now - before)
        before = now
    if shares:
        shares[-1] += total - sum(shares)
    return shares


def _km_parts(ore: int, steps: tuple[Step, ...]) -> list[PaidPart]:
    base = next((s for s in steps if s.key in ("travel_km", "travel_km_none")), None)
    extras = [s for s in steps if s.key in ("travel_trailer", "travel_forest_road")]
    if base is None:  # no step to say what the km were: one part, the km unknown
        return [PaidPart("km", ore)]
    steps_here = [base, *extras]
    shares = _split(ore, [s.amount or ZERO for s in steps_here])
    parts = []
    for step, share in zip(steps_here, shares, strict=True):
        if not share:
            continue
        name = "km" if step is base else step.key.removeprefix("travel_")
        parts.append(PaidPart(name, share, km=Decimal(str(step.params["km"])),
                              vehicle=str(base.params.get("vehicle", "car"))
                              if step is base else None))
    return parts


def _kost_part(ore: int, steps: tuple[Step, ...]) -> PaidPart:
    days: list[str] = []
    for s in steps:
        if s.key == "kost_day":
            days.append("day")
        elif s.key == "kost_long_day":
            days.append("long_day")
        elif s.key == "kost_overnight":
            days += ["overnight"] * int(s.params["days"])  # type: ignore[call-overload]
        elif s.key == "kost_rest_day":
            days.append("day")
        elif s.key == "kost_rest_long":
            days.append("long_day")
    meals: list[list[str]] = [[] for _ in days]
    for s in steps:
        if s.key == "kost_meal_deduction" and days:
            day = min(int(s.params["day"]) - 1, len(days) - 1)  # type: ignore[call-overload]
            meals[day].append(str(s.params["meal"]))
    return PaidPart("kost", ore, days=tuple(days), meals=tuple(tuple(m) for m in meals))


def paid_parts(calculation: Calculation) -> tuple[PaidPart, ...]:
    """The parts `calculation` pays, those above 0, adding up to its total."""
    c = calculation
    parts = [PaidPart(name, _ore(amount)) for name, amount in (
        ("fee", c.honorarium), ("lost_income", c.lost_income), ("gift", c.gift))]
    travel = c.travel_parts
    if travel is not None:
        steps = c.steps
        parts += _km_parts(_ore(travel.km), steps)
        passenger = next((s for s in steps if s.key == "travel_passenger"), None)
        parts.append(PaidPart("passenger", _ore(travel.passenger), passenger_km=None
                              if passenger is None else Decimal(str(
                                  passenger.params["passenger_km"]))))
        parts.append(_kost_part(_ore(travel.kost), steps))
        night = next((s for s in steps if s.key == "travel_night"), None)
        parts.append(PaidPart("night", _ore(travel.night), nights=None if night is None
                              else int(night.params["nights"])))  # type: ignore[call-overload]
        parts.append(PaidPart("expenses", _ore(travel.expenses)))
    elif c.travel:  # travel without its parts: kept whole
        parts.append(PaidPart("travel", _ore(c.travel)))
    return tuple(p for p in parts if p.ore)


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def to_json(parts: tuple[PaidPart, ...]) -> str:
    """The parts as the ledger keeps them: `{"v": 1, "parts": [{"part": "km", "ore": 58800,
    "vehicle": "car", "km": "120"}, …]}`; quantities as decimal texts."""
    items = []
    for p in parts:
        item: dict[str, object] = {"part": p.part, "ore": p.ore}
        if p.km is not None:
            item["km"] = _number(p.km)
        if p.vehicle is not None:
            item["vehicle"] = p.vehicle
        if p.passenger_km is not None:
            item["passenger_km"] = _number(p.passenger_km)
        if p.nights is not None:
            item["nights"] = p.nights
        if p.days:
            item["days"] = list(p.days)
            item["meals"] = [list(m) for m in p.meals]
        if p.lodging is not None:
            item["lodging"] = p.lodging
        items.append(item)
    return json.dumps({"v": FORMAT, "parts": items}, ensure_ascii=False, separators=(",", ":"))


class PartsJson:
    """`to_json(paid_parts(calculation))`, kept for each set of parts an audit's claims
    share (a memo of the run: `memo.ON`), by value: the amounts where the calculation
    has no travel parts (they are then all it pays), else the parts themselves."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: dict[tuple, str] = memo.memo()

    def __call__(self, calculation: Calculation) -> str:
        c = calculation
        parts = None
        if c.travel_parts is None:
            key: tuple = (c.honorarium, c.lost_income, c.gift, c.travel)
        else:
            key = parts = paid_parts(c)
        text = self._kept.get(key)
        if text is None:
            if len(self._kept) >= 4096:
                self._kept.clear()
            text = self._kept[key] = to_json(parts if parts is not None else paid_parts(c))
        return text


class PartsError(Problem, ValueError):
    """Paid parts the ledger holds that cannot be read, raised as what it says
    (`paid_parts.*`)."""


def from_json(text: str) -> tuple[PaidPart, ...]:
    """The parts `to_json` wrote; PartsError for anything else."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("v") != FORMAT:
            raise PartsError(said("paid_parts.unknown_form"))
        parts = []
        for item in data["parts"]:
            name = item["part"]
            if name not in PARTS:
                raise PartsError(said("paid_parts.unknown_part", part=str(name)[:40]))
            ore = item["ore"]
            if not isinstance(ore, int) or isinstance(ore, bool):
                raise PartsError(said("paid_parts.ore_not_whole", part=name, value=repr(ore)[:40]))
            days = tuple(str(d) for d in item.get("days", ()))
            if any(d not in DAY_KINDS for d in days):
                raise PartsError(said("paid_parts.unknown_days", part=name, days=", ".join(days)[:60]))
            parts.append(PaidPart(
                name, ore,
                km=Decimal(item["km"]) if "km" in item else None,
                vehicle=item.get("vehicle"),
                passenger_km=Decimal(item["passenger_km"]) if "passenger_km" in item else None,
                nights=int(item["nights"]) if "nights" in item else None,
                days=days,
                meals=tuple(tuple(str(m) for m in day) for day in item.get("meals", ())),
                lodging=item.get("lodging")))
        return tuple(parts)
    except PartsError:
        raise
    except (ValueError, KeyError, TypeError, ArithmeticError):
        raise PartsError(said("paid_parts.unreadable")) from None
