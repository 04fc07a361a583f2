"""The pricer: `calculate` for many meetings, each part of a calculation remembered by the
facts it rests on (the memo layer of the rules; `calculation` holds the rules themselves).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from ..domain import Attendance, Calculation, Finding, Meeting, Trip
from ..tables.schema import RateTable
from . import calculation
from .calculation import _Parts

if TYPE_CHECKING:
    from ..tables.travel_schema import TravelTable

PARTS_KEPT = 20_000  # parts of one kind a pricer remembers; then it starts that kind afresh
_UNKNOWN = object()
_P = TypeVar("_P")


class Pricer(_Parts):
    """`calculate` for many meetings: each part is remembered by the facts it rests on,
    so a meeting whose facts were each seen before, though never together, costs only the
    putting together. Its calculations equal `calculate`'s, field by field.

    At most `kept` parts of each kind are remembered (0: none), each by the values it
    rests on (a table is a value too: see `RateTable.__hash__`).
    """

    def __init__(self, kept: int = PARTS_KEPT) -> None:
        self._kept = kept
        self._outdated: dict[tuple, Finding | None] = {}
        self._tables: dict[tuple, calculation.Part] = {}
        self._fees: dict[tuple, calculation.FeePart] = {}
        self._lost_incomes: dict[tuple, calculation.Part] = {}
        self._gifts: dict[tuple, calculation.Part] = {}
        self._travels: dict[tuple, calculation.TravelPart] = {}

    def __call__(self, meeting: Meeting, table: RateTable | None,
                 travel: TravelTable | None = None) -> Calculation:
        if table is None:
            return calculation.calculate(meeting, None)
        return self.calculation(meeting, table, travel)

    def _remember(self, memo: dict[tuple, _P], key: tuple, part: _P) -> _P:
        if len(memo) >= self._kept:
            memo.clear()
            if not self._kept:
                return part
        memo[key] = part
        return part

    def outdated(self, table: RateTable, day: dt.date) -> Finding | None:
        key = (table, day)
        found = self._outdated.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._remember(self._outdated, key, calculation.outdated_rates(table, day))
        return found

    def table(self, table: RateTable, hours: Decimal | None) -> calculation.Part:
        key = (table, hours)
        part = self._tables.get(key)
        if part is None:
            part = self._remember(self._tables, key, calculation.table_part(table, hours))
        return part

    def fee(self, table: RateTable, activity: str, attendance: Attendance,
            hours: Decimal | None, agreement: bool | None) -> calculation.FeePart:
        key = (table, activity, attendance, hours, agreement)
        part = self._fees.get(key)
        if part is None:
            part = self._remember(self._fees, key,
                                  calculation.fee_part(table, activity, attendance, hours, agreement))
        return part

    def lost_income(self, table: RateTable, claimed: Decimal,
                    documented: bool) -> calculation.Part:
        key = (table, claimed, documented)
        part = self._lost_incomes.get(key)
        if part is None:
            part = self._remember(self._lost_incomes, key,
                                  calculation.lost_income_part(table, claimed, documented))
        return part

    def gift(self, table: RateTable, claimed: Decimal, activity: str) -> calculation.Part:
        key = (table, claimed, activity)
        part = self._gifts.get(key)
        if part is None:
            part = self._remember(self._gifts, key, calculation.gift_part(table, claimed, activity))
        return part

    def travel(self, table: RateTable, trip: Trip, travel: TravelTable | None,
               payable: bool, date: dt.date, remote: bool = False) -> calculation.TravelPart:
        # the date matters only to the finding that no travel table is in force on it
        key = (table, trip, travel, payable, date if travel is None else None, remote)
        part = self._travels.get(key)
        if part is None:
            part = self._remember(self._travels, key,
                                  calculation.travel_part(table, trip, travel, payable, date, remote))
        return part
