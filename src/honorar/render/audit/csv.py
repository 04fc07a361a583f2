"""The audit as CSV: one row per claim with its amounts, difference and finding codes.

Safe to open in Excel: a text cell taken from the input that starts with '=', '+', '-',
'@', a tab or a carriage return gets a leading apostrophe, so that Excel shows it as text
instead of running it as a formula. The amounts the tool formats itself ('-392.00') are
left alone and stay numbers. The finding codes are the last column, so that the findings
known only at the end (group meetings) can be put into their rows afterwards.

A claim's line is put together here rather than by `csv.writer`: most of it repeats from
row to row (the same names, groups, amounts and dates), so its cells are kept ready-made,
and one string a row costs a fraction of writing seventeen cells. Every cell is made by
`csv_cell`, which quotes exactly as `csv.writer` does (it asks the csv module whenever a
text holds a character that needs quoting).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from ... import memo
from ...audit.results import ClaimResult, LightResult
from ...audit.summary import Summary, readable_claimed
from ...claims import Claim
from ...claims.cells import Cache
from ...domain import Calculation, Finding
from ..atomic import AtomicOutput
from ..jsonout import amount
from .late import LatePlaces

COLUMNS = (
    "row", "claim_id", "representative", "group", "scheme", "version", "date",
    "claimed_honorarium", "claimed_lost_income", "claimed_gift", "claimed_total",
    "due_honorarium", "due_lost_income", "due_gift", "due_total", "difference", "findings",
)
AMOUNT_COLUMNS = COLUMNS[COLUMNS.index("claimed_honorarium"):COLUMNS.index("findings")]
# with travel columns in the claims file, travel claimed and due after the gift
TRAVEL_COLUMNS = (
    *COLUMNS[:COLUMNS.index("claimed_total")], "claimed_travel",
    *COLUMNS[COLUMNS.index("claimed_total"):COLUMNS.index("due_total")], "due_travel",
    *COLUMNS[COLUMNS.index("due_total"):],
)
TRAVEL_AMOUNT_COLUMNS = TRAVEL_COLUMNS[TRAVEL_COLUMNS.index("claimed_honorarium"):
                                       TRAVEL_COLUMNS.index("findings")]


def amount_columns(travel: bool) -> tuple[str, ...]:
    """The amount columns of a report: with travel for a file with travel columns."""
    return TRAVEL_AMOUNT_COLUMNS if travel else AMOUNT_COLUMNS
LINE_END = "\r\n"
_FORMULA_STARTS = frozenset("=+-@\t\r")
# distinct sets of amounts a report keeps the cells of: a file repeats a few hundred, and
# one whose amounts never repeat gains nothing from more
_CACHE_LIMIT = 4_096
# what makes csv.writer quote a cell: the delimiter, the quote character, or a character
# of the line ending
_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search
# a text that `csv_cell` leaves as it is: no formula start, nothing to quote
_plain = re.compile(r'[^=+\-@\t\r,"\n][^,"\r\n]*').fullmatch


def neutralise(text: str) -> str:
    """A text cell Excel will not read as a formula."""
    return "'" + text if text[:1] in _FORMULA_STARTS else text


class _Quoter:
    """One cell as csv.writer writes it within a row, made by csv.writer itself."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator=LINE_END)

    def __call__(self, text: str) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        # a second cell keeps the row from being one empty cell, which is written '""'
        self._writer.writerow((text, ""))
        return self._buffer.getvalue()[:-len("," + LINE_END)]


_quoted = _Quoter()


def csv_cell(text: str) -> str:
    """A text from the input as a cell of the report: neutralised, quoted where needed."""
    if text[:1] in _FORMULA_STARTS:
        text = "'" + text
    return _quoted(text) if _NEEDS_QUOTES(text) else text


class KeptByAmounts:
    """What a report makes of a claim's amounts (`claim_amounts`), made once for each
    distinct set: the claimed amounts, whether the meeting had a trip, and the calculation.

    The set is known by value: the calculation's version and amounts, the amounts
    claimed, and whether the meeting had a trip; a light result's by its priced facts
    (a value too)."""

    __slots__ = ("_kept", "_make")

    def __init__(self, make: Callable[[Claim, Calculation], Any]) -> None:
        self._kept: dict[object, Any] = {}
        self._make = make

    def __call__(self, claim: Claim, calculation: Calculation) -> Any:
        meeting = claim.meeting
        claimed, lost_income, gift = claim.claimed_honorarium, meeting.lost_income, meeting.gift
        travel = claim.travel_claimed
        key = (calculation.version, calculation.honorarium, calculation.lost_income,
               calculation.gift, calculation.travel, calculation.total, claimed, lost_income,
               gift, travel, meeting.trip is None)
        known = self._kept.get(key)
        if known is None:
            if len(self._kept) > _CACHE_LIMIT or not memo.ON:
                self._kept.clear()
            known = self._kept[key] = self._make(claim, calculation)
        return known

    def light(self, result: LightResult) -> Any:
        """The same for a light result, known by its priced facts: their rows share every
        amount, and none has travel."""
        priced = result.priced
        known = self._kept.get(priced)
        if known is None:
            if len(self._kept) > _CACHE_LIMIT or not memo.ON:
                self._kept.clear()
            known = self._kept[priced] = self._make(result.claim, priced.calculation)
        return known


