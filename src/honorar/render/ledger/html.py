"""`honorar ledger report --format html`: the year's payments as a page to print, with a
chart of each person's year against the limit (by representative) or of the money by month,
scheme or group."""

from __future__ import annotations

from ... import i18n
from ...ledger.year import YearReport
from ..html import Page, bars, columns
from .year import HEADINGS, _fraction, _key_text, _limit_text, about_lines

WORDS = i18n.Words("ledger.html")


def report_html(report: YearReport, lang: str, ledger: str | None = None) -> str:
    words, w = HEADINGS[lang], WORDS[lang]
    page = Page(lang, w["report"].format(year=report.year),
                w["title"].format(year=report.year), ledger)
    lines = about_lines(report, lang)
    page.paragraph(lines[0])
    _chart(page, report, lang)
    travel = bool(report.travel)
    headers = [words[report.by], words["claims"], words["paid"]]
    if travel:
        headers.append(words["travel"])
    headers.append(words["in_g"])
    if report.threshold is not None:
        headers.append(words["flagged"])
    rows = []
    for r in report.rows:
        row = [_key_text(r.key, report.by, lang), r.claims, r.paid]
        if travel:
            row.append(r.travel)
        row.append("–" if r.in_g is None else _fraction(r.in_g, lang))
        if report.threshold is not None:
            row.append(words["yes"] if r.flagged else "")
        rows.append(row)
    total = [words["total"], report.claims, report.total]
    if travel:
        total.append(report.travel)
    total.append("")
    if report.threshold is not None:
        total.append("")
    page.table(headers, rows, numeric=range(1, 3 + travel + 1),
               shaded=[r.flagged for r in report.rows], total=total)
    page.notes(lines[1:])
    return page.text()


def _chart(page: Page, report: YearReport, lang: str) -> None:
    w = WORDS[lang]
    rows = report.rows
    if not rows:
        return
    names = [_key_text(r.key, report.by, lang) for r in rows]
    if report.by == "representative" and report.g is not None:
        values = [float(r.in_g or 0) for r in rows]
        line = None
        if report.threshold is not None:
            line = float(report.threshold / report.g.kr)
        page.chart(bars(names, values, lang, unit="G", line=line,
                        line_label=w["limit"].format(limit=_limit_text(report.limit) or ""),
                        highlight=[r.flagged for r in rows]),
                   w["chart_g"].format(year=report.year))
        return
    by = w["by"][report.by]
    if report.by == "month":
        page.chart(columns(names, [(HEADINGS[lang]["paid"], [float(r.paid) for r in rows])],
                           lang), w["chart_kr"].format(year=report.year, by=by))
    else:
        page.chart(bars(names, [float(r.paid) for r in rows], lang,
                        highlight=[r.flagged for r in rows]),
                   w["chart_kr"].format(year=report.year, by=by))
    if report.by == "representative":
        page.paragraph(w["no_g"])

