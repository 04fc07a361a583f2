"""`honorar calc` for people: the amounts, then every step with its source."""

from __future__ import annotations

from rich.table import Table

from ... import i18n
from ...domain import Calculation
from ...i18n import locale
from .. import messages
from ..terminal import Console, escape
from ..wrap import Wrapped

HEADINGS = i18n.Words("calc.table")


def print_calculation(calc: Calculation, lang: str, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=False)
    words = HEADINGS[lang]
    version = f"{calc.scheme}@{calc.version}" if calc.version else f"{calc.scheme} ({words['none']})"
    console.print(f"[bold]{words['version']}:[/bold] {version}")

    amounts = Table(show_header=False, box=None, pad_edge=False)
    amounts.add_column(style="bold")
    amounts.add_column(justify="right")
    travelled = calc.travel is not None or any(
        s.key.startswith("travel_") for s in calc.steps)
    for part in ("honorarium", "lost_income", "gift", *(("travel",) if travelled else ()),
                 "total"):
        value = getattr(calc, part)
        amounts.add_row(words[part], words["undecided"] if value is None
                        else locale.money(value, lang))
    console.print(amounts)

    if calc.steps:
        steps = Table(show_lines=False, expand=False)
        steps.add_column("#", justify="right")
        steps.add_column(f"{words['step']} / [dim]{words['source']}[/dim]")
        steps.add_column(words["amount"], justify="right", no_wrap=True)
        for number, step in enumerate(calc.steps, 1):
            said = escape(messages.text(step.key, step.params, lang))
            source = messages.source_text(step.source, lang)
            if source:
                said += f"\n[dim]{escape(source)}[/dim]"
            steps.add_row(str(number), Wrapped(said, markup=True),
                          "" if step.amount is None else locale.money(step.amount, lang))
        console.print(steps)

    if calc.findings:
        console.print(f"[bold]{words['findings']}:[/bold]")
        grid = Table.grid(padding=(0, 1))  # a wrapped message stays under itself
        grid.add_column(no_wrap=True)
        grid.add_column()
        for finding in calc.findings:
            colour = "red" if finding.severity == "error" else "yellow"
            grid.add_row(f" [{colour}]{words[finding.severity]}[/{colour}]",
                         Wrapped(f"{finding.code}: {messages.finding_text(finding, lang)}"))
        console.print(grid)
