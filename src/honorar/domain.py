"""The values of honorar: meetings and trips, calculations and their steps, findings.

Frozen dataclasses: an audit makes millions of them, and they are built by our own code
from values that are already checked (a rate table, written by hand and checked as it is
read, is a pydantic model in `honorar.tables.schema`). No I/O; nothing here imports
anything of honorar's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

ZERO = Decimal("0")


class Text(Protocol):
    """A text in more than one language (a table's `tables.schema.LocalText`)."""

    def in_lang(self, lang: str) -> str: ...


class Attendance(StrEnum):
    PHYSICAL = "physical"
    REMOTE = "remote"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # said so that a person knows why; never asks for action


# The contract's finding codes and their severities (SPEC §3); a table may override one.
DEFAULT_SEVERITY: dict[str, Severity] = {
    "honorarium_overclaimed": Severity.ERROR,
    "honorarium_underclaimed": Severity.WARNING,
    "lost_income_undocumented": Severity.ERROR,
    "lost_income_over_cap": Severity.ERROR,
    "gift_over_cap": Severity.ERROR,
    "no_agreement": Severity.ERROR,
    "not_payable_activity": Severity.ERROR,
    "claim_too_old": Severity.WARNING,
    "submitted_before_meeting": Severity.ERROR,
    "duplicate_claim": Severity.ERROR,
    "already_paid": Severity.ERROR,
    "possible_duplicate": Severity.ERROR,
    "ambiguous_person": Severity.ERROR,
    "supplement": Severity.INFO,
    "not_claimed": Severity.INFO,
    "file_total_mismatch": Severity.WARNING,
    "too_few_representatives": Severity.WARNING,
    "no_rate_table": Severity.ERROR,
    "activity_not_in_table": Severity.ERROR,
    "duration_missing": Severity.ERROR,
    "invalid_row": Severity.ERROR,
    "travel_overclaimed": Severity.ERROR,
    "travel_underclaimed": Severity.WARNING,
    "travel_expenses_undocumented": Severity.ERROR,
    "full_day_too_short": Severity.WARNING,
    "implausible_duration": Severity.WARNING,
    "meeting_in_future": Severity.ERROR,
    "rates_may_be_outdated": Severity.WARNING,
    "travel_undecided": Severity.ERROR,
    "travel_for_remote_meeting": Severity.ERROR,
    "travel_rates_may_be_outdated": Severity.WARNING,
    "rate_unconfirmed": Severity.WARNING,
    # what the reader assumed or saw of a row
    "hidden_row": Severity.WARNING,
    "date_order_assumed": Severity.WARNING,
    "date_year_assumed": Severity.WARNING,
}


# Passenger km are summed over the passengers (each passenger's km with the driver): more
# than this many passengers' worth of the km driven is a mistake of the input, not a claim.
MAX_PASSENGERS = 8

# Findings that void payment: a claim with one of them is due 0 in every report and total,
# whatever the rules would give the meeting (the repeat of a claim is paid once, the first
# time; a claim already paid in an earlier batch is not paid again).
VOIDS_PAYMENT = frozenset({"duplicate_claim", "already_paid"})

# Findings that leave a claim undecided: due is not known until a person decides (which
# person it is; whether it repeats a meeting already claimed). Its claim is counted as
# claimed where the rules do not decide, and it is never recorded as paid.
UNDECIDES_PAYMENT = frozenset({"possible_duplicate", "ambiguous_person"})


# --------------------------------------------------------------- meetings and results


@dataclass(frozen=True, slots=True)
class Trip:
    """A representative's travel to and from one meeting (SPEC §6): what the travel rules
    look at. Distances in km, `hours` from departure to return."""

    km: Decimal = ZERO  # driven in own vehicle, both ways
    passenger_km: Decimal = ZERO  # summed over the passengers: each one's km along
    vehicle: str = "car"
    distance_km: Decimal | None = None  # one way; None: not stated
    hours: Decimal | None = None  # None: not stated
    nights: int = 0
    nights_without_receipt: int = 0
    meals: tuple[str, ...] = ()  # provided free: breakfast, lunch, dinner, each as often as served
    expenses: Decimal = ZERO
    expenses_documented: bool = False
    trailer_km: Decimal = ZERO  # of the km, with a trailer
    forest_road_km: Decimal = ZERO  # of the km, on forest or construction roads

    @property
    def empty(self) -> bool:
        """Nothing travelled: no km, no time away, no nights, meals or expenses (a sheet's
        zeros in its travel columns; a vehicle or a distance alone is no journey)."""
        return not (self.km or self.passenger_km or self.hours or self.nights
                    or self.nights_without_receipt or self.meals or self.expenses
                    or self.trailer_km or self.forest_road_km)


@dataclass(frozen=True, slots=True)
class Meeting:
    """One representative at one meeting: everything the rules look at."""

    scheme: str
    date: dt.date
    attendance: Attendance
    activity: str = "meeting"
    hours: Decimal | None = None
    agreement: bool | None = None  # None: not stated
    lost_income: Decimal = ZERO
    lost_income_documented: bool = False
    gift: Decimal = ZERO
    trip: Trip | None = None  # None: no travel claimed or asked about


@dataclass(frozen=True, slots=True)
class Source:
    """A citation as shown beside a step: the document and its quote or assumption."""

    document: Text | str
    quote: str | None = None
    assumption: Text | str | None = None
    reason: Text | str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a calculation's reasoning; `key` names its message template."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    amount: Decimal | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person must look at. `key` names its message template (default: code)."""

    code: str
    severity: Severity
    params: Mapping[str, object] = field(default_factory=dict)
    key: str | None = None
    row: int | None = None
    column: str | None = None
    file: str | None = None

    @property
    def message_key(self) -> str:
        return self.key or self.code


@dataclass(frozen=True, slots=True)
class Calculation:
    """What the rules give for one meeting; an amount is None where no rule decides it."""

    scheme: str
    version: str | None
    honorarium: Decimal | None
    lost_income: Decimal | None
    gift: Decimal | None
    total: Decimal | None
    steps: tuple[Step, ...] = ()
    findings: tuple[Finding, ...] = ()
    # None with no trip, or where no travel rules decide it; `total` includes it
    travel: Decimal | None = None
    travel_parts: TravelParts | None = None


@dataclass(frozen=True, slots=True)
class TravelParts:
    """What travel and stay are due, part by part (SPEC §6), in øre; the parts add up to
    their exact sum rounded."""

    km: Decimal = ZERO
    passenger: Decimal = ZERO
    kost: Decimal = ZERO
    night: Decimal = ZERO
    expenses: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.km + self.passenger + self.kost + self.night + self.expenses
