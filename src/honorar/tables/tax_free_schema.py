"""Tax-free rate tables: Skatteetaten's trekkfri rates, and what payroll reports above them.

A tax-free table (`rates/tax-free/YYYY-MM-DD.yaml`, `regulation: tax-free`) is versioned by
its effective date like the state's travel tables and checked as strictly: every figure
names its page and quotes its line, or is an `assumption` with its `reason`. The table in
force on a batch's payment date decides how its travel splits into tax-free and taxable
(`rules.payroll`). A year no source covers has no table: `valid_until` ends the last one.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .schema import Cited, Document, Text, _Strict, problem_at
from .travel_schema import IDENTIFIER, Page, PageCited, Percent, Rate, RegulationTable, Until

REGULATION_NAME = "tax-free"
LODGINGS = ("hotel", "pensjonat", "private")


class Lodging(Rate):
    """The tax-free kost per 24 hours with an overnight stay of one kind, and the a-melding
    description it is reported under."""

    description: Annotated[str, Field(pattern=r"^reiseKostMedOvernatting[A-Za-z]+$")]


class Overnight(_Strict):
    hotel: Lodging
    pensjonat: Lodging  # pensjonat, hybel without cooking, brakke
    private: Lodging  # hybel with cooking, private


class TaxFreeKm(_Strict):
    car: Rate
    passenger: Rate  # per km per passenger
    trailer: Rate
    forest_road: Rate
    other_vehicles: Rate  # motorcycle, moped, snowmobile, boat


class TaxFreeDeductions(_Strict):
    breakfast: Percent
    lunch: Percent
    dinner: Percent


class TaxFreeMeals(_Strict):
    day: Rate  # 6 to 12 hours, no overnight stay
    long_day: Rate  # over 12 hours, no overnight stay
    overnight: Overnight
    remaining_part: PageCited  # the part of a trip past its whole 24 hours
    deductions: TaxFreeDeductions


class Rule(PageCited):
    """A rule of reporting, with its source."""


class ReportingRules(_Strict):
    excess_taxable: Rule  # above the tax-free rate: taxable, withholding
    payment_date: Rule  # the rates in force on the payment date decide
    employer_contribution: Rule  # on the taxable part only
    night_over_rate: Rule  # a night allowance above the rate: all of it taxable
    verv: Rule  # fee and lost income: one income for a verv
    refunds: Rule  # documented outlays refunded: no income


class TaxFreeTable(RegulationTable, _Strict):
    regulation: Literal["tax-free"]
    name: Text
    effective: dt.date
    valid_until: Until | None = None
    document: Document
    pages: dict[Annotated[str, Field(pattern=IDENTIFIER)], Page]
    km: TaxFreeKm
    meals: TaxFreeMeals
    night_without_receipt: Rate
    gift_not_reported: Rate  # a non-cash gift up to this is not income
    reporting_threshold: Rate  # pay to one person in a year up to this is not reported
    rules: ReportingRules

    @model_validator(mode="after")
    def _pages_known(self) -> TaxFreeTable:
        for path, cited in self.cited_items():
            page = getattr(cited, "page", None)
            if page is not None and page not in self.pages:
                raise problem_at(f"page '{page}' is not one of the table's pages "
                                 f"({', '.join(self.pages) or 'none'})", *path, "page")
        return self

    def cited_items(self) -> list[tuple[tuple[str, ...], Cited]]:
        """Every cited figure with its path in the file, in the file's order."""
        items: list[tuple[tuple[str, ...], Cited]] = []
        for key in ("car", "passenger", "trailer", "forest_road", "other_vehicles"):
            items.append((("km", key), getattr(self.km, key)))
        for key in ("day", "long_day"):
            items.append((("meals", key), getattr(self.meals, key)))
        for key in LODGINGS:
            items.append((("meals", "overnight", key), getattr(self.meals.overnight, key)))
        items.append((("meals", "remaining_part"), self.meals.remaining_part))
        for key in ("breakfast", "lunch", "dinner"):
            items.append((("meals", "deductions", key), getattr(self.meals.deductions, key)))
        for key in ("night_without_receipt", "gift_not_reported", "reporting_threshold"):
            items.append(((key,), getattr(self, key)))
        for key in ReportingRules.model_fields:
            items.append((("rules", key), getattr(self.rules, key)))
        return items
