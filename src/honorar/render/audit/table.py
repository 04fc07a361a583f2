"""The audit for people: a summary to act on, then the findings claim by claim.

For a large file the list stops after `LISTED` claims with a line saying how many more
there are (the JSON and CSV reports have them all). Group meetings with too few
representatives are known only at the end and are about a meeting, not one claim, so they
get a section of their own, one line a meeting with its rows.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from rich.table import Table

from ... import i18n
from ...audit.results import ClaimResult
from ...audit.summary import Reading, Summary, readable_claimed
from ...domain import Finding
from ...i18n import locale
from ..terminal import Console, escape
from ..wrap import Wrapped
from .finding_words import SEVERITY_WORDS, FindingTexts

LISTED = 200  # claims with findings listed in full
LISTED_MEETINGS = 100
ROWS_PER_MEETING = 12

WORDS = i18n.Words("audit.table")

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


@dataclass(slots=True)
class _Listed:
    row: int
    claim_id: str
    representative: str
    claimed: Decimal | None
    due: Decimal | None
    findings: list[tuple[str, str, str]]  # severity, code, message


def summary_facts(s: Summary, travel: bool = False) -> list[tuple[str, int | Decimal]]:
    """The summary's figures as (key of WORDS, value): counts as int, amounts as Decimal.
    The table and the workbook reports show these; with `travel` (a file with travel
    columns), the travel in what is claimed and due."""
    facts: list[tuple[str, int | Decimal]] = [("rows", s.rows)]
    if s.invalid_rows:
        facts.append(("invalid", s.invalid_rows))
    facts += [("with_findings", s.claims_with_findings), ("claimed", s.claimed_total)]
    if travel:
        facts.append(("travel_claimed", s.travel_claimed))
    facts.append(("due", s.due_total))
    if travel:
        facts.append(("travel_due", s.travel_due))
    facts += [("overpaid", s.overpaid), ("underpaid", s.underpaid)]
    if s.undecided_claimed:
        facts.append(("undecided", s.undecided_claimed))
    if s.duplicate_claimed:
        facts.append(("duplicates", s.duplicate_claimed))
    return facts


def how_read(r: Reading, lang: str) -> str:
    """How the file was read: its encoding and delimiter, or its workbook and sheet; the
    header's line; the order of slashed dates. The table and the workbook reports say it."""
    w = WORDS[lang]
    if r.workbook is not None:
        read = w["read_workbook"].format(kind=r.workbook, sheet=r.sheet, line=r.header_line)
    else:
        delimiter = w["delimiters"].get(r.delimiter_name, r.delimiter_name)
        read = w["read"].format(encoding=r.encoding, delimiter=delimiter, line=r.header_line)
    if r.date_order:
        read += "; " + w[f"order_{r.date_order}"]
    return read


def reading_notes(r: Reading, lang: str, s: Summary | None = None) -> list[str]:
    """What the reading leaves out or takes as given, said once under how the file was
    read: claims known by their row numbers, the scheme of --scheme, no check of the
    claims' age (no submission date column, or claims without a date in it)."""
    w = WORDS[lang]
    notes = []
    if r.claim_ids_from_rows:
        notes.append(w["row_ids"])
    if r.scheme_given:
        notes.append(w["scheme_given"].format(scheme=r.scheme_given))
    if not r.claim_age_checked:
        notes.append(w["no_claim_age"])
    if s is not None and r.claim_age_checked and s.without_submitted:
        count = s.without_submitted
        notes.append(i18n.text("audit.table.unsubmitted", lang,
                               {"count": locale.number(count, lang)}, count=count))
    return [note[0].upper() + note[1:] + "." for note in notes]


def which_ledger(r: Reading, lang: str) -> str | None:
    """The ledger the file was audited against, and how many batches it holds (None
    without a ledger). The table and the workbook reports say it under how the file was
    read."""
    if r.ledger is None:
        return None
    w = WORDS[lang]
    count = r.ledger_batches or 0
    batches = w["batches"][0 if count == 1 else 1].format(count=locale.number(count, lang))
    return w["ledger"].format(ledger=r.ledger, batches=batches)


def late_meetings(late_findings: Iterator[Finding]
                  ) -> tuple[dict[tuple[str, str, dt.date], list], int]:
    """The late findings by meeting, the first LISTED_MEETINGS meetings each as [its first
    finding, its rows], and how many rows of further meetings are left out."""
    meetings: dict[tuple[str, str, dt.date], list] = {}
    extra_rows = 0
    for f in late_findings:
        # a meeting is its scheme, group and date: two schemes may name a group alike
        key = (str(f.params.get("scheme")), str(f.params.get("group")), f.params.get("date"))
        if key not in meetings:
            if len(meetings) >= LISTED_MEETINGS:
                extra_rows += 1
                continue
            meetings[key] = [f, []]
        meetings[key][1].append(f.row)
    return meetings, extra_rows


