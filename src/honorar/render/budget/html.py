"""`honorar budget --format html`: the budget as a page a project leader prints or passes on,
with what each meeting costs for all representatives (by part) and what each part costs in
all, beside the table's figures, assumptions, reminders, sources and findings."""

from __future__ import annotations

from ... import i18n
from ...budget.estimate import Budget, sum_or_none
from ...i18n import locale
from .. import messages
from ..html import Markup, Page, bars, columns, esc
from .table import HEADINGS
from .text import meeting_name, note_text, plan_name, plan_source, reminder_text
from .xlsx import WORDS

HTML_WORDS = i18n.Words("budget.html")


def budget_html(result: Budget, lang: str) -> str:
    h, w, x = HEADINGS[lang], HTML_WORDS[lang], WORDS[lang]
    title = (h["title_one"] if result.reps == 1 else h["title"]).format(
        scheme=result.scheme, reps=locale.number(result.reps, lang))
    page = Page(lang, w["report"], title, plan_name(result.plan, lang))
    page.facts([
        (x["scheme"], result.scheme), (x["reps"], result.reps),
        (h["versions"], ", ".join(f"{result.scheme}@{v}" for v in result.versions) or h["none"]),
        *(((h["plan"], plan_name(result.plan, lang)),) if plan_name(result.plan, lang) else ()),
        (x["date"], locale.date(result.date, lang)),
        (h["attendance"], h[str(result.attendance)]),
        (x["lost_income_per_meeting"], result.lost_income),
        (x["total_honorarium"], _amount(result.honorarium_total, lang)),
        (x["total_lost_income"], _amount(result.lost_income_total, lang)),
        *(((x["total_travel"], _amount(result.travel_total, lang)),) if result.trip else ()),
        (h["total"], _amount(result.total, lang))])
    _charts(page, result, lang)
    _meetings(page, result, lang)
    _notes(page, result, lang)
    return page.text()


def _amount(value, lang: str) -> str:
    return locale.money(value, lang) if value is not None else "–"


def _charts(page: Page, result: Budget, lang: str) -> None:
    w = HTML_WORDS[lang]
    priced = [line for line in result.lines if line.total_all is not None]
    if not priced:
        return
    names = [f"{line.meeting.number}. {meeting_name(line.meeting, lang)}" for line in priced]
    series = [(w["honorarium"], [float(line.honorarium_all or 0) for line in priced])]
    if result.lost_income:
        series.append((w["lost_income"], [float(line.lost_income_all or 0) for line in priced]))
    if result.trip is not None:
        series.append((w["travel"], [float(line.travel_all or 0) for line in priced]))
    page.heading(w["per_meeting"])
    page.chart(columns(names, series, lang, stacked=True),
               w["per_meeting_caption"].format(reps=locale.number(result.reps, lang)))
    parts = [(name, sum(values)) for name, values in series]
    page.heading(w["per_part"])
    page.chart(bars([name for name, _ in parts], [value for _, value in parts], lang),
               w["per_part_caption"])
    if len(priced) < len(result.lines):
        page.paragraph(w["unpriced"])


def _meetings(page: Page, result: Budget, lang: str) -> None:
    h, x = HEADINGS[lang], WORDS[lang]
    per, every = x["per_rep"], x["all"]
    travel = result.trip is not None
    versions = len(result.versions) > 1  # else the one table is said above
    # the meeting's activity, hours, attendance, date (and table) under its name, as the
    # table report has them: the amounts keep the page's width
    headers = ["#", h["meeting"], h["honorarium"], h["lost_income"],
               *((h["travel"],) if travel else ()), f"{h['total']} ({per})",
               f"{h['total']} ({every})"]
    rows = []
    for line in result.lines:
        calc = line.calculation
        details = [
            messages.ACTIVITY_LABELS[lang].get(line.meeting.activity, line.meeting.activity),
            f"{locale.number(line.meeting.hours, lang)} {h['hours_unit']}",
            h[str(line.attendance)], locale.date(line.date, lang),
            *((f"{result.scheme}@{calc.version}" if calc.version else h["none"],)
              if versions else ())]
        rows.append([
            line.meeting.number,
            Markup(f"{esc(meeting_name(line.meeting, lang))}<br>"
                   f'<span class="detail">{esc(", ".join(details))}</span>'),
            _amount(calc.honorarium, lang), _amount(calc.lost_income, lang),
            *((_amount(line.travel, lang),) if travel else ()), _amount(calc.total, lang),
            _amount(line.total_all, lang)])
    first = 2  # the first amount's column
    total = ["", h["total"],
             _amount(sum_or_none(line.calculation.honorarium for line in result.lines), lang),
             _amount(sum_or_none(line.calculation.lost_income for line in result.lines), lang),
             *((_amount(sum_or_none(line.travel for line in result.lines), lang),)
               if travel else ()), "", _amount(result.total, lang)]
    page.heading(x["sheets"][1])
    page.table(headers, rows, numeric=[0, *range(first, len(headers))], total=total)


def _notes(page: Page, result: Budget, lang: str) -> None:
    h = HEADINGS[lang]

    def cited(text: str, source) -> str:
        said = messages.source_text(source, lang)
        return f"{text} — {said}" if said else text

    if result.assumptions:
        page.heading(h["assumptions"])
        page.notes([cited(note_text(n, lang), n.source) for n in result.assumptions])
    if result.plan.reminders:
        page.heading(h["reminders"])
        page.notes([cited(reminder_text(r, lang), plan_source(result.plan, r.quote))
                    for r in result.plan.reminders])
    by_quote: dict[str, list[int]] = {}
    for meeting in result.plan.meetings:
        if meeting.quote:
            by_quote.setdefault(meeting.quote, []).append(meeting.number)
    if by_quote:
        page.heading(h["sources"])
        page.notes([f"{', '.join(map(str, numbers))}: "
                    f"{messages.source_text(plan_source(result.plan, quote), lang)}"
                    for quote, numbers in by_quote.items()])
    if result.findings:
        grouped: dict[tuple[str, str, str], list[int]] = {}
        for item in result.findings:
            f = item.finding
            key = (str(f.severity), f.code, messages.finding_text(f, lang))
            grouped.setdefault(key, [])
            if item.meeting is not None:
                grouped[key].append(item.meeting)
        page.heading(h["findings"])
        x = WORDS[lang]
        page.table([x["severity"], x["code"], x["message"]], [
            (h[severity], code, text + (f" ({h['meetings_word']} {', '.join(map(str, nums))})"
                                        if nums else ""))
            for (severity, code, text), nums in grouped.items()],
            shaded=[severity == "error" for severity, _, _ in grouped])
