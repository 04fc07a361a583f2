"""Checks of one claim on its own: amounts against the rules, and its dates.

Each is a pure function of a claim, the calculation of its meeting and the rate table
that decided it, and returns the findings (an empty tuple when all is well).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ...claims import Claim
from ...domain import DEFAULT_SEVERITY, Calculation, Finding
from ...tables.schema import RateTable

NONE: tuple[Finding, ...] = ()

# Where a finding of the engine points in a claims file.
COLUMN_OF_CODE = {
    "lost_income_undocumented": "lost_income_documented",
    "lost_income_over_cap": "lost_income",
    "gift_over_cap": "gift",
    "no_agreement": "agreement",
    "not_payable_activity": "activity",
    "activity_not_in_table": "activity",
    "duration_missing": "hours",
    "no_rate_table": "date",
    "travel_expenses_undocumented": "expenses_documented",
    "full_day_too_short": "hours",
    "implausible_duration": "hours",
    "meeting_in_future": "date",
}

# When one of these decided the fee (zero or undecided), it already explains why the claim
# differs from what is due; an over- or under-claim finding on top would say it twice.
EXPLAINS_HONORARIUM = frozenset({"no_agreement", "not_payable_activity", "activity_not_in_table",
                                 "no_rate_table"})


def severity(table: RateTable | None, code: str):
    return table.severity(code) if table is not None else DEFAULT_SEVERITY[code]


def located(claim: Claim, findings: Calculation | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings of a calculation (or the findings given), placed at the claim's row and
    column."""
    if isinstance(findings, Calculation):
        findings = findings.findings
    return tuple(Finding(f.code, f.severity, f.params, f.key, claim.row,
                         "scheme" if f.key == "unknown_scheme" else COLUMN_OF_CODE.get(f.code))
                 for f in findings)


def compares_honorarium(calculation: Calculation) -> bool:
    """Whether the claimed honorarium can be held against the calculated one."""
    return calculation.honorarium is not None and not any(
        f.code in EXPLAINS_HONORARIUM for f in calculation.findings)


def honorarium_findings(claim: Claim, calculation: Calculation,
                        table: RateTable | None) -> tuple[Finding, ...]:
    """Claimed honorarium above or below what the rules give."""
    due = calculation.honorarium
    claimed = claim.claimed_honorarium
    if due is None or claimed == due or not compares_honorarium(calculation):
        return NONE
    code = "honorarium_overclaimed" if claimed > due else "honorarium_underclaimed"
    return (Finding(code, severity(table, code), {"claimed_kr": claimed, "due_kr": due},
                    None, claim.row, "claimed_honorarium"),)


TRAVEL_PARTS = ("km", "passenger", "kost", "night", "expenses")


_ASK = object()


def travel_verdict(claim: Claim, calculation: Calculation) -> tuple[str, dict] | None:
    """Travel and stay claimed above or below what the travel rules give, as the code and
    values of its finding (None where they agree, or the rules leave travel undecided)."""
    due, parts = calculation.travel, calculation.travel_parts
    claimed = claim.travel_claimed
    if due is None or parts is None or claimed is None or claimed == due:
        return None
    code = "travel_overclaimed" if claimed > due else "travel_underclaimed"
    return code, {"claimed_kr": claimed, "due_kr": due,
                  "parts": {f"{p}_kr": getattr(parts, p) for p in TRAVEL_PARTS},
                  "explained": _why_travel_differs(claim, calculation, claimed - due)}


def travel_findings(claim: Claim, calculation: Calculation, table: RateTable | None,
                    verdict: object = _ASK) -> tuple[Finding, ...]:
    """Travel and stay claimed above or below what the travel rules give; the message
    gives the parts due and, where one thing explains the difference, names it. A caller
    that remembers verdicts gives `travel_verdict`'s for the claim and calculation."""
    if verdict is _ASK:
        verdict = travel_verdict(claim, calculation)
    if verdict is None:
        return NONE
    code, params = verdict  # type: ignore[misc]
    return (Finding(code, severity(table, code), params, None, claim.row, "travel_claimed"),)


def _why_travel_differs(claim: Claim, calculation: Calculation, difference):
    """What explains `difference` (claimed − due), as message parts (key, values), or None."""
    trip = claim.meeting.trip
    steps = calculation.steps
    if trip is None:
        return None
    if difference > 0:
        if trip.expenses and difference == trip.expenses and any(
                s.key == "travel_expenses_undocumented" for s in steps):
            return (("travel_why_expenses", {"amount_kr": difference}),)
        deducted = -sum((s.amount for s in steps if s.key == "kost_meal_deduction"
                         and s.amount is not None), Decimal(0))
        if deducted and difference == deducted:
            return (("travel_why_meals", {"amount_kr": difference}),)
        denied = next((s for s in steps if s.key in _NO_KOST), None)
        # a meal allowance not due explains a difference that is one of the meal rates
        if denied is not None and difference in denied.params.get("rates_kr", ()):
            return (("travel_why_kost", {"amount_kr": difference}), (denied.key, denied.params))
    parts = calculation.travel_parts
    if parts is not None:
        for part in TRAVEL_PARTS:
            if getattr(parts, part) == abs(difference):
                return (("travel_why_part", {"part": part, "amount_kr": abs(difference)}),)
    return None


# the steps that say why no meal allowance is due
_NO_KOST = ("kost_too_near", "kost_too_short", "kost_hours_missing")


def claim_age_limit(date: dt.date, months: int) -> dt.date:
    """The last day a claim may be submitted: calendar months after the meeting
    (2022-11-30 plus three months is 2023-02-28)."""
    try:
        return date + relativedelta(months=months)
    except (OverflowError, ValueError):  # past year 9999: no submission can be later
        return dt.date.max


def date_findings(claim: Claim, table: RateTable | None,
                  limit: dt.date | None = None) -> tuple[Finding, ...]:
    """Submitted before the meeting, or later than the table's claim-age limit (`limit`,
    the last day, where the caller knows it already)."""
    submitted = claim.submitted
    if submitted is None:
        return NONE
    date = claim.meeting.date
    if submitted < date:
        return (Finding("submitted_before_meeting", severity(table, "submitted_before_meeting"),
                        {"submitted_date": submitted, "date": date}, None, claim.row,
                        "submitted"),)
    rule = table.claim_age if table is not None else None
    if rule is not None:
        if limit is None:
            limit = claim_age_limit(date, rule.months)
        if submitted > limit:
            return (Finding("claim_too_old", table.severity("claim_too_old"),  # type: ignore[union-attr]
                            {"submitted_date": submitted, "limit_date": limit,
                             "months": rule.months, "date": date}, None, claim.row, "submitted"),)
    return NONE
