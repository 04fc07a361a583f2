"""What an audit gives for each row (`ClaimResult`, or `LightResult` for a claim checked in
its light form), what it prices a set of facts as (`PricedFacts`), the findings it makes
of a claim as a whole, and what it asks of the rate tables (`Tables`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..claims import Claim, InvalidRow
from ..claims.records import Facts, LightClaim
from ..domain import DEFAULT_SEVERITY, Calculation, Finding
from ..tables.schema import RateTable
from .checks.duplicates import (
    FEE,
    GIFT,
    LOST_INCOME,
    TRAVEL,
    claimed_parts,
    facts_identity,
    is_supplement,
    seconds_of,
)
from .checks.paid import PaidBefore, already_paid_finding, supplement_finding
from .checks.rows import (
    severity,
)


class Versions(Protocol):
    def at(self, date: dt.date) -> RateTable | None: ...


class Tables(Protocol):
    """Where the rate tables come from (a `honorar.tables.catalogue.Catalogue`)."""

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
    awaits_late: bool = False  # a group meeting still short: a finding may come at the end

    @property
    def claimed_total(self) -> Decimal | None:
        return self.claim.claimed_total if self.claim is not None else None

    @property
    def due_total(self) -> Decimal | None:
        return self.calculation.total if self.calculation is not None else None


class LightResult:
    """The verdict on a claim checked in its light form (`claims.LightClaim`): a claim
    with no finding of its own, whose due is its facts' calculation. It reads as a
    `ClaimResult`; its `claim` is made when first asked for. A report that has the
    cells of a `PricedFacts` already can write the row from `light` and `priced` alone."""

    __slots__ = ("_claim", "awaits_late", "light", "priced")

    invalid = None
    findings: tuple[Finding, ...] = ()

    def __init__(self, light: LightClaim, priced: PricedFacts, awaits_late: bool) -> None:
        self.light = light
        self.priced = priced
        self.awaits_late = awaits_late
        self._claim: Claim | None = None

    @property
    def row(self) -> int:
        return self.light.row

    @property
    def table(self) -> RateTable:
        return self.priced.table

    @property
    def calculation(self) -> Calculation:
        return self.priced.calculation

    @property
    def claim(self) -> Claim:
        if self._claim is None:
            self._claim = self.light.claim()
        return self._claim

    @property
    def claimed_total(self) -> Decimal:
        return self.claim.claimed_total

    @property
    def due_total(self) -> Decimal | None:
        return self.priced.calculation.total


class OutdatedRows:
    """A table that may be outdated on the dates of some meetings: its finding (said once
    per version, `Audit.version_findings`), and how many rows it concerns so far."""

    __slots__ = ("finding", "rows", "table")

    def __init__(self, finding: Finding, table: RateTable) -> None:
        self.finding = finding
        self.table = table
        self.rows = 0


class PricedFacts:
    """A set of facts priced under one table: what every light claim of those facts
    that passes the checks of its own row is due. `clean` says whether a claim of these
    facts can pass them at all: no finding of the calculation's, the fee claimed is the
    fee due, no daily cap on lost income to share.

    It is a value, known by its facts, its table and whether the table may be outdated on
    the claims' dates (that decides its calculation), so memos can be keyed by it."""

    __slots__ = ("_hash", "calculation", "claimed_parts", "clean", "duration", "facts",
                 "fee_claimed", "identity", "outdated", "paid_parts", "pays", "table")

    def __init__(self, facts: Facts, table: RateTable, calculation: Calculation,
                 outdated: OutdatedRows | None, clean: bool) -> None:
        self.facts = facts
        self.table = table
        self.calculation = calculation
        self.outdated = outdated
        self.clean = clean
        self._hash = hash((facts, table, outdated is None))
        # what the duplicate and group checks ask of each claim of these facts
        self.duration = seconds_of(facts.hours)
        self.identity = facts_identity(facts)
        self.fee_claimed = facts.claimed > 0
        self.claimed_parts = claimed_parts(facts.lost_income, facts.gift, False)
        self.paid_parts = parts_paid(calculation)
        self.pays = pays(calculation)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        return type(other) is PricedFacts and self.facts == other.facts \
            and self.table == other.table and (self.outdated is None) == (other.outdated is None)

    def __hash__(self) -> int:
        return self._hash


def parts_paid(calculation: Calculation) -> int:
    """The parts a claim is paid, as bits (`duplicates.FEE` …): what a supplement may not
    claim again."""
    return ((FEE if calculation.honorarium else 0)
            | (LOST_INCOME if calculation.lost_income else 0)
            | (GIFT if calculation.gift else 0) | (TRAVEL if calculation.travel else 0))


def pays(calculation: Calculation) -> bool:
    """Whether a claim is paid anything (decided, and above 0)."""
    return calculation.total is not None and calculation.total > 0


def not_claimed_finding(claim: Claim, calculation: Calculation, table: RateTable | None,
                        part: str) -> Finding:
    column = "claimed_honorarium" if part == "honorarium" else "travel_claimed"
    return Finding("not_claimed", severity(table, "not_claimed"),
                   {"rules_kr": getattr(calculation, part)}, f"not_claimed_{part}_finding",
                   claim.row, column)


def ambiguous_finding(claim: Claim | LightClaim, ids: tuple[str, str],
                      table: RateTable | None) -> Finding:
    return Finding("ambiguous_person", severity(table, "ambiguous_person"),
                   {"representative": claim.representative, "first_id": ids[0],
                    "second_id": ids[1]}, None, claim.row, "representative")


def paid_finding(claim: Claim, paid: PaidBefore, table: RateTable | None) -> Finding:
    """What a claim paid before in the ledger gets: `already_paid` (or
    `possible_duplicate`), or `supplement` where it claims only parts not paid."""
    if not paid.by_claim_id:  # the same meeting, or one it cannot be told apart from
        meeting = claim.meeting
        travel = claim.travel_claimed > 0 if claim.travel_claimed is not None \
            else meeting.trip is not None
        if is_supplement(claim.claimed_honorarium > 0,
                         claimed_parts(meeting.lost_income, meeting.gift, travel), paid.parts):
            return supplement_finding(claim, paid, table)
    return already_paid_finding(claim, paid, table)


def invalid_result(item: InvalidRow) -> ClaimResult:
    params = {"column": item.column, "why": item.why, "why_key": item.key,
              "why_params": dict(item.params)}
    key = None if item.column is not None else "invalid_row_no_column"
    finding = Finding("invalid_row", DEFAULT_SEVERITY["invalid_row"], params, key, item.row,
                      item.column)
    return ClaimResult(item.row, None, item, None, None, (finding,))
