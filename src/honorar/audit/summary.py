"""An audit from file to verdict: read the claims, check them, and sum up.

`run_audit` streams the rows of a `ClaimReader` through `checks.audit` into a report (any
object with `add(result)` and `finish(summary, late_findings)`), keeping a `Summary` as it
goes. The report sees every row once, in file order; the group findings known only at the
end come to `finish` as an iterator, in row order, and are counted into the summary as
the report takes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from .. import memo
from ..claims import ClaimReader, InvalidRow, WorkbookReader
from ..claims.columns import TRAVEL_COLUMNS
from ..domain import DEFAULT_SEVERITY, ZERO, Finding
from ..parsing import parse_amount
from ..tables.schema import RateTable
from .checks import FileTotal
from .checks.paid import PaidClaims
from .pipeline import audit
from .results import ClaimResult, LightResult, Tables

PROGRESS_EVERY = 8192  # rows between progress reports


class Report(Protocol):
    def add(self, result: ClaimResult | LightResult) -> None: ...

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None: ...


TALLIES_KEPT = 4_096  # distinct sets of amounts counted before they are summed


class _Total:
    """A total of the summary, read as an attribute: what is still counted is summed first."""

    def __init__(self, index: int, doc: str) -> None:
        self.index = index
        self.__doc__ = doc

    def __get__(self, summary: Summary | None, owner: type) -> Any:
        return self if summary is None else summary._sum(self.index)


@dataclass(slots=True)
class Summary:
    """What a person acts on: how much was claimed, how much is due, and what is wrong.

    Rows are counted for each distinct set of amounts (claimed parts, calculation, table)
    and summed a set at a time: a file repeats a few hundred sets, and adding six Decimals
    for every row was a third of the summary's time. The totals are read as attributes
    that sum what is still counted first."""

    rows: int = 0
    invalid_rows: int = 0
    claims_with_findings: int = 0
    # claims without a submission date, whose age is not checked
    without_submitted: int = 0
    duplicate_claimed: Decimal = ZERO  # claimed by rows that repeat an earlier claim
    # the file's own total rows (not claims), each held against the claims above it
    file_totals: list[FileTotal] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)  # code → count
    severities: dict[str, int] = field(default_factory=dict)  # severity → count
    code_severity: dict[str, str] = field(default_factory=dict)  # code → its worst severity
    # findings about a version of a table, not a row (the table may be outdated): once per
    # scheme and version, with the version and the rows it concerns
    version_findings: list[tuple[Finding, RateTable, int]] = field(default_factory=list)
    _versions: dict[RateTable, int] = field(default_factory=dict)  # table → its rows
    _flagged: bytearray = field(default_factory=bytearray)  # row → has a finding
    # a set of amounts (due, travel due, table, claimed, lost income, gift, travel
    # claimed), or a light result's priced facts (a value) → [rows not summed yet, due,
    # travel due, table, claimed, lost income, gift, travel claimed]
    # (with the memos off, `memo.ON`, nothing is kept: every row is summed as it comes)
    _counted: dict[tuple | int, list] = field(default_factory=memo.memo)
    # claimed_total, due_total, overpaid, underpaid, undecided_claimed, travel_claimed,
    # travel_due: the sets summed so far
    _sums: list[Decimal] = field(default_factory=lambda: [ZERO] * 7)

    def add(self, result: ClaimResult | LightResult) -> None:
        self.rows += 1
        if type(result) is LightResult:
            if result.light.submitted is None:
                self.without_submitted += 1
            # its amounts are those of its priced facts, and it has no finding
            priced = result.priced
            counted = self._counted.get(priced)  # type: ignore[call-overload]
            if counted is not None:
                counted[0] += 1
                return
            if len(self._counted) >= TALLIES_KEPT:
                self._sum_counted()
            facts, calculation = priced.facts, priced.calculation
            counted = self._counted[priced] = [  # type: ignore[index]
                1, calculation.total, calculation.travel, priced.table, facts.claimed,
                facts.lost_income, facts.gift, None]
            self._sum_counted_one(counted)
            return
        claim = result.claim
        if claim is None:
            self.invalid_rows += 1
        else:
            if claim.submitted is None:
                self.without_submitted += 1
            meeting, calculation, table = claim.meeting, result.calculation, result.table
            claimed, lost_income, gift = (claim.claimed_honorarium, meeting.lost_income,
                                          meeting.gift)
            travel = claim.travel_claimed
            key = (calculation.total, calculation.travel, table, claimed, lost_income, gift,  # type: ignore[union-attr]
                   travel)
            counted = self._counted.get(key)
            if counted is not None:
                counted[0] += 1
            else:
                # a set seen first is summed at once, as in a file of amounts that never
                # repeat; it is counted from its second row on
                if len(self._counted) >= TALLIES_KEPT:
                    self._sum_counted()
                counted = self._counted[key] = [1, *key]
                self._sum_counted_one(counted)
        if result.findings:
            self._count(result.findings, result.row)
            if claim is not None and any(f.code == "duplicate_claim" for f in result.findings):
                self.duplicate_claimed += claim.claimed_total

    def _sum_counted(self) -> None:
        for counted in self._counted.values():
            if counted[0]:
                self._sum_counted_one(counted)
        self._counted.clear()

    def _sum_counted_one(self, counted: list) -> None:
        rows, due, travel_due, table, claimed, lost_income, gift, travel = counted
        sums = self._sums
        claimed = claimed + lost_income + gift
        if travel is not None:
            claimed += travel
            sums[5] += travel * rows
        sums[0] += claimed * rows
        if due is None:
            sums[4] += claimed * rows
        else:
            sums[1] += due * rows
            if travel_due is not None:
                sums[6] += travel_due * rows
            if claimed > due:
                sums[2] += (claimed - due) * rows
            elif due > claimed:
                sums[3] += (due - claimed) * rows
        if table is not None:
            self._versions[table] = self._versions.get(table, 0) + rows
        counted[0] = 0

    def _sum(self, index: int) -> Decimal:
        if self._counted:
            self._sum_counted()
        return self._sums[index]

    claimed_total = _Total(0, "All that is claimed.")
    due_total = _Total(1, "Of the claims whose amount the rules decide.")
    overpaid = _Total(2, "Claimed above what is due, summed over claims.")
    underpaid = _Total(3, "Due above what is claimed, summed over claims.")
    undecided_claimed = _Total(4, "Claimed where no rule decides what is due.")
    travel_claimed = _Total(5, "Of claimed_total: travel and stay.")
    travel_due = _Total(6, "Of due_total: travel and stay.")

    def _tally(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.findings[f.code] = self.findings.get(f.code, 0) + 1
            self.severities[f.severity] = self.severities.get(f.severity, 0) + 1
            if self.code_severity.get(f.code) != "error":
                self.code_severity[f.code] = f.severity

    def _count(self, findings: Iterable[Finding], row: int) -> None:
        self._tally(findings)
        flagged = self._flagged
        if row >= len(flagged):
            flagged.extend(bytes(max(row + 1 - len(flagged), len(flagged) // 2)))
        if not flagged[row]:
            flagged[row] = 1
            self.claims_with_findings += 1

    def take_file_totals(self, totals: Iterable[FileTotal]) -> None:
        """The file's total rows; their findings are counted, but a total is no claim."""
        for total in totals:
            self.file_totals.append(total)
            self._tally(total.findings)

    @property
    def file_total(self) -> FileTotal | None:
        """The file's closing total: its last total row (None when it has none)."""
        return self.file_totals[-1] if self.file_totals else None

    def add_version_findings(self, found: Iterable[tuple[Finding, RateTable, int]]) -> None:
        """Findings about versions of tables: counted by code and severity like any other,
        but they make no claim one with findings."""
        for finding, table, rows in found:
            self.version_findings.append((finding, table, rows))
            self._tally((finding,))

    def counting(self, late: Iterable[Finding]) -> Iterator[Finding]:
        """The late findings, counted as they are taken."""
        for finding in late:
            self._count((finding,), finding.row or 0)
            yield finding

    @property
    def versions(self) -> list[tuple[RateTable, int]]:
        """The rate tables used, with the rows each decided, by scheme and date."""
        if self._counted:
            self._sum_counted()
        found = list(self._versions.items())
        return sorted(found, key=lambda item: (item[0].scheme, item[0].effective))

    def findings_in_order(self) -> list[tuple[str, int]]:
        """Finding codes with their counts, in the order of the contract's table."""
        order = list(DEFAULT_SEVERITY)
        return sorted(self.findings.items(),
                      key=lambda item: order.index(item[0]) if item[0] in order else len(order))


