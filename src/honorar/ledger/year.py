"""What was paid in a calendar year, by representative, month, scheme or group.

A claim belongs to the year its batch was paid in (`paid_on`): honoraria are income when
they are paid. Each row's income is its taxable pay: fees, lost income, and what travel and
stay paid above the tax-free rates in force on the payment date (`rules.payroll`, the same
split `ledger payroll` makes); refunds, tax-free allowances and a gift up to the limit are
not income. Travel that cannot be split (a claim recorded before the ledger kept its paid
parts, or paid on a day no tax-free table covers) is not counted as income, and is counted
apart (`unsplit`). Income is also stated in G, the grunnbeløp the year is measured against
(see `grunnbelop`); rows whose income is above a limit (an amount, or a multiple of G) are
flagged, and a person whose pay in the year is over the a-melding's reporting threshold
(the tax-free table's) is `reportable`. The sums are made by SQLite over integer øre, and
only claims with travel are split one by one, so a ledger of millions of claims is reported
without holding them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..money import from_ore
from ..parsing import parse_amount
from ..problem import Day, ValueProblem, said
from ..rules.paid_parts import PartsError, from_json
from ..rules.payroll import payroll_lines
from .grunnbelop import GTable, GValue
from .store import Ledger, LedgerError

if TYPE_CHECKING:
    from ..tables.tax_free_schema import TaxFreeTable

BY = ("representative", "month", "scheme", "group")
IN_G_PLACES = Decimal("0.0001")

_KEY = {
    "representative": "c.person",
    "month": "substr(b.paid_on, 1, 7)",
    "scheme": "c.scheme",
    "group": "c.group_key",
}
# what a row is called: for a person, the name on the claim recorded last (a bare column
# takes its value from the row of the query's max(c.rowid)); for a group, as written
_LABEL = {
    "representative": "c.representative",
    "month": "substr(b.paid_on, 1, 7)",
    "scheme": "c.scheme",
    "group": "min(c.grp)",
}
_MULTIPLE_OF_G = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[gG]\s*$")


@dataclass(frozen=True, slots=True)
class Limit:
    """Where a row is flagged: above `kr`, or above `times_g` × the year's G."""

    kr: Decimal | None = None
    times_g: Decimal | None = None

    def threshold(self, g: GValue | None) -> Decimal | None:
        if self.times_g is None:
            return self.kr
        return None if g is None else self.times_g * g.kr


def read_limit(text: str) -> Limit:
    """'0.4G', '0,4 G' or an amount ('50000', '50 000 kr'); ValueError otherwise."""
    multiple = _MULTIPLE_OF_G.match(text)
    if multiple:
        times = Decimal(multiple.group(1).replace(",", "."))
        if times <= 0:
            raise ValueProblem(said("ledger.limit_not_above_zero", value=text))
        return Limit(times_g=times)
    amount = parse_amount(text)
    if amount is None or amount <= 0:
        raise ValueProblem(said("ledger.not_a_limit", value=text))
    return Limit(kr=amount)


TaxFreeAt = Callable[[dt.date], "TaxFreeTable | None"]


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str | None  # the person's name, 'YYYY-MM', the scheme, or the group (None: none)
    claims: int
    paid: Decimal  # everything paid, travel and stay included
    travel: Decimal
    in_g: Decimal | None  # of the income
    flagged: bool
    representative_id: str | None = None
    # taxable pay: fees, lost income and the travel paid above the tax-free rates
    income: Decimal = Decimal("0.00")
    tax_free: Decimal = Decimal("0.00")  # travel allowances within the tax-free rates
    unsplit: Decimal = Decimal("0.00")  # travel that could not be split: not in income
    unsplit_claims: int = 0
    # pay over the a-melding's threshold (by representative, where a table gives it)
    reportable: bool | None = None


@dataclass(frozen=True, slots=True)
class YearReport:
    year: int
    by: str
    g: GValue | None
    g_table: GTable
    limit: Limit | None
    threshold: Decimal | None
    rows: tuple[ReportRow, ...]
    claims: int
    total: Decimal
    travel: Decimal
    income: Decimal = Decimal("0.00")
    tax_free: Decimal = Decimal("0.00")
    unsplit: Decimal = Decimal("0.00")
    unsplit_claims: int = 0
    # the tax-free table whose reporting threshold `reportable` is measured against
    threshold_table: TaxFreeTable | None = None

    @property
    def reporting_threshold(self) -> Decimal | None:
        table = self.threshold_table
        return None if table is None else table.reporting_threshold.kr


def in_g(paid: Decimal, g: GValue | None) -> Decimal | None:
    if g is None:
        return None
    return (paid / g.kr).quantize(IN_G_PLACES, rounding=ROUND_HALF_UP)


@dataclass(slots=True)
class _Travel:
    """What one row's travel came to: taxable, tax-free, and not split."""

    taxable: int = 0
    tax_free: int = 0
    unsplit: int = 0
    unsplit_claims: int = 0


