"""`honorar budget --format json`: stable English keys, amounts as strings with two decimals.

{"scheme", "version" (of the first meeting), "versions" (all used), "reps", "date",
 "attendance", "lost_income_per_meeting", "plan", "meetings": [...], "totals", "total",
 "findings": [... with "meeting" where one meeting is meant], "assumptions", "reminders"}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...budget.estimate import Budget, BudgetFinding, BudgetLine
from .. import messages
from ..jsonout import amount, calculation, finding
from .text import meeting_name, note_text, plan_name, plan_source, reminder_text


def hours(value: Decimal) -> str:
    """'3', '2.5', '1.33': a duration as people write it, at most two decimals."""
    value = value.quantize(Decimal("0.01")) if value.as_tuple().exponent < -2 else value  # type: ignore[operator]
    return format(value.normalize(), "f")


def budget(result: Budget, lang: str) -> dict[str, Any]:
    plan = result.plan
    plan_cite = plan_source(plan, plan.quote)
    return {
        "scheme": result.scheme,
        "version": result.version,
        "versions": list(result.versions),
        "reps": result.reps,
        "date": result.date.isoformat(),
        "attendance": str(result.attendance),
        "lost_income_per_meeting": amount(result.lost_income),
        "plan": {"name": plan_name(plan, lang), "file": plan.file,
                 "source": messages.source_text(plan_cite, lang) or None},
        "meetings": [_line(line, result, lang) for line in result.lines],
        "totals": {"honorarium": amount(result.honorarium_total),
                   "lost_income": amount(result.lost_income_total),
                   **({"travel": amount(result.travel_total)} if result.has_travel else {}),
                   "total": amount(result.total)},
        "total": amount(result.total),
        "findings": [_finding(f, lang) for f in result.findings],
        "assumptions": [{"text": note_text(n, lang),
                         "source": messages.source_text(n.source, lang) or None}
                        for n in result.assumptions],
        "reminders": [{"text": reminder_text(r, lang),
                       "source": messages.source_text(plan_source(plan, r.quote), lang) or None}
                      for r in plan.reminders],
    }


def _line(line: BudgetLine, result: Budget, lang: str) -> dict[str, Any]:
    meeting, calc = line.meeting, line.calculation
    explained = calculation(calc, lang)
    travelled = result.has_travel
    return {
        "number": meeting.number,
        "name": meeting_name(meeting, lang),
        "activity": meeting.activity,
        "attendance": str(line.attendance),
        "hours": hours(meeting.hours),
        "date": line.date.isoformat(),
        "version": calc.version,
        "per_representative": {"honorarium": amount(calc.honorarium),
                               "lost_income": amount(calc.lost_income),
                               **({"travel": amount(line.travel)} if travelled else {}),
                               "total": amount(line.total)},
        "all_representatives": {"honorarium": amount(line.honorarium_all),
                                "lost_income": amount(line.lost_income_all),
                                **({"travel": amount(line.travel_all)} if travelled else {}),
                                "total": amount(line.total_all)},
        **({"travel_by_representative": [
            {"name": r.name, "travel": amount(t)}
            for r, t in zip(result.plan.representatives, line.travel_each, strict=True)]}
           if travelled and result.plan.representatives else {}),
        "source": messages.source_text(plan_source(result.plan, meeting.quote), lang) or None,
        "findings": [finding(f, lang) for f in line.findings],
        "steps": explained["steps"],
    }


def _finding(f: BudgetFinding, lang: str) -> dict[str, Any]:
    out = finding(f.finding, lang)
    if f.meeting is not None:
        out["meeting"] = f.meeting
    return out
