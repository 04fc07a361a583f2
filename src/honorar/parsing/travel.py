"""A trip's values as people write them: vehicles, meals, quantities, counts, departures."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..problem import ValueProblem, said
from .amounts import SPACES
from .dates import parse_date, parse_time

VEHICLE_WORDS = {
    "car": "car", "bil": "car", "egen bil": "car", "personbil": "car", "elbil": "car",
    "el-bil": "car", "motorcycle": "motorcycle", "motorsykkel": "motorcycle", "mc": "motorcycle",
    "moped": "moped", "lett motorsykkel": "moped", "snowmobile": "snowmobile",
    "snøscooter": "snowmobile", "snoscooter": "snowmobile", "atv": "snowmobile",
    "boat": "boat", "båt": "boat", "bat": "boat", "motorbåt": "boat", "bicycle": "bicycle",
    "sykkel": "bicycle", "bike": "bicycle", "walking": "walking", "til fots": "walking",
    "gange": "walking", "walk": "walking", "snøskuter": "snowmobile", "firehjuling": "snowmobile",
    "motorbat": "boat", "el-sykkel": "bicycle", "elsykkel": "bicycle", "gå": "walking",
    "fots": "walking", "hybridbil": "car", "privatbil": "car", "tung motorsykkel": "motorcycle",
}
# a meals cell that says none were served
# a count before a meal word is at most this: a mistake of the input past it, not a trip
MAX_MEALS_OF_A_KIND = 99

NO_MEALS = frozenset({"ingen", "none", "nei", "no", "-", "–", "0"})

MEAL_WORDS = {
    "breakfast": "breakfast", "frokost": "breakfast", "frukost": "breakfast",
    "lunch": "lunch", "lunsj": "lunch", "lunch/lunsj": "lunch", "dinner": "dinner",
    "middag": "dinner",
    # the plurals, as a count is written before them ('2 middager', nynorsk '2 middagar')
    "breakfasts": "breakfast", "frokoster": "breakfast", "frukostar": "breakfast",
    "lunches": "lunch", "lunsjer": "lunch", "lunsjar": "lunch", "dinners": "dinner",
    "middager": "dinner", "middagar": "dinner",
}


def parse_vehicle(text: str) -> str:
    """'bil', 'car', 'snøscooter' … → car, motorcycle, moped, snowmobile, boat, bicycle,
    walking; blank → car."""
    word = " ".join(text.strip().lower().split())
    if not word:
        return "car"
    found = VEHICLE_WORDS.get(word)
    if found is None:
        raise ValueProblem(said("value.not_vehicle", value=text.strip()))
    return found


def parse_meals(text: str) -> tuple[str, ...]:
    """'lunsj', 'frokost, middag', 'breakfast+lunch', '2 frokost, middag' → the meals
    provided, each as often as served (a count before a meal word, 1 by default), in day
    order; 'ingen' or '-' → none."""
    if " ".join(text.lower().split()) in NO_MEALS:
        return ()
    words = [w for w in re.split(r"[,;+/&\s]+|\bog\b|\band\b", text.strip().lower()) if w]
    counts: dict[str, int] = {}
    count: int | None = None
    for word in words:
        if word.isdigit():
            if count is not None:
                raise ValueProblem(said("value.count_after_count", value=word))
            count = int(word)
            if count > MAX_MEALS_OF_A_KIND:
                raise ValueProblem(said("value.too_many_meals", value=word,
                                              limit=MAX_MEALS_OF_A_KIND))
            continue
        meal = MEAL_WORDS.get(word)
        if meal is None:
            raise ValueProblem(said("value.not_meal", value=word))
        if meal in counts:
            raise ValueProblem(said("value.meal_twice", value=word))
        counts[meal] = 1 if count is None else count
        count = None
    if count is not None:
        raise ValueProblem(said("value.count_without_meal", count=count))
    order = ("breakfast", "lunch", "dinner")
    return tuple(meal for meal in order for _ in range(counts.get(meal, 0)))


_QUANTITY_UNIT = re.compile(r"\s*(?:km|kilometer|t|h|timer|time|hours?)\.?$", re.IGNORECASE)


def parse_quantity(text: str) -> Decimal:
    """A distance or a duration: '120', '12,5', '120 km', '7,5 t' → Decimal; 0 or more;
    blank → 0."""
    raw = text.strip()
    if raw[:1].isdigit():
        raw = _QUANTITY_UNIT.sub("", raw)
    if not raw:
        return Decimal(0)
    if raw.startswith("-"):
        raise ValueProblem(said("value.negative", value=raw))
    match = re.fullmatch(r"(\d+):([0-5]\d)", raw)
    if match:
        return Decimal(int(match[1]) * 60 + int(match[2])) / 60
    s = SPACES.sub("", raw).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", s):
        raise ValueProblem(said("value.not_number", value=raw))
    return Decimal(s)


def parse_count(text: str) -> int:
    """A number of nights: '2' → 2; blank → 0."""
    raw = text.strip()
    if not raw:
        return 0
    if raw.startswith("-"):
        raise ValueProblem(said("value.negative", value=raw))
    if not raw.isdigit():
        raise ValueProblem(said("value.not_whole_number", value=raw))
    return int(raw)


_DATETIME = re.compile(r"(.+?)[ T]+(\d{1,2}[:.]\d{2}(?::\d{2})?)")


def parse_datetime(text: str, order: str = "dmy") -> dt.datetime:
    """'2024-03-15 07:30', '15.03.2024 07:30', '2024-03-15T07:30' → datetime."""
    raw = text.strip()
    match = _DATETIME.fullmatch(re.sub(r"\s+kl\.?\s*", " ", raw, flags=re.IGNORECASE))
    if not match:
        raise ValueProblem(said("value.not_datetime", value=raw))
    day = parse_date(match[1], order)
    time = parse_time(match[2])
    return dt.datetime.combine(day, time)


def hours_from_to(departure: dt.datetime, back: dt.datetime) -> Decimal:
    """The hours from departure to return; a return at or before the departure on the same
    day is the next day (as a meeting's end), one on an earlier day is an error."""
    if back <= departure and back.date() == departure.date():
        back += dt.timedelta(days=1)
    seconds = int((back - departure).total_seconds())
    if seconds < 0:
        raise ValueProblem(said("value.return_before_departure",
                                  back=f"{back:%Y-%m-%d %H:%M}",
                                  departure=f"{departure:%Y-%m-%d %H:%M}"))
    return Decimal(seconds) / 3600
