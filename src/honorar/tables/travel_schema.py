"""Travel rate tables: the state's rates for travel and stay (statens reiseregulativ).

A travel table is a rate table of its own kind, versioned by its effective date like the
fee tables and checked as strictly: every figure names the page it was read from (`page`,
a key of the table's `pages`, each with a title and an address) and quotes its line, or is
an `assumption` with its `reason`. A scheme table names the travel rules it uses
(`travel: {table: state-travel, quote: …}`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..domain import DEFAULT_SEVERITY, Severity, Source
from ..problem import ValueProblem, said
from .schema import IDENTIFIER, REGULATION, Cited, Document, Kroner, ReviewAfter, Text, _Strict, problem_at

VEHICLES = ("car", "motorcycle", "moped", "snowmobile", "boat", "bicycle", "walking")
MEALS = ("breakfast", "lunch", "dinner")


class Page(_Strict):
    """A published page a figure was read from."""

    title: str
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class PageCited(Cited):
    """A cited figure that also names the page (a key of the table's `pages`)."""

    page: str | None = None
    # true where no cited page prints the figure: every amount using it says so
    # (`rate_unconfirmed`), for a person to check before paying
    unconfirmed: bool = False

    @model_validator(mode="after")
    def _page_with_quote(self) -> PageCited:
        if self.quote and not self.page:
            raise ValueProblem(said("table.quote_needs_page"))
        return self


class PerKm(PageCited):
    kr: Kroner


class Rate(PerKm):
    """An amount in kr (per day, per night)."""


class Km(PageCited):
    km: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]


class HoursLimit(PageCited):
    hours: Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]


class Percent(PageCited):
    percent: Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]


class Share(PageCited):
    share: Annotated[Decimal, Field(gt=0, le=1, allow_inf_nan=False)]


class Required(PageCited):
    value: bool


class Until(PageCited):
    """The last day a table's rates were in force, and the page that says so."""

    date: dt.date


class Vehicles(_Strict):
    car: PerKm
    motorcycle: PerKm
    moped: PerKm
    snowmobile: PerKm
    boat: PerKm
    bicycle: PerKm
    walking: PerKm


class Passenger(PerKm):
    """The supplement per km per passenger (a trip gives the km summed over its passengers),
    for these vehicles."""

    vehicles: tuple[Literal["car", "motorcycle", "moped", "snowmobile", "boat"], ...] = ("car",)


class KmRules(_Strict):
    vehicles: Vehicles
    passenger: Passenger
    # supplements per km with a trailer and on forest or construction roads (from 2022);
    # None where the table has no such rate
    trailer: Passenger | None = None
    forest_road: Passenger | None = None
    one_way_unstated: Share  # the one-way distance where none is given: a share of km driven


class RemainingPart(PageCited):
    """What the part of an overnight trip past its whole 24-hour periods pays when it is
    longer than the day rate's limit: the long-day rate or the 24-hour rate."""

    over_limit: Literal["long_day", "overnight"]


class Deductions(_Strict):
    breakfast: Percent
    lunch: Percent
    dinner: Percent
    of_rate: Cited  # which rate the percentages are taken of, and why
    # before 2022: every meal is a share of the 24-hour rate, even on a day trip
    of_overnight_rate: Required | None = None
    # no breakfast is deducted for a night paid with the night allowance without receipt
    no_breakfast_with_night_allowance: Required | None = None
    # a day's deductions are never more than that day's rate
    at_most_day_rate: Required | None = None

    @model_validator(mode="after")
    def _at_most_whole(self) -> Deductions:
        if self.breakfast.percent + self.lunch.percent + self.dinner.percent > 100:
            raise problem_at(said("table.meal_deductions"), "dinner")
        return self


class MealRules(_Strict):
    over_km: Km  # one way, strictly more than this
    from_hours: HoursLimit  # at least this long
    day_up_to_hours: HoursLimit  # the day rate up to and including this
    day: Rate
    long_day: Rate
    overnight: Rate  # per 24 hours
    remaining_part: RemainingPart
    deductions: Deductions


