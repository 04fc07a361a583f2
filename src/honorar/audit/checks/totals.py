"""A file's own total held against what its claims add up to.

A total row (`claims.TotalRow`: `Sum`, `Totalt` … with amounts) is what the file says its
claims come to. Each is compared, column by column, for every amount column it fills,
with the sum of what the readable claims above it claim in that column: a running total,
so that a closing `Sum` row is held against every claim of the file. Where they differ,
`file_total_mismatch` (a warning: the sheet's sum is wrong, or a row above it was changed
or could not be read, and a person should know which before paying). Rows that could not
be read are not in the sum; the finding says how many there were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ...claims import Claim, TotalRow
from ...claims.records import Facts
from ...domain import DEFAULT_SEVERITY, ZERO, Finding

AMOUNT_COLUMNS = ("claimed_honorarium", "lost_income", "gift", "travel_claimed")
# the message says how many rows above could not be read, when any could not
_MISMATCH_KEYS = {0: None, 1: "file_total_mismatch_one_unreadable"}
FACTS_COUNTED = 4_096  # sets of facts counted before they are summed


@dataclass(frozen=True, slots=True)
class FileTotal:
    """A total row, what it states, and what the claims above it add up to."""

    row: int
    label: str  # the word the file writes ('Sum', 'Totalt:')
    stated: Mapping[str, Decimal]  # amount column → the row's amount, for those it gives
    computed: Mapping[str, Decimal]  # the same columns summed over the claims above it
    claims: int  # readable claims above it
    unreadable: int  # rows above it that could not be read (their amounts are not summed)
    findings: tuple[Finding, ...]

    @property
    def agrees(self) -> bool:
        return not self.findings


class FileTotals:
    """Feed it every claim (`add`), unreadable row (`unreadable += 1`) and total row
    (`see`) in file order; `found` lists the totals with their comparisons."""

    __slots__ = ("by_facts", "claims", "found", "gift", "honorarium", "lost_income", "travel",
                 "unreadable")

    def __init__(self) -> None:
        self.honorarium = self.lost_income = self.gift = self.travel = ZERO
        self.claims = 0
        self.unreadable = 0
        self.found: list[FileTotal] = []
        # claims counted by their shared facts (`claims.Facts`, a value), summed when a
        # total row asks: facts → claims
        self.by_facts: dict[Facts, int] = {}

    def add(self, claim: Claim) -> None:
        meeting = claim.meeting
        self.honorarium += claim.claimed_honorarium
        self.lost_income += meeting.lost_income
        self.gift += meeting.gift
        if claim.travel_claimed is not None:
            self.travel += claim.travel_claimed
        self.claims += 1

    def count_facts(self, facts: Facts) -> None:
        """`add` for a claim without travel, by the facts it shares with other claims."""
        by_facts = self.by_facts
        counted = by_facts.get(facts)
        if counted is not None:
            by_facts[facts] = counted + 1
            return
        if len(by_facts) >= FACTS_COUNTED:
            self._sum_by_facts()
        by_facts[facts] = 1

    def _sum_by_facts(self) -> None:
        for facts, claims in self.by_facts.items():
            self.honorarium += facts.claimed * claims
            self.lost_income += facts.lost_income * claims
            self.gift += facts.gift * claims
            self.claims += claims
        self.by_facts.clear()

    def see(self, total: TotalRow) -> FileTotal:
        if self.by_facts:
            self._sum_by_facts()
        sums = {"claimed_honorarium": self.honorarium, "lost_income": self.lost_income,
                "gift": self.gift, "travel_claimed": self.travel}
        computed = {column: sums[column] for column in AMOUNT_COLUMNS if column in total.stated}
        findings = tuple(
            Finding("file_total_mismatch", DEFAULT_SEVERITY["file_total_mismatch"],
                    {"label": total.label, "column": column, "stated_kr": stated,
                     "computed_kr": computed[column], "claims": self.claims,
                     "unreadable": self.unreadable},
                    _MISMATCH_KEYS.get(self.unreadable, "file_total_mismatch_unreadable"),
                    total.row, column)
            for column, stated in total.stated.items() if stated != computed[column])
        found = FileTotal(total.row, total.label, dict(total.stated), computed, self.claims,
                          self.unreadable, findings)
        self.found.append(found)
        return found
