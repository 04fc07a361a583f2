"""Reading values the way Norwegian spreadsheets, payroll exports and people write them.

Each reader takes text and returns a value or raises `ValueError` with a short reason that
can stand in a finding or an error line. One module for each kind of value: `amounts`
(amounts and hours), `dates` (dates and times of day), `categories` (yes/no, attendance,
activity) and `travel` (a trip's values); all are named here.
"""

from __future__ import annotations

from .amounts import (
    AMOUNT_LIMIT,
    HOURS_LIMIT,
    ImplausibleValue,
    parse_amount,
    parse_hours,
)
from .categories import (
    ACTIVITY_NAMES,
    ACTIVITY_WORDS,
    ATTENDANCE_OFFERED,
    ATTENDANCE_WORDS,
    activity_names,
    activity_words,
    attendance_words,
    parse_activity,
    parse_attendance,
    parse_yes_no,
)
from .dates import (
    DATE_ORDERS,
    NoYear,
    date_order_hint,
    hours_between,
    is_ambiguous_date,
    parse_date,
    parse_time,
    year_left_out,
)
from .travel import (
    MAX_MEALS_OF_A_KIND,
    MEAL_WORDS,
    NO_MEALS,
    VEHICLE_WORDS,
    hours_from_to,
    parse_count,
    parse_datetime,
    parse_meals,
    parse_quantity,
    parse_vehicle,
)

__all__ = [
    "ACTIVITY_NAMES",
    "ACTIVITY_WORDS",
    "AMOUNT_LIMIT",
    "ATTENDANCE_OFFERED",
    "ATTENDANCE_WORDS",
    "DATE_ORDERS",
    "HOURS_LIMIT",
    "MAX_MEALS_OF_A_KIND",
    "MEAL_WORDS",
    "NO_MEALS",
    "VEHICLE_WORDS",
    "ImplausibleValue",
    "NoYear",
    "activity_names",
    "activity_words",
    "attendance_words",
    "date_order_hint",
    "hours_between",
    "hours_from_to",
    "is_ambiguous_date",
    "parse_activity",
    "parse_amount",
    "parse_attendance",
    "parse_count",
    "parse_date",
    "parse_datetime",
    "parse_hours",
    "parse_meals",
    "parse_quantity",
    "parse_time",
    "parse_vehicle",
    "parse_yes_no",
    "year_left_out",
]
