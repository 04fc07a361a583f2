"""`honorar budget --format xlsx`: the budget as a workbook a project leader can pass on.

Sheets: the summary (scheme, representatives, table versions, totals), the meetings (per
meeting the fee for one representative and for all, amounts as numbers in kr), the
assumptions and reminders with their sources, and the findings.
"""

from __future__ import annotations

from ... import i18n
from ...budget.estimate import Budget
from .. import messages
from ..atomic import AtomicOutput
from ..xlsx import Workbook
from .table import HEADINGS
from .text import meeting_name, note_text, plan_name, plan_source, reminder_text

WORDS = i18n.Words("budget.xlsx")


def write_budget(output: AtomicOutput, result: Budget, lang: str) -> None:
    w, h = WORDS[lang], HEADINGS[lang]
    book = Workbook(output, lang, "honorar: " + (
        h["title_one"] if result.reps == 1 else h["title"]).format(
            scheme=result.scheme, reps=result.reps), plan_name(result.plan, lang))
    summary = book.sheet(w["sheets"][0])
    summary.write([("label", h["title"].format(scheme=result.scheme, reps=result.reps))])
    summary.skip()
    for label, cell in (
        (w["scheme"], ("text", result.scheme)),
        (w["reps"], ("count", result.reps)),
        (h["versions"], ("text", ", ".join(f"{result.scheme}@{v}" for v in result.versions)
                         or h["none"])),
        (h["plan"], ("text", plan_name(result.plan, lang) or "")),
        (w["date"], ("date", result.date)),
        (h["attendance"], ("text", h[str(result.attendance)])),
        (w["lost_income_per_meeting"], ("money", result.lost_income)),
        (w["total_honorarium"], ("money", result.honorarium_total)),
        (w["total_lost_income"], ("money", result.lost_income_total)),
        *(((w["total_travel"], ("money", result.travel_total)),) if result.has_travel else ()),
        (h["total"], ("money", result.total)),
    ):
        summary.write([("label", label), cell])
    summary.finish()

    per, every = w["per_rep"], w["all"]
    meetings = book.sheet(w["sheets"][1], [
        "#", h["meeting"], w["activity"], h["attendance"], h["hours"], h["date"], h["table"],
        f"{h['honorarium']}", f"{h['lost_income']}",
        *((h["travel"],) if result.has_travel else ()), f"{h['total']} ({per})",
        f"{h['total']} ({every})"])
    for line in result.lines:
        calc = line.calculation
        meetings.write([
            ("count", line.meeting.number), ("text", meeting_name(line.meeting, lang)),
            ("text", messages.ACTIVITY_LABELS[lang].get(line.meeting.activity,
                                                        line.meeting.activity)),
            ("text", h[str(line.attendance)]), ("hours", line.meeting.hours),
            ("date", line.date),
            ("text", f"{result.scheme}@{calc.version}" if calc.version else h["none"]),
            ("money", calc.honorarium), ("money", calc.lost_income),
            *((("money", line.travel),) if result.has_travel else ()), ("money", line.total),
            ("money", line.total_all)])
    meetings.finish()

    notes = book.sheet(w["sheets"][2], [w["kind"], w["text"], w["source"]])
    for note in result.assumptions:
        notes.write([("text", w["assumption"]), ("text", note_text(note, lang)),
                     ("text", messages.source_text(note.source, lang) or "")])
    for reminder in result.plan.reminders:
        notes.write([("text", w["reminder"]), ("text", reminder_text(reminder, lang)),
                     ("text", messages.source_text(plan_source(result.plan, reminder.quote),
                                                   lang) or "")])
    notes.finish()

    findings = book.sheet(w["sheets"][3], [h["meeting"], w["severity"], w["code"], w["message"]])
    for item in result.findings:
        f = item.finding
        findings.write([("count", item.meeting), ("text", h[str(f.severity)]), ("text", f.code),
                        ("text", messages.finding_text(f, lang))],
                       shaded=str(f.severity) == "error")
    findings.finish()
    book.close()
