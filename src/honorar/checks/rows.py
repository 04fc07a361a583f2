"""Checks of one claim on its own: amounts against the rules, and its dates.

Each is a pure function of a claim, the calculation of its meeting and the rate table
that decided it, and returns the findings (an empty tuple when all is well).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from ..claims import Claim
from ..models import DEFAULT_SEVERITY, Calculation, Finding, RateTable

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
}

# When one of these decided the fee (zero or undecided), it already explains why the claim
# differs from what is due; an over- or under-claim finding on top would say it twice.
EXPLAINS_HONORARIUM = frozenset({"no_agreement", "not_payable_activity", "activity_not_in_table",
                                 "no_rate_table"})


def severity(table: RateTable | None, code: str):
    return table.severity(code) if table is not None else DEFAULT_SEVERITY[code]


def located(claim: Claim, calculation: Calculation) -> tuple[Finding, ...]:
    """The calculation's findings, placed at the claim's row and column."""
    return tuple(Finding(f.code, f.severity, f.params, f.key, claim.row,
                         "scheme" if f.key == "unknown_scheme" else COLUMN_OF_CODE.get(f.code))
                 for f in calculation.findings)


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


_LIMITS: dict[tuple[dt.date, int], dt.date] = {}


def claim_age_limit(date: dt.date, months: int) -> dt.date:
    """The last day a claim may be submitted: calendar months after the meeting
    (2022-11-30 plus three months is 2023-02-28)."""
    limit = _LIMITS.get((date, months))
    if limit is None:
        if len(_LIMITS) > 10_000:
            _LIMITS.clear()
        try:
            limit = date + relativedelta(months=months)
        except (OverflowError, ValueError):  # past year 9999: no submission can be later
            limit = dt.date.max
        _LIMITS[(date, months)] = limit
    return limit


def date_findings(claim: Claim, table: RateTable | None) -> tuple[Finding, ...]:
    """Submitted before the meeting, or later than the table's claim-age limit."""
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
        limit = claim_age_limit(date, rule.months)
        if submitted > limit:
            return (Finding("claim_too_old", table.severity("claim_too_old"),  # type: ignore[union-attr]
                            {"submitted_date": submitted, "limit_date": limit,
                             "months": rule.months, "date": date}, None, claim.row, "submitted"),)
    return NONE
