"""One audit: every claim recomputed and checked, in one pass over the rows.

`audit(rows, tables)` yields a result for every row, in file order, as soon as the row is
read: a `ClaimResult`, or, for a claim checked in its light form (facts seen before, no
finding of its own), a `LightResult` that reads as one. Duplicates are known by then
(they name an earlier row). Group meetings with too few representatives are known only
at the end: `Audit.late_findings()` gives them, with their rows, once every row has been
taken. A total row of the file is no claim and
has no result: it goes to `Audit.file_totals`, held against the claims above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import memo
from ..claims import Claim, InvalidRow, TotalRow
from ..claims.cells import Cache
from ..claims.records import LightClaim
from ..domain import Calculation, Finding
from ..rules.calculation import not_claimed
from ..tables.schema import RateTable
from .checks.daily_caps import DailyLostIncome
from .checks.duplicates import (
    POSSIBLE,
    DuplicateClaims,
    group_number,
)
from .checks.groups import GroupMeetings
from .checks.paid import PaidClaims
from .checks.persons import Identities
from .checks.rows import (
    compares_honorarium,
    date_findings,
    honorarium_findings,
    located,
    severity,
    travel_findings,
)
from .checks.totals import FileTotal, FileTotals
from .checks.voiding import settle
from .memos import Priced, RunMemos
from .results import (
    ClaimResult,
    LightResult,
    PricedFacts,
    Tables,
    ambiguous_finding,
    invalid_result,
    not_claimed_finding,
    paid_finding,
    parts_paid,
    pays,
)

EXPECTED_ROWS_AT_MOST = 2_000_000


class Audit:
    """An audit in progress: iterate it for the results, then ask for the late findings."""

    def __init__(self, rows: Iterable[Claim | InvalidRow], tables: Tables,
                 expected_rows: int = 0, paid: PaidClaims | None = None,
                 today: dt.date | None = None) -> None:
        self._rows = rows
        self._paid = paid
        self._today = today
        # what the run has worked out: tables by date, meetings and facts priced
        self._memos = RunMemos(tables)
        # sized for the rows expected (they grow as needed), but no more than a few million
        # ahead of time: a guess from the size of a file is only a guess
        expected_rows = min(expected_rows, EXPECTED_ROWS_AT_MOST)
        self.duplicates = DuplicateClaims(expected_rows)
        # who each claim is from: the ledger's, which knows the numbers its names went by
        self.identities = getattr(paid, "identities", None) or Identities()
        self._group_keys = Cache(group_number)  # a group as written → its number
        self.groups = GroupMeetings(expected_rows)
        self.totals = FileTotals()
        self.daily_lost_income = DailyLostIncome(getattr(paid, "lost_income_paid", None))
        self._done = False

    def __iter__(self) -> Iterator[ClaimResult | LightResult]:
        duplicates, groups, totals = self.duplicates, self.groups, self.totals
        paid_before = self._paid.paid_before if self._paid is not None else None
        identities = self.identities  # each claim's person, once for every check that asks
        known_answers = identities.answers.get
        group_keys = self._group_keys
        paid_parts = duplicates.paid
        light_rows = getattr(self._rows, "light_rows", None)
        # against a ledger every claim is asked after by its id and person: made whole
        # (with the memos off, `memo.ON`, every claim is made whole: the plain audit)
        light = light_rows is not None and memo.ON and paid_before is None
        rows = light_rows() if light else self._rows
        # A light claim whose facts can pass every check of its own row, and whose dates
        # do, is checked here without its `Claim`: it needs only the checks that look at
        # other rows. Any other claim is made whole and checked below, by every rule.
        memos, today = self._memos, self._today
        dated_of, priced_facts = memos.dated, memos.priced_facts
        see_duplicate, see_group = duplicates.see_fields, groups.see_fields
        count_facts = totals.count_facts
        for item in rows:
            kind = type(item)
            if kind is LightClaim:
                facts, date = item.facts, item.date  # type: ignore[union-attr]
                dated = dated_of.get((facts.scheme, date))
                if dated is None:
                    dated = memos.on_date(facts.scheme, date)
                table = dated.table
                key = (facts, table, dated.outdated is None)
                priced_light = priced_facts.get(key)
                if type(priced_light) is not PricedFacts:  # facts new, or seen once
                    priced_light = memos.facts_seen(item, dated, key, priced_light)  # type: ignore[arg-type]
                submitted, last_day = item.submitted, dated.last_day  # type: ignore[union-attr]
                if priced_light is not None and priced_light.clean and (
                        today is None or date <= today) and (
                        submitted is None or (submitted >= date and (
                            last_day is None or submitted <= last_day))):
                    row = item.row  # type: ignore[union-attr]
                    count_facts(facts)
                    if priced_light.outdated is not None:
                        priced_light.outdated.rows += 1
                    asked = (item.representative, item.representative_id)  # type: ignore[union-attr]
                    person, also, ambiguous = known_answers(asked) or identities(*asked)
                    group = item.group  # type: ignore[union-attr]
                    if ambiguous is None:
                        group_key = group_keys[group] if group else 0
                        found = see_duplicate(
                            row, item.claim_id, item.representative,  # type: ignore[union-attr]
                            group, date, facts.start, facts.end, priced_light.duration,
                            group_key, priced_light.identity,
                            priced_light.fee_claimed, priced_light.claimed_parts, table,
                            person, also, priced_light.paid_parts)
                        if not found:
                            yield LightResult(item, priced_light, see_group(  # type: ignore[arg-type]
                                row, facts.scheme, group, date, table, person, facts.activity,
                                priced_light.pays))
                            continue
                    else:
                        found = (ambiguous_finding(item, ambiguous, table),)  # type: ignore[arg-type]
                    claim = item.claim()  # type: ignore[union-attr]
                    calculation, findings = settle(priced_light.calculation, found, False)
                    if ambiguous is None:
                        paid_parts(parts_paid(calculation))
                    yield ClaimResult(row, claim, None, table, calculation, findings,
                                      see_group(row, facts.scheme, group, date, table, person,
                                                facts.activity, pays(calculation)))
                    continue
                item = item.claim()  # type: ignore[union-attr]
                kind = Claim
            if kind is InvalidRow:
                totals.unreadable += 1
                yield invalid_result(item)
                continue
            if kind is TotalRow:  # the file's own total: not a claim, no result of its own
                totals.see(item)  # type: ignore[arg-type]
                continue
            yield self._check_claim(item)  # type: ignore[arg-type]
        self._done = True

    # -- a claim made whole, step by step: priced, its own row checked, the rows checked
    # together (duplicates, the ledger, voiding, the daily cap)

    def _check_claim(self, claim: Claim) -> ClaimResult:
        self.totals.add(claim)
        meeting = claim.meeting
        priced = self._memos.price(meeting)
        calculation, findings = self._row_checks(claim, priced)
        return self._across_rows(claim, priced.table, calculation, findings)

    def _row_checks(self, claim: Claim, priced: Priced
                    ) -> tuple[Calculation, tuple[Finding, ...]]:
        """The checks of the claim's own row: what the reader noted, the date, the fee and
        travel claimed against what is due, the submission date."""
        meeting, table, calculation = claim.meeting, priced.table, priced.calculation
        findings = located(claim, priced.row_findings) if priced.row_findings else ()
        if claim.notes:  # what the reader assumed or saw of the row
            findings += tuple(Finding(code, severity(table, code), dict(params), None,
                                      claim.row, column)
                              for code, params, column in claim.notes)
        if priced.outdated is not None:
            priced.outdated.rows += 1
        if self._today is not None and meeting.date > self._today:
            findings += (Finding("meeting_in_future", severity(table, "meeting_in_future"),
                                 {"date": meeting.date, "today_date": self._today}, None,
                                 claim.row, "date"),)
        if claim.claimed_honorarium != calculation.honorarium:
            if not claim.claimed_honorarium and calculation.honorarium \
                    and compares_honorarium(calculation):
                findings += (not_claimed_finding(claim, calculation, table, "honorarium"),)
                calculation = not_claimed(calculation, "honorarium")
            else:
                findings += honorarium_findings(claim, calculation, table)
        if claim.travel_claimed is not None and claim.travel_claimed != calculation.travel:
            if not claim.travel_claimed and calculation.travel \
                    and calculation.travel_parts is not None:
                findings += (not_claimed_finding(claim, calculation, table, "travel"),)
                calculation = not_claimed(calculation, "travel")
            else:
                findings += travel_findings(claim, calculation, table,
                                            self._memos.travel_verdict(claim, priced, calculation))
        submitted = claim.submitted
        # most claims are submitted in time: ask `date_findings` only when one is not
        if submitted is not None and (submitted < meeting.date or (
                priced.last_day is not None and submitted > priced.last_day)):
            findings += date_findings(claim, table, priced.last_day)
        return calculation, findings

    def _across_rows(self, claim: Claim, table: RateTable | None, calculation: Calculation,
                     findings: tuple[Finding, ...]) -> ClaimResult:
        """The checks that look at other rows (and the ledger), in their order: who the
        claim is from, a repeat or a payment before (which may void it), the day's cap on
        lost income; then the claim's parts paid, and its group meeting seen."""
        duplicates, paid_parts = self.duplicates, self.duplicates.paid
        paid_before = self._paid.paid_before if self._paid is not None else None
        # a check whose finding may void payment goes here, before the voiding
        person, also, ambiguous = self.identities(claim.representative, claim.representative_id)
        ledger_parts = 0  # the parts the ledger paid this row's meeting
        if ambiguous is None:
            tentative = parts_paid(calculation)
            found = duplicates.see(claim, table, person, also, tentative)
            if paid_before is not None:
                paid = paid_before(claim)
                if paid is not None:
                    ledger_finding = paid_finding(claim, paid, table)
                    if ledger_finding.code == "supplement":
                        # one supplement finding: the batch that paid the fee
                        found = tuple(f for f in found if f.code != "supplement")
                    if paid.relation != POSSIBLE:
                        ledger_parts = paid.parts
                    found += (ledger_finding,)
        else:
            found = (ambiguous_finding(claim, ambiguous, table),)
        if found:
            calculation, findings = settle(calculation, findings + found,
                                           claim.meeting.trip is not None)
        if calculation.lost_income and table is not None \
                and table.lost_income.cap_per_day is not None:
            calculation, found = self.daily_lost_income.see(claim, calculation, table,
                                                             person, also)
            findings += found
        if ambiguous is None and (found or calculation.lost_income):
            # voided, undecided or capped; a meeting paid in the ledger stays paid, so
            # a later row of it that adds parts not paid is a supplement, not a repeat
            paid_parts(parts_paid(calculation) | ledger_parts)
        return ClaimResult(claim.row, claim, None, table, calculation, findings,
                           self.groups.see(claim, table, person, pays(calculation)))

    @property
    def file_totals(self) -> list[FileTotal]:
        """The file's own total rows, each held against the claims above it."""
        return self.totals.found

    def version_findings(self) -> list[tuple[Finding, RateTable, int]]:
        """Findings about a version of a table rather than a row (the table may be outdated),
        once per scheme and version, with the rows they concern; by scheme and version."""
        if not self._done:
            raise RuntimeError("version findings are known only after every row is taken")
        return self._memos.version_findings()

    def late_findings(self) -> Iterator[Finding]:
        """Findings known only after the last row (group meetings), in row order."""
        if not self._done:
            raise RuntimeError("late findings are known only after every row is taken")
        return self.groups.findings()

def audit(rows: Iterable[Claim | InvalidRow], tables: Tables, expected_rows: int = 0,
          paid: PaidClaims | None = None, today: dt.date | None = None) -> Audit:
    """Audit `rows` (from `honorar.claims.read_claims`) against `tables`, and, given
    `paid`, against the claims paid before (a ledger). A claim for a meeting after `today`
    (the day of the run, given by the caller: the checks read no clock) is
    `meeting_in_future`; without `today` no such check is made."""
    return Audit(rows, tables, expected_rows, paid, today)
