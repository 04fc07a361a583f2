"""Findings that void payment: a claim that repeats one paid before is due nothing.

Any check may give a finding whose code is in `models.VOIDS_PAYMENT` (a duplicate in the
file, a claim already paid in an earlier batch); `void_payment` then makes the claim's
calculation due 0, so that every report and total built on the calculation agrees.
"""

from __future__ import annotations

from ...domain import UNDECIDES_PAYMENT, VOIDS_PAYMENT, Calculation, Finding
from ...rules.calculation import undecided, voided

# What the voiding finding explains: the honorarium and the travel are not held against
# the rules too.
_HONORARIUM_CODES = frozenset({"honorarium_overclaimed", "honorarium_underclaimed",
                               "travel_overclaimed", "travel_underclaimed", "not_claimed"})


def void_payment(calculation: Calculation, findings: tuple[Finding, ...], trip: bool = False
                 ) -> tuple[Calculation, tuple[Finding, ...]]:
    """The calculation and findings of a claim, with nothing due when a finding voids
    payment; unchanged otherwise. `trip`: the claim's meeting has a trip, whose travel is
    then due 0 too (even where no travel table priced it)."""
    code = next((f.code for f in findings if f.code in VOIDS_PAYMENT), None)
    if code is None:
        return calculation, findings
    return voided(calculation, code, trip), tuple(f for f in findings
                                            if f.code not in _HONORARIUM_CODES)


def settle(calculation: Calculation, findings: tuple[Finding, ...], trip: bool = False
           ) -> tuple[Calculation, tuple[Finding, ...]]:
    """What the findings of the checks that look at other claims make of a claim: due 0
    when one voids payment (`void_payment`); undecided when one leaves it to a person
    (`models.UNDECIDES_PAYMENT`), its amounts then not held against the rules either; a
    supplement (its fee paid before) says so instead of that the fee is not claimed."""
    if any(f.code in VOIDS_PAYMENT for f in findings):
        return void_payment(calculation, findings, trip)
    code = next((f.code for f in findings if f.code in UNDECIDES_PAYMENT), None)
    if code is not None:
        return undecided(calculation, code), tuple(f for f in findings
                                                   if f.code not in _HONORARIUM_CODES)
    if any(f.code == "supplement" for f in findings):
        findings = tuple(f for f in findings
                         if f.code != "not_claimed" or f.column != "claimed_honorarium")
    return calculation, findings
