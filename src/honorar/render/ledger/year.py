"""`honorar ledger report`: a year's payments as a table, JSON (SPEC §8), CSV or a workbook."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich import box
from rich.table import Table

from ... import i18n
from ...i18n import locale
from ...ledger.year import Limit, YearReport
from ...tables.schema import local
from .. import messages
from ..jsonout import amount
from ..terminal import Console, escape

HEADINGS = i18n.Words("ledger.year")


def _g_text(value: Decimal) -> str:
    return str(value) if value == value.to_integral_value() else amount(value)  # type: ignore[return-value]


def _limit_text(limit: Limit | None) -> str | None:
    if limit is None:
        return None
    if limit.times_g is not None:
        return f"{limit.times_g}G"
    return amount(limit.kr)


def report_json(report: YearReport, lang: str) -> dict[str, Any]:
    g, table = report.g, report.g_table
    rows = []
    for r in report.rows:
        row: dict[str, Any] = {"key": r.key, "claims": r.claims, "paid": amount(r.paid),
                               "travel": amount(r.travel), "income": amount(r.income),
                               "in_g": None if r.in_g is None else str(r.in_g),
                               "flagged": r.flagged, "tax_free": amount(r.tax_free),
                               "unsplit": amount(r.unsplit), "reportable": r.reportable}
        if report.by == "representative":
            row["representative_id"] = r.representative_id
        rows.append(row)
    return {
        "year": report.year, "by": report.by,
        "g": None if g is None else _g_text(g.kr),
        "g_effective": None if g is None else g.effective.isoformat(),
        "g_source": f"{local(table.document.short, lang)}: «{table.quote}»",
        "assumption": {"text": local(table.year_rule.assumption, lang),
                       "reason": local(table.year_rule.reason, lang)},
        "flag_above": _limit_text(report.limit),
        "threshold": amount(report.threshold) if report.threshold is not None else None,
        "rows": rows, "claims": report.claims, "total": amount(report.total),
        "travel": amount(report.travel), "income": amount(report.income),
        "tax_free": amount(report.tax_free), "unsplit_travel": amount(report.unsplit),
        "unsplit_claims": report.unsplit_claims,
        "reporting_threshold": amount(report.reporting_threshold),
        "reporting_threshold_table": None if report.threshold_table is None
        else report.threshold_table.label,
    }


def _fraction(value: Decimal, lang: str) -> str:
    text = f"{value:.4f}"
    return text.replace(".", ",") if lang in locale.NORWEGIAN else text


def _key_text(key: str | None, by: str, lang: str) -> str:
    return HEADINGS[lang]["no_group"] if key is None and by == "group" else (key or "")


def about_lines(report: YearReport, lang: str) -> list[str]:
    """What the report rests on: the G used and its source, the assumption, the limit."""
    g, table = report.g, report.g_table
    lines = [messages.text("ledger_report_title", {
        "year": str(report.year), "claims": report.claims, "paid_kr": report.total}, lang)]
    if g is None:
        lines.append(messages.text("ledger_report_no_g", {"year": str(report.year)}, lang))
    else:
        lines.append(messages.text("ledger_report_g", {
            "g_kr": g.kr, "effective": g.effective, "source": local(table.document.short, lang),
            "quote": table.quote}, lang))
    lines.append(messages.text("assumption", {
        "assumption": local(table.year_rule.assumption, lang),
        "reason": local(table.year_rule.reason, lang)}, lang))
    if report.threshold is not None:
        flagged = sum(1 for r in report.rows if r.flagged)
        lines.append(messages.text("ledger_report_limit", {
            "limit": _limit_text(report.limit), "threshold_kr": report.threshold,
            "count": flagged}, lang))
    if table.note:
        lines.append(local(table.note, lang) or "")
    lines.append(i18n.text("year.income_rule", lang))
    if report.reporting_threshold is not None:
        assert report.threshold_table is not None
        source = report.threshold_table.source_of(report.threshold_table.reporting_threshold)
        lines.append(i18n.text("year.reportable_rule", lang, {
            "threshold": locale.money(report.reporting_threshold, lang),
            "source": f"{report.threshold_table.label}, {local(source.document, lang)}"}))
    if report.unsplit_claims:
        lines.append(i18n.counted("year.unsplit", report.unsplit_claims, lang, {
            "travel": locale.money(report.unsplit, lang)}))
    return lines


def print_report(report: YearReport, lang: str, console: Console) -> None:
    words = HEADINGS[lang]
    lines = about_lines(report, lang)
    console.print("[bold]" + escape(lines[0]) + "[/bold]")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(words[report.by], min_width=14)
    table.add_column(words["claims"], justify="right", no_wrap=True)
    table.add_column(words["paid"], justify="right", no_wrap=True)
    travel = bool(report.travel)
    if travel:  # shown only where travel was paid
        table.add_column(words["travel"], justify="right", no_wrap=True)
    table.add_column(i18n.text("year.col.income", lang), justify="right", no_wrap=True)
    table.add_column(words["in_g"], justify="right", no_wrap=True)
    if report.threshold is not None:
        table.add_column(words["flagged"], no_wrap=True)
    reportable = report.reporting_threshold is not None
    if reportable:
        table.add_column(i18n.text("year.col.reportable_plain", lang), no_wrap=True)
    for r in report.rows:
        cells = [escape(_key_text(r.key, report.by, lang)), locale.number(r.claims, lang),
                 locale.money(r.paid, lang)]
        if travel:
            cells.append(locale.money(r.travel, lang))
        cells.append(locale.money(r.income, lang))
        cells.append("–" if r.in_g is None else _fraction(r.in_g, lang))
        if report.threshold is not None:
            cells.append(words["yes"] if r.flagged else "")
        if reportable:
            cells.append(_reportable(r.reportable, lang))
        table.add_row(*cells, style="bold" if r.flagged else None)
    table.add_section()
    total = [words["total"], locale.number(report.claims, lang), locale.money(report.total, lang)]
    if travel:
        total.append(locale.money(report.travel, lang))
    total.append(locale.money(report.income, lang))
    total.append("")
    if report.threshold is not None:
        total.append("")
    if reportable:
        total.append("")
    table.add_row(*total)
    console.print(table)
    for line in lines[1:]:
        console.print(escape(line))


CSV_HEADER = ("key", "claims", "paid", "travel", "income", "in_g", "flagged", "tax_free",
              "unsplit", "reportable")


def _reportable(value: bool | None, lang: str) -> str:
    return "" if value is None else i18n.text("year.yes" if value else "year.no", lang)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def report_csv(report: YearReport) -> str:
    """One row per key, comma-separated with a decimal point, Excel-safe text cells."""
    from ..audit.csv import LINE_END, csv_cell

    header = CSV_HEADER + (("representative_id",) if report.by == "representative" else ())
    lines = [",".join(header)]
    for r in report.rows:
        cells = [csv_cell(r.key or ""), str(r.claims), amount(r.paid) or "",
                 amount(r.travel) or "", amount(r.income) or "",
                 "" if r.in_g is None else str(r.in_g), "yes" if r.flagged else "no",
                 amount(r.tax_free) or "", amount(r.unsplit) or "", _yes_no(r.reportable)]
        if report.by == "representative":
            cells.append(csv_cell(r.representative_id or ""))
        lines.append(",".join(cells))
    return LINE_END.join(lines) + LINE_END


def write_report_xlsx(output, report: YearReport, lang: str) -> None:
    from ..xlsx import ERROR_FILL, Workbook

    words = HEADINGS[lang]
    book = Workbook(output, lang, "honorar: " + words["sheet"].format(year=report.year))
    for shaded in (False, True):  # a share of G, to four decimals
        fill = {"bg_color": ERROR_FILL} if shaded else {}
        book.formats[("g", shaded)] = book.book.add_format({"num_format": "0.0000", **fill})
    # the columns of the CSV report, in its order (`CSV_HEADER`), in the report's language
    by_person = report.by == "representative"
    headers = [words[report.by], words["claims"], words["paid"], words["travel"],
               i18n.text("year.col.income", lang), words["in_g"], words["flagged"],
               i18n.text("year.col.tax_free", lang), i18n.text("year.col.unsplit", lang),
               i18n.text("year.col.reportable_plain", lang)]
    if by_person:
        headers.append(words["representative_id"])
    sheet = book.sheet(words["sheet"].format(year=report.year), headers)
    for r in report.rows:
        cells = [("text", _key_text(r.key, report.by, lang)), ("count", r.claims),
                 ("money", r.paid), ("money", r.travel), ("money", r.income), ("g", r.in_g),
                 ("text", words["yes"] if r.flagged else ""), ("money", r.tax_free),
                 ("money", r.unsplit),
                 ("text", _reportable(r.reportable, lang))]
        if by_person:
            cells.append(("text", r.representative_id or ""))
        sheet.write(cells, shaded=r.flagged)
    sheet.write([("label", words["total"]), ("count", report.claims), ("money", report.total),
                 ("money", report.travel), ("money", report.income), ("text", ""),
                 ("text", ""), ("money", report.tax_free), ("money", report.unsplit)])
    sheet.finish()
    about = book.sheet(words["about"])
    for line in about_lines(report, lang):
        about.write([("text", line)])
    about.finish()
    book.close()