class AmountCells:
    """The cells of a claim from version to difference, the date among them."""

    def __init__(self, travel: bool = False) -> None:
        self._travel = travel
        self._kept = KeptByAmounts(self._compute)
        self._dates = Cache(dt.date.isoformat)
        self._versions = Cache(_quoted)
        # an amount's text by its value: where claimed amounts hardly repeat, what is due
        # still does
        self._amounts = Cache(amount)

    def cells(self, claim: Claim, calculation: Calculation) -> str:
        version, amounts = self._kept(claim, calculation)
        return f"{version},{self._dates[claim.meeting.date]},{amounts}"

    def light_cells(self, result: LightResult) -> str:
        version, amounts = self._kept.light(result)
        return f"{version},{self._dates[result.light.date]},{amounts}"

    def _compute(self, claim: Claim, calculation: Calculation) -> tuple[str, str]:
        """The version's cell, and the amounts' cells joined."""
        texts = self._amounts
        # zero by value is also -0, which is written with its sign
        amounts = ["" if v is None else texts[v] if v else amount(v)
                   for v in claim_amounts(claim, calculation, self._travel)]
        # amounts are digits, a point and perhaps a minus: nothing to quote or neutralise
        return self._versions[calculation.version or ""], ",".join(amounts)  # type: ignore[arg-type]


def claim_amounts(claim: Claim, calculation: Calculation, travel: bool = False
                  ) -> tuple[Decimal | None, ...]:
    """A claim's amounts in the order of `amount_columns(travel)`: what is claimed, what is
    due (None where the rules do not decide) and the difference. The reports that list
    claims one a row take their amounts from here."""
    meeting = claim.meeting
    claimed: tuple[Decimal, ...] = (claim.claimed_honorarium, meeting.lost_income, meeting.gift)
    due: tuple[Decimal | None, ...] = (calculation.honorarium, calculation.lost_income,
                                       calculation.gift)
    if travel:
        claimed += (claim.travel_claimed or Decimal(0),)
        due += (travel_due(claim, calculation),)
    claimed_total = sum(claimed, Decimal(0))
    difference = None if calculation.total is None else claimed_total - calculation.total
    return (*claimed, claimed_total, *due, calculation.total, difference)


def travel_due(claim: Claim, calculation: Calculation) -> Decimal | None:
    """Travel due: 0 for a claim with no trip, None where the rules leave it undecided."""
    if claim.meeting.trip is None:
        return Decimal(0)
    return calculation.travel


class CsvReport:
    def __init__(self, output: AtomicOutput, *, byte_order_mark: bool,
                 travel: bool = False) -> None:
        self.output = output
        if byte_order_mark:  # lets Excel see UTF-8
            output.stream.write("\ufeff")
        self._write = output.stream.write
        self._writer = csv.writer(output.stream, lineterminator=LINE_END)  # for unreadable rows
        self._written = (1 if byte_order_mark else 0) + self._writer.writerow(
            TRAVEL_COLUMNS if travel else COLUMNS)
        self._texts = Cache(csv_cell)  # names, groups and schemes repeat through a file
        self._amounts = AmountCells(travel)
        self._travel = travel
        self._late = LatePlaces()

    def add(self, result: ClaimResult | LightResult) -> None:
        if type(result) is LightResult:
            light = result.light
            claim_id = light.claim_id
            if _plain(claim_id) is None:
                claim_id = csv_cell(claim_id)
            texts = self._texts
            # no finding of its own: the findings cell is empty, but for late ones
            self._written += self._write(
                f"{light.row},{claim_id},{texts[light.representative]},"
                f"{texts[light.group or '']},{texts[light.facts.scheme]},"
                f"{self._amounts.light_cells(result)},{LINE_END}")
            if result.awaits_late:
                self._late.note(light.row, self._written - len(LINE_END), False)
            return
        if result.claim is None:
            self._written += self._writer.writerow(self._invalid(result))
        else:
            self._written += self._write(self.line(result))
        if result.awaits_late:
            # the findings cell ends the record, just before its line ending
            self._late.note(result.row, self._written - len(LINE_END), bool(result.findings))

    def line(self, result: ClaimResult) -> str:
        """A readable claim's record, with its line ending."""
        claim = result.claim
        texts = self._texts
        findings = result.findings
        # codes are identifiers: nothing in them to quote or neutralise
        codes = " ".join(f.code for f in findings) if findings else ""
        claim_id = claim.claim_id  # type: ignore[union-attr]
        if _plain(claim_id) is None:  # nearly every id is a plain cell, and all are new
            claim_id = csv_cell(claim_id)
        return (f"{claim.row},{claim_id},{texts[claim.representative]},"  # type: ignore[union-attr]
                f"{texts[claim.group or '']},{texts[claim.meeting.scheme]},"  # type: ignore[union-attr]
                f"{self._amounts.cells(claim, result.calculation)},{codes}{LINE_END}")  # type: ignore[arg-type]

    def _invalid(self, result: ClaimResult) -> list[object]:
        codes = " ".join(f.code for f in result.findings)
        values = result.invalid.values  # type: ignore[union-attr]
        claimed = readable_claimed(result.invalid, self._travel)  # type: ignore[arg-type]
        cells = ["" if value is None else amount(value) for value in claimed.values()]
        due = [""] * (len(claimed) + 1)  # the parts, the total and the difference
        return [result.row, *(neutralise(values.get(c, "")) for c in
                              ("claim_id", "representative", "group", "scheme")),
                "", neutralise(values.get("date", "")), *cells, *due, codes]

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        first = next(late_findings, None)
        if first is None:
            return
        late = itertools.chain((first,), late_findings)

        def codes(findings: list[Finding], has_findings: bool) -> str:
            return (" " if has_findings else "") + " ".join(f.code for f in findings)

        self.output.insert(self._late.insertions(late, codes))
        for _ in late_findings:  # every late finding is counted, even one no row took
            pass
