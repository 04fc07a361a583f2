"""The audit as CSV: one row per claim with its amounts, difference and finding codes.

Safe to open in Excel: a text cell taken from the input that starts with '=', '+', '-',
'@', a tab or a carriage return gets a leading apostrophe, so that Excel shows it as text
instead of running it as a formula. The amounts the tool formats itself ('-392.00') are
left alone and stay numbers. The finding codes are the last column, so that the findings
known only at the end (group meetings) can be added to their rows in one rewrite.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from typing import IO

from ..audit import Summary, readable_claimed
from ..checks import ClaimResult
from ..models import Calculation, Finding
from .audit_atomic import AtomicOutput
from .jsonout import amount

COLUMNS = (
    "row", "claim_id", "representative", "group", "scheme", "version", "date",
    "claimed_honorarium", "claimed_lost_income", "claimed_gift", "claimed_total",
    "due_honorarium", "due_lost_income", "due_gift", "due_total", "difference", "findings",
)
_FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(text: str) -> str:
    """A text cell Excel will not read as a formula."""
    return "'" + text if text and text[0] in _FORMULA_STARTS else text


class _Amounts(dict):
    def __missing__(self, value: Decimal) -> str:
        if len(self) > 20_000:
            self.clear()
        text = self[value] = amount(value)  # type: ignore[assignment]
        return text


class CsvReport:
    def __init__(self, output: AtomicOutput, *, byte_order_mark: bool) -> None:
        self.output = output
        if byte_order_mark:  # lets Excel see UTF-8
            output.stream.write("\ufeff")
        self._writer = csv.writer(output.stream, lineterminator="\r\n")
        self._writer.writerow(COLUMNS)
        self._amounts = _Amounts()
        self._due: dict[int, tuple[Calculation, list[str]]] = {}

    def add(self, result: ClaimResult) -> None:
        self._writer.writerow(self.cells(result))

    def cells(self, result: ClaimResult) -> list[object]:
        claim = result.claim
        codes = " ".join(f.code for f in result.findings)
        if claim is None:
            return self._invalid(result, codes)
        meeting = claim.meeting
        amounts = self._amounts
        honorarium, lost_income, gift = claim.claimed_honorarium, meeting.lost_income, meeting.gift
        claimed_total = honorarium + lost_income + gift
        calculation: Calculation = result.calculation  # type: ignore[assignment]
        due = self._due_of(calculation)
        due_total = calculation.total
        return [claim.row, neutralise(claim.claim_id), neutralise(claim.representative),
                neutralise(claim.group or ""), neutralise(meeting.scheme), due[0],
                meeting.date.isoformat(), amounts[honorarium], amounts[lost_income],
                amounts[gift], amounts[claimed_total], due[1], due[2], due[3], due[4],
                "" if due_total is None else amounts[claimed_total - due_total], codes]

    def _due_of(self, calculation: Calculation) -> list[str]:
        known = self._due.get(id(calculation))
        if known is not None and known[0] is calculation:
            return known[1]
        cells = [calculation.version or ""] + [
            "" if value is None else amount(value)  # type: ignore[misc]
            for value in (calculation.honorarium, calculation.lost_income, calculation.gift,
                          calculation.total)]
        if len(self._due) > 20_000:
            self._due.clear()
        self._due[id(calculation)] = (calculation, cells)
        return cells

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
        if first is not None:
            self.output.rewrite(lambda old, new: _put_late(old, new, first, late_findings))


def _put_late(old: IO[str], new: IO[str], pending: Finding | None,
              late: Iterator[Finding]) -> None:
    """Copy the report, adding late finding codes to the last cell of their rows.

    A record ends on the physical line where its quotes are balanced; its first cell is
    the row number, which is never quoted.
    """
    lines = iter(old)
    new.write(next(lines))  # the header
    inside_quotes = False
    codes: list[str] = []
    for line in lines:
        if not inside_quotes:
            row = int(line[:line.index(",")])
            codes = []
            while pending is not None and (pending.row or 0) < row:  # not in the report
                pending = next(late, None)
            while pending is not None and pending.row == row:
                codes.append(pending.code)
                pending = next(late, None)
        if line.count('"') % 2:
            inside_quotes = not inside_quotes
        if codes and not inside_quotes:
            body = line.rstrip("\r\n")
            joiner = "" if body.endswith(",") else " "
            line = body + joiner + " ".join(codes) + line[len(body):]
        new.write(line)
    for _ in late:  # every late finding is counted, even if no line took it
        pass
