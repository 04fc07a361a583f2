"""Findings that void payment: a claim that repeats one paid before is due nothing.

Any check may give a finding whose code is in `models.VOIDS_PAYMENT` (a duplicate in the
file, a claim already paid in an earlier batch); `void_payment` then makes the claim's
calculation due 0, so that every report and total built on the calculation agrees.
"""

from __future__ import annotations

from ..engine import voided
from ..models import VOIDS_PAYMENT, Calculation, Finding

# What the voiding finding explains: the honorarium and the travel are not held against
# the rules too.
_HONORARIUM_CODES = frozenset({"honorarium_overclaimed", "honorarium_underclaimed",
                               "travel_overclaimed", "travel_underclaimed"})


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
