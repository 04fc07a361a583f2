"""One audit: every claim recomputed and checked, in one pass over the rows.

`audit(rows, tables)` yields a `ClaimResult` for every row, in file order, as soon as the
row is read; duplicates are known by then (they name an earlier row). Group meetings with
too few representatives are known only at the end: `Audit.late_findings()` gives them,
with their rows, once every row has been taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..claims import Claim, InvalidRow
from ..engine import calculate
from ..models import DEFAULT_SEVERITY, Calculation, Finding, Meeting, RateTable
from .duplicates import DuplicateClaims
from .groups import GroupMeetings
from .rows import date_findings, honorarium_findings, located


class Versions(Protocol):
    def at(self, date: dt.date) -> RateTable | None: ...


class Tables(Protocol):
    """Where the rate tables come from (a `honorar.tables.Catalogue`)."""

    def versions(self, scheme: str) -> Versions | None: ...


@dataclass(slots=True)
class ClaimResult:
    """The verdict on one row: its claim (or why it could not be read), what is due, and
    the findings. `calculation` is None for an unreadable row."""

    row: int
    claim: Claim | None
    invalid: InvalidRow | None
    table: RateTable | None
    calculation: Calculation | None
    findings: tuple[Finding, ...]

    @property
    def claimed_total(self) -> Decimal | None:
        return self.claim.claimed_total if self.claim is not None else None

    @property
    def due_total(self) -> Decimal | None:
        return self.calculation.total if self.calculation is not None else None


@dataclass(frozen=True, slots=True)
class _Priced:
    meeting: Meeting
    table: RateTable | None
    calculation: Calculation


class Audit:
    """An audit in progress: iterate it for the results, then ask for the late findings."""

    def __init__(self, rows: Iterable[Claim | InvalidRow], tables: Tables,
                 expected_rows: int = 0) -> None:
        self._rows = rows
        self._tables = tables
        self._versions: dict[str, Versions | None] = {}
        self._priced: dict[int, _Priced] = {}
        self.duplicates = DuplicateClaims(expected_rows)
        self.groups = GroupMeetings(expected_rows)
        self._done = False

    def __iter__(self) -> Iterator[ClaimResult]:
        priced_of = self._priced
        duplicates, groups = self.duplicates, self.groups
        for item in self._rows:
            if type(item) is InvalidRow:
                yield _invalid(item)
                continue
            claim: Claim = item  # type: ignore[assignment]
            meeting = claim.meeting
            priced = priced_of.get(id(meeting))
            if priced is None or priced.meeting is not meeting:
                priced = self._price(meeting)
            table, calculation = priced.table, priced.calculation
            findings = located(claim, calculation) if calculation.findings else ()
            findings += honorarium_findings(claim, calculation, table)
            if claim.submitted is not None:
                findings += date_findings(claim, table)
            findings += duplicates.see(claim, table)
            groups.see(claim, table)
            yield ClaimResult(claim.row, claim, None, table, calculation, findings)
        self._done = True

    def late_findings(self) -> Iterator[Finding]:
        """Findings known only after the last row (group meetings), in row order."""
        if not self._done:
            raise RuntimeError("late findings are known only after every row is taken")
        return self.groups.findings()

    def _price(self, meeting: Meeting) -> _Priced:
        # The same meeting object comes back for identical rows (the reader shares them), so
        # the calculation is done once for each distinct meeting, not for every row.
        if len(self._priced) > 50_000:
            self._priced.clear()
        scheme = meeting.scheme
        if scheme not in self._versions:
            self._versions[scheme] = self._tables.versions(scheme)
        versions = self._versions[scheme]
        if versions is None:
            table = None
            calculation = Calculation(scheme, None, None, None, None, None, (), (
                Finding("no_rate_table", DEFAULT_SEVERITY["no_rate_table"],
                        {"scheme": scheme, "known": self._known_schemes()}, "unknown_scheme"),))
        else:
            table = versions.at(meeting.date)
            calculation = calculate(meeting, table)
        priced = self._priced[id(meeting)] = _Priced(meeting, table, calculation)
        return priced

    def _known_schemes(self) -> str:
        names = getattr(self._tables, "scheme_names", None)
        return ", ".join(names()) if names else ""


def _invalid(item: InvalidRow) -> ClaimResult:
    params = {"column": item.column, "why": item.why, "why_key": item.key,
              "why_params": dict(item.params)}
    key = None if item.column is not None else "invalid_row_no_column"
    finding = Finding("invalid_row", DEFAULT_SEVERITY["invalid_row"], params, key, item.row,
                      item.column)
    return ClaimResult(item.row, None, item, None, None, (finding,))


def audit(rows: Iterable[Claim | InvalidRow], tables: Tables, expected_rows: int = 0) -> Audit:
    """Audit `rows` (from `honorar.claims.read_claims`) against `tables`."""
    return Audit(rows, tables, expected_rows)
