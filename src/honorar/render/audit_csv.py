"""The audit as CSV: one row per claim with its amounts, difference and finding codes.

Safe to open in Excel: a text cell taken from the input that starts with '=', '+', '-',
'@', a tab or a carriage return gets a leading apostrophe, so that Excel shows it as text
instead of running it as a formula. The amounts the tool formats itself ('-392.00') are
left alone and stay numbers. The finding codes are the last column, so that the findings
known only at the end (group meetings) can be put into their rows afterwards.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from decimal import Decimal

from ..audit import Summary, readable_claimed
from ..checks import ClaimResult
from ..claims import Claim
from ..models import Calculation, Finding
from .audit_atomic import AtomicOutput
from .audit_late import LatePlaces
from .jsonout import amount

COLUMNS = (
    "row", "claim_id", "representative", "group", "scheme", "version", "date",
    "claimed_honorarium", "claimed_lost_income", "claimed_gift", "claimed_total",
    "due_honorarium", "due_lost_income", "due_gift", "due_total", "difference", "findings",
)
_FORMULA_STARTS = frozenset("=+-@\t\r")


class AmountCells:
    """The cells of a claim from version to difference, kept for each distinct set of
    claimed amounts and calculation: computing a total makes a new Decimal, and hashing a
    new Decimal to look up its text costs more than everything else in a row."""

    def __init__(self) -> None:
        self._cells: dict[tuple, tuple[Calculation, list[str]]] = {}
        self._dates: dict = {}

    def cells(self, claim: Claim, calculation: Calculation) -> list[str]:
        meeting = claim.meeting
        key = (claim.claimed_honorarium, meeting.lost_income, meeting.gift, id(calculation))
        known = self._cells.get(key)
        if known is None or known[0] is not calculation:
            if len(self._cells) > 20_000:
                self._cells.clear()
            known = self._cells[key] = (calculation, self._compute(claim, calculation))
        date = self._dates.get(meeting.date)
        if date is None:
            if len(self._dates) > 20_000:
                self._dates.clear()
            date = self._dates[meeting.date] = meeting.date.isoformat()
        version, *amounts = known[1]
        return [version, date, *amounts]

    @staticmethod
    def _compute(claim: Claim, calculation: Calculation) -> list[str]:
        meeting = claim.meeting
        claimed = (claim.claimed_honorarium, meeting.lost_income, meeting.gift)
        claimed_total = sum(claimed, Decimal(0))
        due = (calculation.honorarium, calculation.lost_income, calculation.gift,
               calculation.total)
        difference = None if calculation.total is None else claimed_total - calculation.total
        return [calculation.version or "",
                *(amount(v) for v in (*claimed, claimed_total)),  # type: ignore[misc]
                *("" if v is None else amount(v) for v in (*due, difference))]


def neutralise(text: str) -> str:
    """A text cell Excel will not read as a formula."""
    return "'" + text if text[:1] in _FORMULA_STARTS else text


class CsvReport:
    def __init__(self, output: AtomicOutput, *, byte_order_mark: bool) -> None:
        self.output = output
        if byte_order_mark:  # lets Excel see UTF-8
            output.stream.write("\ufeff")
        self._writer = csv.writer(output.stream, lineterminator="\r\n")
        self._written = (1 if byte_order_mark else 0) + self._writer.writerow(COLUMNS)
        self._amounts = AmountCells()
        self._late = LatePlaces()

    def add(self, result: ClaimResult) -> None:
        self._written += self._writer.writerow(self.cells(result))
        if result.awaits_late:
            # the findings cell ends the record, just before its line ending
            self._late.note(result.row, self._written - 2, bool(result.findings))

    def cells(self, result: ClaimResult) -> list[object]:
        claim = result.claim
        if claim is None:
            return self._invalid(result, " ".join(f.code for f in result.findings))
        meeting = claim.meeting
        claim_id, representative = claim.claim_id, claim.representative
        group, scheme = claim.group or "", meeting.scheme
        # inline `neutralise`: four calls a row add up over a million rows
        if claim_id[:1] in _FORMULA_STARTS:
            claim_id = "'" + claim_id
        if representative[:1] in _FORMULA_STARTS:
            representative = "'" + representative
        if group[:1] in _FORMULA_STARTS:
            group = "'" + group
        if scheme[:1] in _FORMULA_STARTS:
            scheme = "'" + scheme
        findings = result.findings
        return [claim.row, claim_id, representative, group, scheme,
                *self._amounts.cells(claim, result.calculation),  # type: ignore[arg-type]
                " ".join(f.code for f in findings) if findings else ""]

    def _invalid(self, result: ClaimResult, codes: str) -> list[object]:
        values = result.invalid.values  # type: ignore[union-attr]
        claimed = readable_claimed(result.invalid)  # type: ignore[arg-type]
        return [result.row, *(neutralise(values.get(c, "")) for c in
                              ("claim_id", "representative", "group", "scheme")),
                "", neutralise(values.get("date", "")),
                *("" if value is None else amount(value) for value in claimed),
                "", "", "", "", "", codes]

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