def _travel_split(ledger: Ledger, key: str, first: str, last: str,
                  tax_free_at: TaxFreeAt | None) -> dict[object, _Travel]:
    """The travel (and gift) of the year's claims that have any, split claim by claim by
    the tax-free table in force on their payment date, summed by row key."""
    sql = (f"SELECT {key} AS k, b.paid_on, c.paid_parts, "
           "c.paid_ore - c.honorarium_ore - c.lost_income_ore - c.gift_ore "
           "FROM claim c JOIN batch b ON b.id = c.batch "
           "WHERE b.paid_on BETWEEN ? AND ? "
           "AND (c.paid_ore <> c.honorarium_ore + c.lost_income_ore OR c.gift_ore <> 0)")
    found: dict[object, _Travel] = {}
    tables: dict[str, object] = {}
    kept: dict[tuple, tuple[int, int, int]] = {}
    for k, paid_on, parts_text, rest in ledger.connection.execute(sql, (first, last)):
        row = found.setdefault(k, _Travel())
        if paid_on not in tables:
            tables[paid_on] = None if tax_free_at is None else \
                tax_free_at(dt.date.fromisoformat(paid_on))
        table = tables[paid_on]
        split = None
        if parts_text is not None and table is not None:
            memo_key = (parts_text, paid_on)
            split = kept.get(memo_key)
            if split is None:
                try:
                    lines = payroll_lines(from_json(parts_text), table,  # type: ignore[arg-type]
                                          reasons=False)
                except PartsError as err:
                    raise LedgerError(said("ledger.year_parts",
                                           paid_on=Day(dt.date.fromisoformat(paid_on)),
                                           reason=err.said)) from None
                split = (sum(_ore(li.amount) for li in lines if li.kind == "taxable"),
                         sum(_ore(li.amount) for li in lines if li.kind == "tax_free"),
                         sum(_ore(li.amount) for li in lines if li.kind == "unsplit"))
                if len(kept) < 4096:
                    kept[memo_key] = split
        if split is None:  # no parts kept, or no table: travel as one sum, a gift not income
            split = (0, 0, rest)
        row.taxable += split[0]
        row.tax_free += split[1]
        if split[2]:
            row.unsplit += split[2]
            row.unsplit_claims += 1
    return found


def _ore(amount: Decimal) -> int:
    return int(amount * 100)


def year_report(ledger: Ledger, year: int, by: str, g_table: GTable,
                limit: Limit | None = None,
                tax_free_at: TaxFreeAt | None = None) -> YearReport:
    """The year's payments by `by`. `tax_free_at` gives the tax-free table in force on a
    day (`Catalogue.tax_free_at`): without it no travel is split, and none is income."""
    if by not in BY:
        raise ValueError(by)
    g = g_table.of_year(year)
    threshold = limit.threshold(g) if limit is not None else None
    if limit is not None and threshold is None:
        raise LedgerError(said("usage.option", option="--flag-above", reason=said(
            "ledger.no_g", year=year, first=g_table.values[0].effective.year,
            last=g_table.values[-1].effective.year)))
    ids = "c.representative_id" if by == "representative" else "NULL"
    first, last = dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat()
    sql = (f"SELECT {_KEY[by]} AS k, {_LABEL[by]}, {ids}, count(*), sum(c.paid_ore), "
           "sum(c.travel_ore), sum(c.honorarium_ore + c.lost_income_ore), max(c.rowid) "
           "FROM claim c JOIN batch b ON b.id = c.batch "
           "WHERE b.paid_on BETWEEN ? AND ? GROUP BY k")
    found = ledger.connection.execute(sql, (first, last)).fetchall()
    travel_of = _travel_split(ledger, _KEY[by], first, last, tax_free_at)
    # the a-melding's threshold: the table in force at the year's end (or its last table)
    threshold_table = None
    if by == "representative" and tax_free_at is not None:
        threshold_table = next((t for t in (tax_free_at(dt.date(year, 12, 31)),
                                            tax_free_at(dt.date(year, 1, 1))) if t), None)
    reporting = None if threshold_table is None else threshold_table.reporting_threshold.kr
    rows = []
    for key, label, representative_id, claims, ore, travel_ore, pay_ore, _last in found:
        paid, travel = from_ore(ore), from_ore(travel_ore)
        split = travel_of.get(key, _Travel())
        income = from_ore(pay_ore + split.taxable)
        rows.append(ReportRow(label, claims, paid, travel, in_g(income, g),
                              threshold is not None and income > threshold, representative_id,
                              income, from_ore(split.tax_free), from_ore(split.unsplit),
                              split.unsplit_claims,
                              None if reporting is None else income > reporting))
    rows.sort(key=lambda r: ((r.key or "").casefold(), r.key or "", r.representative_id or ""))
    zero = Decimal("0.00")
    return YearReport(year, by, g, g_table, limit, threshold, tuple(rows),
                      sum(r.claims for r in rows), sum((r.paid for r in rows), zero),
                      sum((r.travel for r in rows), zero), sum((r.income for r in rows), zero),
                      sum((r.tax_free for r in rows), zero), sum((r.unsplit for r in rows), zero),
                      sum(r.unsplit_claims for r in rows), threshold_table)