class TableReport:
    def __init__(self, console: Console, lang: str, reading: Reading) -> None:
        self.console = console
        self.lang = lang
        self.words = WORDS[lang]
        self.reading = reading
        self.texts = FindingTexts(lang, reading.columns)
        self.listed: list[_Listed] = []
        self.not_listed = 0

    def add(self, result: ClaimResult) -> None:
        if not result.findings:
            return
        if len(self.listed) >= LISTED:
            self.not_listed += 1
            return
        claim = result.claim
        if claim is not None:
            item = _Listed(result.row, claim.claim_id, claim.representative, claim.claimed_total,
                           result.calculation.total, [])  # type: ignore[union-attr]
        else:
            values = result.invalid.values  # type: ignore[union-attr]
            item = _Listed(result.row, values.get("claim_id", ""), values.get("representative", ""),
                           readable_claimed(result.invalid,  # type: ignore[arg-type]
                                            self.reading.travel)["total"], None, [])
        item.findings = [(f.severity, f.code, self.texts(f)) for f in result.findings]
        self.listed.append(item)

    def finish(self, summary: Summary, late_findings: Iterator[Finding]) -> None:
        meetings, extra_rows = late_meetings(late_findings)
        self._summary(summary)
        self._listed()
        self._meetings(meetings, extra_rows)

    # -- the parts

    def _summary(self, s: Summary) -> None:
        w, lang, r = self.words, self.lang, self.reading
        print_ = self.console.print
        print_(f"[bold]{escape(w['title'].format(file=r.file))}[/bold]")
        print_(escape(how_read(r, lang)))
        ledger = which_ledger(r, lang)
        if ledger is not None:
            print_(escape(ledger))
        for note in reading_notes(r, lang, s):
            print_(escape(note))
        if r.ignored_columns:
            print_(escape(f"{w['ignored']}: {', '.join(r.ignored_columns)}"))
        print_()
        facts = Table(show_header=False, box=None, pad_edge=False)
        facts.add_column(style="bold")
        facts.add_column(justify="right")
        for key, value in summary_facts(s, travel=r.travel):
            text = locale.money(value, lang) if isinstance(value, Decimal) \
                else locale.number(value, lang)
            facts.add_row(w[key], f"[red]{text}[/red]" if key == "invalid" else text)
        print_(facts)
        note = self.texts.unreadable_rows(s.invalid_rows)
        if note:
            print_(f"[red]{escape(note)}[/red]")
        self._file_totals(s)
        versions = ", ".join(
            f"{table.label} ({locale.number(rows, lang)} {w['row_word' if rows == 1 else 'rows_word']})"
            for table, rows in s.versions)
        print_(f"[bold]{w['versions']}:[/bold] {escape(versions) or '–'}")
        if s.version_findings:
            _print_findings(self.console, [
                (f.severity, f"{self.texts(f)} ({f.code})") for f, _, _ in s.version_findings],
                lang)
        print_()
        if not s.findings:
            print_(f"[green]{w['none']}[/green]")
            return
        codes = Table(title=None, box=None, pad_edge=False, show_header=True,
                      header_style="bold")
        codes.add_column(w["code"])
        codes.add_column(w["severity"])
        codes.add_column(w["count"], justify="right")
        for code, count in s.findings_in_order():
            severity = s.code_severity.get(code, "error")
            colour = _COLOURS[severity]
            codes.add_row(code, f"[{colour}]{SEVERITY_WORDS[lang][severity]}[/{colour}]",
                          locale.number(count, lang))
        print_(f"[bold]{w['by_code']}[/bold]")
        print_(codes)

    def _file_totals(self, s: Summary) -> None:
        """Each total row of the file: that it agrees with the claims, or how it differs."""
        for total in s.file_totals:
            if total.agrees:
                self.console.print(f"[green]{escape(self.texts.file_total_agrees(total))}[/green]")
            else:
                _print_findings(self.console, [(f.severity, f"{self.texts(f)} ({f.code})")
                                               for f in total.findings], self.lang)

    def _listed(self) -> None:
        if not self.listed:
            return
        w, lang, print_ = self.words, self.lang, self.console.print
        print_()
        print_(f"[bold]{w['per_claim']}[/bold]")
        for item in self.listed:
            claimed = locale.money(item.claimed, lang) if item.claimed is not None else "–"
            due = locale.money(item.due, lang) if item.due is not None else w["undecided_amount"]
            print_(Wrapped(f"[bold]{w['row']} {item.row}[/bold]  {escape(item.claim_id)}  "
                           f"{escape(item.representative)}  [dim]{w['amounts']}:[/dim] "
                           f"{claimed} → {due}", markup=True))
            _print_findings(self.console, [(severity, f"{message} ({code})")
                                           for severity, code, message in item.findings], lang)
        if self.not_listed:
            print_(escape(w["more"].format(count=locale.number(self.not_listed, lang))))

    def _meeting_text(self, finding: Finding, rows: list[int]) -> str:
        """A late finding of a meeting with its rows, the first ROWS_PER_MEETING of them."""
        shown = ", ".join(map(str, rows[:ROWS_PER_MEETING]))
        if len(rows) > ROWS_PER_MEETING:
            shown += " …"
        rows_word = self.words["row" if len(rows) == 1 else "rows_of"].lower()
        return f"{self.texts(finding)} ({rows_word} {shown})"

    def _meetings(self, meetings: dict, extra: int) -> None:
        if not meetings:
            return
        w, lang, print_ = self.words, self.lang, self.console.print
        print_()
        print_(f"[bold]{w['meetings']}[/bold]")
        lines = [(finding.severity, self._meeting_text(finding, rows))
                 for finding, rows in meetings.values()]
        _print_findings(self.console, lines, lang)
        if extra:
            print_(escape(i18n.text("audit.table.more_meetings", lang,
                                    {"count": locale.number(extra, lang)}, count=extra)))


def _print_findings(console: Console, lines: list[tuple[str, str]], lang: str) -> None:
    """Severity, then the message wrapped under itself (no trailing spaces, unlike a table)."""
    width = max(console.width - 12, 30)
    for severity, message in lines:
        colour = _COLOURS[severity]
        word = SEVERITY_WORDS[lang][severity]
        first, *rest = textwrap.wrap(message, width) or [""]
        console.print(f"  [{colour}]{word}[/{colour}]{' ' * (10 - len(word))}{escape(first)}")
        for line in rest:
            console.print(" " * 12 + escape(line))