@dataclass(frozen=True, slots=True)
class Reading:
    """How a claims file was read, for the report to say."""

    file: str
    encoding: str
    delimiter: str  # the character
    delimiter_name: str  # comma, semicolon, tab …
    header_line: int
    date_order: str | None  # how slashed dates were read: dmy, mdy, or None (no need to know)
    date_order_given: bool
    columns: dict[str, str]  # canonical column → the file's header
    ignored_columns: tuple[str, ...]
    workbook: str | None = None  # a workbook's format (xlsx, xlsm, xls, ods); None for CSV
    sheet: str | None = None  # the sheet of a workbook that was read
    # whether the file has travel columns: only then do reports show travel
    travel: bool = False
    # a file without a claim-id column: its claims are known by their row numbers
    claim_ids_from_rows: bool = False
    scheme_given: str | None = None  # --scheme: the scheme of rows that give none
    # whether claims' age can be checked: the file has a submission date column
    claim_age_checked: bool = True
    # audited against a ledger: its file and how many batches it holds (None: no ledger)
    ledger: str | None = None
    ledger_batches: int | None = None

    @classmethod
    def of(cls, reader: ClaimReader | WorkbookReader) -> Reading:
        header = reader.header
        return cls(reader.name, reader.encoding.label, header.delimiter, reader.delimiter_name,
                   header.line, reader.date_order, reader.date_order_given is not None,
                   dict(header.names), header.ignored, getattr(reader, "kind", None),
                   getattr(reader, "sheet", None),
                   any(c in header.names for c in TRAVEL_COLUMNS),
                   "claim_id" not in header.names, getattr(reader, "scheme", None),
                   "submitted" in header.names)


