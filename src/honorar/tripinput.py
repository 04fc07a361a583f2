"""Reading a trip from text: the travel options of `calc` and `budget`, the travel columns
of a claims file (SPEC §6). One reader for both, so a value means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from .domain import MAX_PASSENGERS, ZERO, Trip
from .parsing import (
    hours_from_to,
    parse_amount,
    parse_count,
    parse_datetime,
    parse_meals,
    parse_quantity,
    parse_vehicle,
    parse_yes_no,
)

# The travel columns of a claims file (canonical names), in the order they are read.
TRIP_COLUMNS = ("km", "passenger_km", "vehicle", "distance_km", "travel_hours", "departure",
                "return", "nights", "nights_without_receipt", "meals_provided", "expenses",
                "expenses_documented", "trailer_km", "forest_road_km")


class TripError(ValueError):
    """A travel value that cannot be used: the column at fault, why (English), and the
    same as a message key with its values for any language."""

    def __init__(self, column: str, key: str, english: str, **params: Any) -> None:
        super().__init__(english)
        self.column = column
        self.key = key
        self.params = params


_READERS: dict[str, tuple[Callable[[str], Any], str]] = {
    "km": (parse_quantity, "cell_not_km"),
    "passenger_km": (parse_quantity, "cell_not_km"),
    "vehicle": (parse_vehicle, "cell_not_vehicle"),
    "distance_km": (parse_quantity, "cell_not_km"),
    "travel_hours": (parse_quantity, "cell_not_hours"),
    "nights": (parse_count, "cell_not_count"),
    "nights_without_receipt": (parse_count, "cell_not_count"),
    "meals_provided": (parse_meals, "cell_not_meals"),
    "expenses": (parse_amount, "cell_not_amount"),
    "trailer_km": (parse_quantity, "cell_not_km"),
    "forest_road_km": (parse_quantity, "cell_not_km"),
}


def _read(column: str, text: str) -> Any:
    reader, key = _READERS[column]
    try:
        return reader(text)
    except ValueError as err:
        if getattr(getattr(err, "said", None), "key", None) == "value.negative":
            key = "cell_negative"
        raise TripError(column, key, str(err), text=text.strip()) from None


def read_trip(values: Mapping[str, str | None], date_order: str = "dmy",
              documented: Callable[[str], bool | None] | None = None) -> Trip | None:
    """The trip that `values` (column → text; None or blank where not given) describe, or
    None where no travel value is given at all. Raises `TripError`."""
    given = {c: v.strip() for c, v in values.items() if v is not None and v.strip()}
    if not any(c in given for c in TRIP_COLUMNS):
        return None

    def value(column: str, default: Any) -> Any:
        return _read(column, given[column]) if column in given else default

    km: Decimal = value("km", ZERO)
    passenger_km: Decimal = value("passenger_km", ZERO)
    vehicle: str = value("vehicle", "car")
    distance: Decimal | None = value("distance_km", None)
    hours: Decimal | None = value("travel_hours", None)
    if "departure" in given or "return" in given:
        hours = _hours_between(given, hours, date_order)
    nights: int = value("nights", 0)
    without_receipt: int = value("nights_without_receipt", 0)
    meals: tuple[str, ...] = value("meals_provided", ())
    expenses: Decimal = value("expenses", ZERO)
    is_documented = False
    if "expenses_documented" in given:
        word = given["expenses_documented"]
        try:
            flag = documented(word) if documented else parse_yes_no(word)
        except ValueError as err:
            raise TripError("expenses_documented", "cell_not_yes_no", str(err),
                            text=word) from None
        is_documented = bool(flag)
    # summed over the passengers, so up to MAX_PASSENGERS times the km driven
    if passenger_km > km * MAX_PASSENGERS:
        raise TripError("passenger_km", "travel_passenger_km_over_km",
                        f"{passenger_km} passenger km is more than {MAX_PASSENGERS} passengers "
                        f"on the {km} km driven", passenger_km=passenger_km, km=km,
                        passengers=MAX_PASSENGERS)
    trailer_km: Decimal = value("trailer_km", ZERO)
    forest_road_km: Decimal = value("forest_road_km", ZERO)
    for column, part in (("trailer_km", trailer_km), ("forest_road_km", forest_road_km)):
        if part > km:
            raise TripError(column, "travel_part_km_over_km",
                            f"{part} km is more than the {km} km driven", part_km=part, km=km)
    if "nights" not in given:
        nights = without_receipt  # a night without a hotel receipt is a night away
    elif without_receipt > nights:
        raise TripError("nights_without_receipt", "travel_nights_without_receipt_over_nights",
                        f"{without_receipt} nights without receipt is more than the {nights} "
                        f"nights away", nights_without_receipt=without_receipt, nights=nights)
    return Trip(km, passenger_km, vehicle, distance, hours, nights, without_receipt, meals,
                expenses, is_documented, trailer_km, forest_road_km)


def _hours_between(given: Mapping[str, str], hours: Decimal | None, order: str) -> Decimal:
    for column in ("departure", "return"):
        if column not in given:
            other = "return" if column == "departure" else "departure"
            raise TripError(column, f"travel_{other}_without_{column}",
                            f"a {other} needs a {column}")
    if hours is not None:
        raise TripError("travel_hours", "travel_hours_and_times",
                        "give travel hours or departure and return, not both")
    moments = {}
    for column in ("departure", "return"):
        try:
            moments[column] = parse_datetime(given[column], order)
        except ValueError as err:
            raise TripError(column, "cell_not_datetime", str(err), text=given[column]) from None
    try:
        return hours_from_to(moments["departure"], moments["return"])
    except ValueError as err:
        raise TripError("return", "travel_return_before_departure", str(err),
                        departure=given["departure"], back=given["return"]) from None