class ExpenseRules(_Strict):
    receipts_required: Required


class RegulationTable:
    """What a table of a regulation (the state's travel rates, Skatteetaten's tax-free rates)
    is as a version among others: named by its regulation and date, in force until its
    `valid_until`, its figures cited by the pages of the regulation they stand on."""

    regulation: str
    effective: dt.date
    valid_until: Until | None
    document: Document
    pages: dict[str, Page]

    def __hash__(self) -> int:
        # equal tables (every field) have one regulation and version: see RateTable
        # (a mixin before pydantic's model in the bases, so that this hash is the one used)
        return hash((self.regulation, self.effective))

    def covers(self, day: dt.date) -> bool:
        """Whether the table's rates were in force on `day` (from its effective date)."""
        return self.valid_until is None or day <= self.valid_until.date

    def severity(self, code: str) -> Severity:
        """A regulation's table states no severities of its own: the contract's."""
        return DEFAULT_SEVERITY[code]

    # the catalogue keeps every kind of table by the name of its folder
    @property
    def scheme(self) -> str:
        return self.regulation

    @property
    def version(self) -> str:
        return self.effective.isoformat()

    @property
    def label(self) -> str:
        return f"{self.regulation}@{self.version}"

    def page_of(self, cited: Cited) -> Page | None:
        page = getattr(cited, "page", None)
        return self.pages.get(page) if page else None

    def source_of(self, cited: Cited) -> Source:
        """The citation of a figure as shown beside a step: the title of its page (its
        address is in the table, `honorar rates show`), else the table's document."""
        page = self.page_of(cited)
        return Source(page.title if page else self.document.short, cited.quote,
                      cited.assumption, cited.reason)


class TravelTable(RegulationTable, _Strict):
    regulation: Annotated[str, Field(pattern=REGULATION)]
    name: Text
    effective: dt.date
    review_after: ReviewAfter | None = None  # a trip after this date may need newer rates
    # the last day the agreement's rates were in force, where a gap follows (no table
    # covers a trip after it until the next version): the date and why
    valid_until: Until | None = None
    document: Document
    pages: dict[Annotated[str, Field(pattern=IDENTIFIER)], Page]
    km: KmRules
    meals: MealRules
    night_without_receipt: Rate
    expenses: ExpenseRules

    @model_validator(mode="after")
    def _pages_known(self) -> TravelTable:
        for path, cited in self.cited_items():
            page = getattr(cited, "page", None)
            if page is not None and page not in self.pages:
                raise problem_at(said("table.unknown_page", page=page,
                                      pages=", ".join(self.pages) or said("usage.none")),
                                 *path, "page")
        return self

    def cited_items(self) -> list[tuple[tuple[str, ...], Cited]]:
        """Every cited figure with its path in the file, in the file's order."""
        items: list[tuple[tuple[str, ...], Cited]] = []
        for vehicle in VEHICLES:
            items.append((("km", "vehicles", vehicle), getattr(self.km.vehicles, vehicle)))
        items.append((("km", "passenger"), self.km.passenger))
        for key in ("trailer", "forest_road"):
            if getattr(self.km, key) is not None:
                items.append((("km", key), getattr(self.km, key)))
        items.append((("km", "one_way_unstated"), self.km.one_way_unstated))
        for key in ("over_km", "from_hours", "day_up_to_hours", "day", "long_day", "overnight",
                    "remaining_part"):
            items.append((("meals", key), getattr(self.meals, key)))
        for meal in (*MEALS, "of_rate", "of_overnight_rate", "no_breakfast_with_night_allowance",
                     "at_most_day_rate"):
            if getattr(self.meals.deductions, meal) is not None:
                items.append((("meals", "deductions", meal),
                              getattr(self.meals.deductions, meal)))
        items.append((("night_without_receipt",), self.night_without_receipt))
        items.append((("expenses", "receipts_required"), self.expenses.receipts_required))
        return items

