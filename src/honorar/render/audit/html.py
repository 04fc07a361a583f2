"""`honorar audit --format html`: the audit as a page to print beside the payment.

The table report's parts (how the file was read, the figures, the rate tables, the findings
by code, the claims with findings, the group meetings with too few representatives) with
the same figures and words, and two charts: what is claimed and due by month of the meeting,
and what is due by group. Like the table report it lists the first `LISTED` claims with
findings in full and says how many more there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ... import i18n
from ...audit.summary import Reading, Summary
from ...domain import ZERO, Finding
from ...i18n import locale
from ..atomic import AtomicOutput
from ..html import Page, bars, columns, esc
from .finding_words import SEVERITY_WORDS
from .table import TableReport, how_read, late_meetings, summary_facts

HTML_WORDS = i18n.Words("audit.html")
GROUPS_CHARTED = 20  # the groups due most; the rest together as one bar


class HtmlReport(TableReport):
    """Takes the claims as the table report does, and keeps what is claimed and due by
    month and by group for the charts."""

    def __init__(self, output: AtomicOutput, lang: str, reading: Reading) -> None:
        super().__init__(None, lang, reading)  # type: ignore[arg-type]
        self.output = output
        self.months: dict[str, list[Decimal]] = {}  # 'YYYY-MM' → [claimed, due]
        self.groups: dict[str, Decimal] = {}

    def add(self, result) -> None:
        super().add(result)
        if result.invalid is not None:
            return
        due = result.calculation.total
        if due is None:
            return
        claim = result.claim
        month = claim.meeting.date.strftime("%Y-%m")
        sums = self.months.get(month)
        if sums is None:
            sums = self.months[month] = [ZERO, ZERO]
        sums[0] += claim.claimed_total
        sums[1] += due
        group = claim.group or ""
        self.groups[group] = self.groups.get(group, ZERO) + due

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        meetings, extra_rows = late_meetings(late_findings)
        w, h, lang, r = self.words, HTML_WORDS[self.lang], self.lang, self.reading
        page = Page(lang, h["report"], w["title"].format(file=r.file), r.file)
        self._summary_html(page, summary)
        self._charts(page)
        self._listed_html(page)
        self._meetings_html(page, meetings, extra_rows)
        self.output.stream.write(page.text())

    def _summary_html(self, page: Page, s: Summary) -> None:
        w, lang, r = self.words, self.lang, self.reading
        page.paragraph(how_read(r, lang))
        if r.ignored_columns:
            page.paragraph(f"{w['ignored']}: {', '.join(r.ignored_columns)}")
        page.facts([(w[key], value) for key, value in summary_facts(s, travel=r.travel)])
        notes = []
        note = self.texts.unreadable_rows(s.invalid_rows)
        if note:
            notes.append(note)
        for total in s.file_totals:
            if total.agrees:
                notes.append(self.texts.file_total_agrees(total))
            else:
                notes += [f"{SEVERITY_WORDS[lang][f.severity]}: {self.texts(f)} ({f.code})"
                          for f in total.findings]
        page.notes(notes)
        page.heading(w["versions"])
        page.table([w["versions"], w["rows"]], [(t.label, rows) for t, rows in s.versions],
                   numeric=[1])
        page.notes([f"{SEVERITY_WORDS[lang][f.severity]}: {self.texts(f)} ({f.code})"
                    for f, _, _ in s.version_findings])
        page.heading(w["by_code"])
        if not s.findings:
            page.paragraph(w["none"])
            return
        codes = []
        for code, count in s.findings_in_order():
            codes.append((code, SEVERITY_WORDS[lang][s.code_severity.get(code, "error")], count))
        page.table([w["code"], w["severity"], w["count"]], codes, numeric=[2],
                   shaded=[s.code_severity.get(c, "error") == "error"
                           for c, _ in s.findings_in_order()])

    def _charts(self, page: Page) -> None:
        h, lang = HTML_WORDS[self.lang], self.lang
        if self.months:
            months = sorted(self.months)
            page.heading(h["by_month"])
            page.chart(columns(months, [
                (self.words["claimed"], [float(self.months[m][0]) for m in months]),
                (self.words["due"], [float(self.months[m][1]) for m in months])], lang),
                h["by_month_caption"])
        if self.groups:
            ranked = sorted(self.groups.items(), key=lambda item: (-item[1], item[0]))
            names = [g or h["no_group"] for g, _ in ranked[:GROUPS_CHARTED]]
            values = [float(v) for _, v in ranked[:GROUPS_CHARTED]]
            rest = ranked[GROUPS_CHARTED:]
            if rest:
                names.append(f"+ {len(rest)}")
                values.append(float(sum((v for _, v in rest), ZERO)))
            page.heading(h["by_group"])
            page.chart(bars(names, values, lang), h["by_group_caption"])

    def _listed_html(self, page: Page) -> None:
        if not self.listed:
            return
        w, h, lang = self.words, HTML_WORDS[self.lang], self.lang
        page.heading(w["per_claim"])
        rows = []
        for item in self.listed:
            claimed = locale.money(item.claimed, lang) if item.claimed is not None else "–"
            due = locale.money(item.due, lang) if item.due is not None else w["undecided_amount"]
            found = "".join(
                f'<div><span class="{severity}-word">{esc(SEVERITY_WORDS[lang][severity])}'
                f"</span> {esc(message)} ({esc(code)})</div>"
                for severity, code, message in item.findings)
            error = any(f[0] == "error" for f in item.findings)
            css = ' class="error"' if error else ""
            rows.append(f'<tr{css}><td class="n">{item.row}</td>'
                        f"<td>{esc(item.claim_id)}</td>"
                        f"<td>{esc(item.representative)}</td>"
                        f'<td class="n wrap">{esc(claimed)} → {esc(due)}</td><td>{found}</td></tr>')
        page.raw('<table class="fixed"><colgroup><col style="width:6%">'
                 '<col style="width:14%"><col style="width:18%"><col style="width:14%">'
                 "<col></colgroup><thead>"
                 f"<tr><th class=\"n\">{esc(w['row'])}</th>"
                 f"<th>{esc(w['claim'])}</th><th>{esc(w['representative'])}</th>"
                 f"<th class=\"n\">{esc(h['amounts'])}</th><th>{esc(w['finding'])}</th></tr>"
                 f"</thead><tbody>{''.join(rows)}</tbody></table>")
        if self.not_listed:
            page.paragraph(w["more"].format(count=locale.number(self.not_listed, lang)))

    def _meetings_html(self, page: Page, meetings: dict, extra: int) -> None:
        if not meetings:
            return
        w, lang = self.words, self.lang
        page.heading(w["meetings"])
        lines = []
        for finding, rows in meetings.values():
            lines.append(f"{SEVERITY_WORDS[lang][finding.severity]}: "
                         f"{self._meeting_text(finding, rows)}")
        page.notes(lines)
        if extra:
            page.paragraph(i18n.text("audit.table.more_meetings", lang,
                                     {"count": locale.number(extra, lang)}, count=extra))