def readable_claimed(invalid: InvalidRow, travel: bool = False) -> dict[str, Decimal | None]:
    """The amounts an unreadable row claims, where they can be read: honorarium, lost income,
    gift, travel (with `travel`, for a file with travel columns) and their total. A part that
    cannot be read is None, and so is the total then; all are None when the row's cells
    cannot be placed in their columns. Every report shows such a row's claim from here."""
    columns = {"honorarium": "claimed_honorarium", "lost_income": "lost_income", "gift": "gift"}
    if travel:
        columns["travel"] = "travel_claimed"
    if not invalid.cells_in_place:
        return dict.fromkeys([*columns, "total"])
    parts = {part: _readable_amount(invalid, column) for part, column in columns.items()}
    values = list(parts.values())
    parts["total"] = None if None in values else sum(values, ZERO)  # type: ignore[arg-type]
    return parts


def _readable_amount(invalid: InvalidRow, column: str) -> Decimal | None:
    try:
        return parse_amount(invalid.values.get(column, ""))
    except ValueError:
        return None


def run_audit(reader: ClaimReader | Iterable, tables: Tables, report: Report, *,
              expected_rows: int = 0,
              progress: Callable[[int], None] | None = None,
              paid: PaidClaims | None = None,
              today: dt.date | None = None) -> Summary:
    """Audit every row of `reader` into `report`; the summary once the report is finished.
    With `paid` (a ledger), claims paid before are found too. `today` is the day of the
    run, for `meeting_in_future` (none is checked without it)."""
    summary = Summary()
    run = audit(reader, tables, expected_rows, paid, today)
    add_to_summary, add_to_report = summary.add, report.add
    if progress is None:
        for result in run:
            add_to_summary(result)
            add_to_report(result)
    else:
        for count, result in enumerate(run, 1):
            add_to_summary(result)
            add_to_report(result)
            if not count % PROGRESS_EVERY:
                progress(count)
        progress(summary.rows)
    summary.take_file_totals(run.file_totals)
    summary.add_version_findings(run.version_findings())
    report.finish(summary, summary.counting(run.late_findings()))
    return summary
