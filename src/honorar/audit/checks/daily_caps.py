"""A cap per representative per day: claims of one person on one date under one scheme
share it.

FOUSAM covers lost income up to kr 1 500, and its table declares the cap per day
(`lost_income.cap_per_day`): two FOUSAM claims of one person on one date share the
kr 1 500; lost income another scheme pays that day is not FOUSAM's to cap. In
file order, the first is paid as the rules give; a later one gets what is left, with
`lost_income_over_cap`. A person is known as every check knows one (`persons.person_key`:
the representative id, else the name). Audited against a ledger, what the person was paid
that day under the scheme in earlier batches is covered before the file's first claim of
the day.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from decimal import Decimal

from ...claims import Claim
from ...domain import ZERO, Calculation, Finding
from ...rules.calculation import lost_income_left_for_day
from ...tables.schema import RateTable
from .fingerprints import FingerprintMap
from .paid import PaidLostIncome
from .persons import PersonKeys
from .rows import NONE

_NO_ROW = 0  # rows are numbered from 1


class DailyLostIncome:
    """Feed claims in file order to `see`; it answers with the calculation each one is due
    under the daily cap, and the finding when the cap cuts it."""

    def __init__(self, paid_before: Callable[[Claim], PaidLostIncome | None] | None = None
                 ) -> None:
        # hash of (person, date, scheme) → its entry: the lost income covered so far that
        # day, and the first row of the file that day (0: none yet, what is covered was paid
        # before). A fingerprint map and arrays rather than a dict of tuples, which would
        # hold a quarter of a gigabyte for a million claims with lost income; the amounts
        # covered are mostly the calculations' own, shared by every claim of the same facts.
        self._entries = FingerprintMap()
        self._covered: list[Decimal] = []
        self._first_row = array("i")
        self._persons = PersonKeys()
        # what a person was paid that day before this file (a ledger), asked once a day
        self._paid_before = paid_before
        self._before: dict[int, PaidLostIncome] = {}

    def see(self, claim: Claim, calculation: Calculation, table: RateTable | None,
            person: str | None = None, also: str | None = None
            ) -> tuple[Calculation, tuple[Finding, ...]]:
        """`person` is the claim's person key, when known, and `also` a name key its
        person's earlier claims may be under (rows of the name without a number)."""
        got = calculation.lost_income
        if not got or table is None:
            return calculation, NONE
        rule = table.lost_income
        cap = rule.cap.kr
        if cap is None or rule.cap_per_day is None or not rule.cap_per_day.value:
            return calculation, NONE
        # a scheme's cap: what another scheme paid that day is none of its business
        key = hash((self._persons(claim) if person is None else person, claim.meeting.date,
                    claim.meeting.scheme))
        covered_of, first_rows = self._covered, self._first_row
        if also is not None and self._entries.get(key) < 0:
            # the person's claims that day so far were under the name, without the number
            under_name = self._entries.get(hash((also, claim.meeting.date,
                                                 claim.meeting.scheme)))
            if under_name >= 0:
                self._entries.setdefault(key, under_name)
        entry = self._entries.setdefault(key, len(first_rows))
        if entry == len(first_rows):  # the person's first claim with lost income that day
            before = self._paid_before(claim) if self._paid_before is not None else None
            if before is not None and before.kr:
                self._before[key] = before
                covered_of.append(before.kr)
            else:
                covered_of.append(ZERO)
            first_rows.append(_NO_ROW)
        covered, first_row = covered_of[entry], first_rows[entry] or None
        if first_row is None:
            first_rows[entry] = claim.row
        if covered + got <= cap:
            covered_of[entry] = covered + got if covered else got
            return calculation, NONE
        covered_of[entry] = max(cap, covered)
        capped = lost_income_left_for_day(calculation, table, claim.meeting.lost_income, covered)
        params: dict[str, object] = {"claimed_kr": claim.meeting.lost_income, "used_kr": covered,
                                     "cap_kr": cap, "paid_kr": capped.lost_income,
                                     "other_row": str(first_row)}
        message = "lost_income_over_day_cap"
        before = self._before.get(key)
        if before is not None:
            params.update(paid_before_kr=before.kr, batch=before.batch)
            message = "lost_income_over_day_cap_paid" if first_row is None \
                else "lost_income_over_day_cap_paid_and_row"
        finding = Finding("lost_income_over_cap", table.severity("lost_income_over_cap"),
                          params, message, claim.row, "lost_income")
        return capped, (finding,)
