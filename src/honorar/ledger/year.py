"""What was paid in a calendar year, by representative, month, scheme or group.

A claim belongs to the year its batch was paid in (`paid_on`): honoraria are income when
they are paid. Each row's income (what was paid less travel and stay, which only repay
expenses) is also stated in G, the grunnbeløp the year is measured against (see
`grunnbelop`), and rows whose income is above a limit (an amount, or a multiple of G) are
flagged. The sums are made by SQLite over integer øre, so a ledger of millions of claims is
reported without holding them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..money import from_ore
from ..parsing import parse_amount
from ..problem import ValueProblem, said
from .grunnbelop import GTable, GValue
from .store import Ledger, LedgerError

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


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str | None  # the person's name, 'YYYY-MM', the scheme, or the group (None: none)
    claims: int
    paid: Decimal  # everything paid, travel and stay included
    travel: Decimal
    in_g: Decimal | None  # of the income: paid less travel
    flagged: bool
    representative_id: str | None = None

    @property
    def income(self) -> Decimal:
        return self.paid - self.travel


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


def in_g(paid: Decimal, g: GValue | None) -> Decimal | None:
    if g is None:
        return None
    return (paid / g.kr).quantize(IN_G_PLACES, rounding=ROUND_HALF_UP)


def year_report(ledger: Ledger, year: int, by: str, g_table: GTable,
                limit: Limit | None = None) -> YearReport:
    if by not in BY:
        raise ValueError(by)
    g = g_table.of_year(year)
    threshold = limit.threshold(g) if limit is not None else None
    if limit is not None and threshold is None:
        raise LedgerError(said("usage.option", option="--flag-above", reason=said(
            "ledger.no_g", year=year, first=g_table.values[0].effective.year,
            last=g_table.values[-1].effective.year)))
    ids = "c.representative_id" if by == "representative" else "NULL"
    sql = (f"SELECT {_KEY[by]} AS k, {_LABEL[by]}, {ids}, count(*), sum(c.paid_ore), "
           "sum(c.travel_ore), max(c.rowid) "
           "FROM claim c JOIN batch b ON b.id = c.batch "
           "WHERE b.paid_on BETWEEN ? AND ? GROUP BY k")
    found = ledger.connection.execute(sql, (dt.date(year, 1, 1).isoformat(),
                                            dt.date(year, 12, 31).isoformat())).fetchall()
    rows = []
    for _key, label, representative_id, claims, ore, travel_ore, _last in found:
        paid, travel = from_ore(ore), from_ore(travel_ore)
        income = paid - travel
        rows.append(ReportRow(label, claims, paid, travel, in_g(income, g),
                              threshold is not None and income > threshold, representative_id))
    rows.sort(key=lambda r: ((r.key or "").casefold(), r.key or "", r.representative_id or ""))
    return YearReport(year, by, g, g_table, limit, threshold, tuple(rows),
                      sum(r.claims for r in rows), sum((r.paid for r in rows), Decimal("0.00")),
                      sum((r.travel for r in rows), Decimal("0.00")))
