"""`honorar budget` for people: the meetings and what they cost, then what the budget assumes."""

from __future__ import annotations

from rich import box
from rich.table import Table

from ... import i18n
from ...budget.estimate import Budget, BudgetFinding, sum_or_none
from ...i18n import locale
from .. import messages
from ..terminal import Console, escape
from ..wrap import Wrapped
from .text import meeting_name, note_text, plan_name, plan_source, reminder_text

HEADINGS = i18n.Words("budget.table")


def print_budget(result: Budget, lang: str, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=False)
    words = HEADINGS[lang]
    reps = locale.number(result.reps, lang)
    title = i18n.text("budget.table.title", lang, {"scheme": result.scheme, "reps": reps},
                      count=result.reps)
    console.print("[bold]" + escape(title)
                  + "[/bold]")
    labels = [f"{result.scheme}@{v}" for v in result.versions]
    heading = words["versions"] if len(labels) > 1 else words["version"]
    console.print(f"[bold]{heading}:[/bold] {escape(', '.join(labels) or words['none'])}")
    name = plan_name(result.plan, lang)
    if name:
        console.print(f"[bold]{words['plan']}:[/bold] {escape(name)}")
    console.print(_meetings(result, lang))
    _notes(console, words["assumptions"],
           [(note_text(n, lang), messages.source_text(n.source, lang))
            for n in result.assumptions])
    _notes(console, words["reminders"],
           [(reminder_text(r, lang),
             messages.source_text(plan_source(result.plan, r.quote), lang))
            for r in result.plan.reminders])
    _sources(console, result, lang)
    _findings(console, result.findings, lang)


def _meetings(result: Budget, lang: str) -> Table:
    """One row a meeting; its hours, attendance, date and table on a dim line under its name,
    so that the amounts keep their columns even in an 80-column terminal."""
    words = HEADINGS[lang]
    lines = result.lines
    with_dates = any(line.meeting.date is not None for line in lines)
    with_versions = len(result.versions) > 1
    with_lost_income = bool(result.lost_income)
    money = _money(lang)
    table = Table(show_footer=True, expand=False, box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    table.add_column("#", justify="right")
    table.add_column(words["meeting"], footer=words["total"], overflow="fold")
    table.add_column(words["honorarium"], justify="right", no_wrap=True,
                     footer=money(sum_or_none(line.calculation.honorarium for line in lines)))
    if with_lost_income:
        table.add_column(words["lost_income"], justify="right", no_wrap=True,
                         footer=money(sum_or_none(line.calculation.lost_income for line in lines)))
    with_travel = result.has_travel
    if with_travel:
        table.add_column(words["travel"], justify="right", no_wrap=True,
                         footer=money(sum_or_none(line.travel for line in lines)))
    table.add_column(words["all"].format(reps=locale.number(result.reps, lang)), justify="right",
                     no_wrap=True, footer=money(result.total))
    for line in lines:
        calc = line.calculation
        details = [f"{locale.number(line.meeting.hours, lang)} {words['hours_unit']}",
                   words[line.attendance]]
        if with_dates:
            details.append(locale.date(line.date, lang))
        if with_versions:
            details.append(f"{result.scheme}@{calc.version}" if calc.version else words["none"])
        meeting = Wrapped(f"{escape(meeting_name(line.meeting, lang))}\n"
                          f"[dim]{escape(', '.join(details))}[/dim]", markup=True)
        row = [str(line.meeting.number), meeting, money(calc.honorarium)]
        if with_lost_income:
            row.append(money(calc.lost_income))
        if with_travel:
            row.append(money(line.travel))
        row.append(money(line.total_all))
        table.add_row(*row)
    return table


def _money(lang: str):
    return lambda value: locale.money(value, lang)


def _notes(console: Console, heading: str, notes: list[tuple[str, str]]) -> None:
    if not notes:
        return
    console.print(f"[bold]{heading}:[/bold]")
    grid = Table.grid(padding=(0, 1))  # a grid keeps a wrapped line under its own text
    grid.add_column(justify="right")
    grid.add_column()
    for text, source in notes:
        grid.add_row(" -", Wrapped(text))
        if source:
            grid.add_row("", Wrapped(source, style="dim"))
    console.print(grid)


def _sources(console: Console, result: Budget, lang: str) -> None:
    """Each quote the plan's meetings rest on, once, with the numbers of its meetings."""
    by_quote: dict[str, list[int]] = {}
    for meeting in result.plan.meetings:
        if meeting.quote:
            by_quote.setdefault(meeting.quote, []).append(meeting.number)
    if not by_quote:
        return
    console.print(f"[bold]{HEADINGS[lang]['sources']}:[/bold]")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for quote, numbers in by_quote.items():
        cited = messages.source_text(plan_source(result.plan, quote), lang)
        grid.add_row(f" {', '.join(map(str, numbers))}:", Wrapped(cited))
    console.print(grid)


def _findings(console: Console, findings: tuple[BudgetFinding, ...], lang: str) -> None:
    """Findings with the same message are shown once, with every meeting they concern."""
    if not findings:
        return
    words = HEADINGS[lang]
    grouped: dict[tuple[str, str, str], list[int]] = {}
    for item in findings:
        f = item.finding
        key = (str(f.severity), f.code, messages.finding_text(f, lang))
        grouped.setdefault(key, [])
        if item.meeting is not None:
            grouped[key].append(item.meeting)
    console.print(f"[bold]{words['findings']}:[/bold]")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for (severity, code, text), numbers in grouped.items():
        colour = "red" if severity == "error" else "yellow"
        where = f" ({words['meetings_word']} {', '.join(map(str, numbers))})" if numbers else ""
        grid.add_row(f" [{colour}]{words[severity]}[/{colour}]", Wrapped(f"{code}{where}: {text}"))
    console.print(grid)
