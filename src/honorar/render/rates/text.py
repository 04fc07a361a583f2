"""`honorar rates check` and `rates diff` (with its cost impact) for people."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from ... import i18n
from ...audit.impact import Impact, Totals
from ...i18n import locale
from ...tables.diff import Change
from ...tables.lint import Checked
from .. import messages
from ..terminal import Console, escape
from ..wrap import Wrapped, narrowest
from . import impact_words
from .figures import change_words
from .words import (
    console_for,
    count,
    difference_text,
    percent_text,
    row,
    signed,
    source_line,
    value_text,
    word,
)

# ------------------------------------------------------------------------------- check


def print_check(results: Sequence[Checked], lang: str, console: Console | None = None) -> None:
    """Each problem and warning as `file:line:column: ...`, then a count per file."""
    console = console or Console(highlight=False, soft_wrap=True)
    for result in results:
        for problem in result.problems:
            console.print(messages.problem_line(problem, lang), markup=False)
        for notice in result.notices:
            console.print(f"{notice.where(result.file)}: {word('warning', lang)}: "
                          f"{messages.text(notice.key, notice.params, lang)}", markup=False)
        if result.table is not None and not result.problems:
            verdict = [word("valid", lang, label=result.table.label)]
        else:
            verdict = [word("not_valid", lang)]
        if result.problems:
            verdict.append(count(len(result.problems), "problem", lang))
        if result.notices:
            verdict.append(count(len(result.notices), "warning", lang))
        console.print(f"{result.file}: {', '.join(verdict)}", markup=False)


# -------------------------------------------------------------------------------- diff


def print_diff(old: str, new: str, changes: Sequence[Change], lang: str,
               console: Console | None = None) -> None:
    console = console_for(console)
    if not changes:
        console.print(word("no_differences", lang, old=old, new=new), markup=False)
        return
    title = word("diff_title", lang, old=old, new=new)
    grid = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    # a figure in words breaks between words only: its column keeps room for the longest
    # word; long values wrap first
    items = {id(c): change_words(c, lang) for c in changes}
    grid.add_column(word("item", lang), overflow="fold",
                    min_width=max(narrowest(text) for text in items.values()))
    grid.add_column(word("kind", lang))
    grid.add_column(word("old", lang), justify="right", overflow="fold", max_width=18)
    grid.add_column(word("new", lang), justify="right", overflow="fold", max_width=18)
    grid.add_column(word("difference", lang), justify="right", no_wrap=True)
    grid.add_column(word("percent", lang), justify="right", no_wrap=True)
    absent = word("absent", lang)

    def values(change: Change) -> tuple[str, str]:
        return (absent if change.kind == "added"
                else value_text(change.item, change.old, change.unit, lang),
                absent if change.kind == "removed"
                else value_text(change.item, change.new, change.unit, lang))

    cells = [(items[id(change)], word(change.kind, lang), *values(change),
              difference_text(change, lang), percent_text(change.percent, lang))
             for change in changes]
    for cell in cells:
        row(grid, *cell)
    # the table when every column gets the room it needs: the longest part of a path, short
    # values (amounts, kinds) whole, long texts a word; else one item after the other
    def room(text: str, whole: bool) -> int:
        return len(text) if whole and len(text) <= 18 else narrowest(text)

    need = len(grid.columns) + 1 + sum(  # the box's edges and separators, and each column
        2 + max(room(str(column.header), i > 0), *(room(cell[i], i > 0) for cell in cells))
        for i, column in enumerate(grid.columns))
    if need <= console.width:
        console.print(grid)
    else:  # too narrow for the table: each item on a line of its own, its change under it
        console.print(Wrapped(f"[i]{escape(title)}[/i]", markup=True))
        for change in changes:
            console.print(Wrapped(f"[bold]{escape(items[id(change)])}[/bold]", markup=True))
            old_value, new_value = values(change)
            said = [word(change.kind, lang) + ":", old_value, "→", new_value]
            shift = ", ".join(t for t in (difference_text(change, lang),
                                          percent_text(change.percent, lang)) if t)
            if shift:
                said.append(f"({shift})")
            console.print(Wrapped(Text("  " + " ".join(said))))
    console.print(count(len(changes), "change", lang), markup=False)
    moved = [c for c in changes if c.kind in ("changed", "source_changed") and c.source_changed]
    if moved:
        console.print(f"[bold]{word('source_changes', lang)}[/bold]")
        for change in moved:
            console.print(f"  {items[id(change)]}", markup=False)
            console.print(f"    {word('old', lang)}: {source_line(change.old_source, lang)}",
                          markup=False)
            console.print(f"    {word('new', lang)}: {source_line(change.new_source, lang)}",
                          markup=False)


# ------------------------------------------------------------------------------ impact


# a table of many columns without vertical lines, one space between columns: amounts fit
_COMPACT = {"box": box.SIMPLE_HEAD, "pad_edge": False, "collapse_padding": True}


def _money(value, lang: str) -> str:
    return locale.money(value, lang)


def print_impact(impact: Impact, claims_file: str, lang: str,
                 console: Console | None = None) -> None:
    console = console_for(console)
    console.print(impact_words.title(impact, claims_file, lang), style="bold", markup=False)
    console.print(impact_words.scope_line(impact, claims_file, lang), markup=False)
    console.print(impact_words.travel_line(impact, lang), markup=False)
    summary = Table(show_header=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    total = impact.total
    skipped = ", ".join(f"{scheme}: {count}" for scheme, count in impact.skipped.items())
    rows = [
        ("rows", str(impact.rows)),
        ("invalid", str(impact.invalid)),
        ("skipped", skipped or "0"),
        ("undecided", f"{impact.undecided_old} / {impact.undecided_new}"),
        ("repeated", str(impact.duplicates)),
        ("before_first", str(impact.before_first)),
        ("compared", str(total.claims)),
        ("claims_changed", str(total.changed)),
        ("due_old", _money(total.old, lang)),
        ("due_new", _money(total.new, lang)),
        ("difference", _difference(total, lang)),
    ]
    for key, value in rows:
        row(summary, word(key, lang), value)
    console.print(summary)

    if impact.top:
        top = Table(title=word("top", lang), title_justify="left", **_COMPACT)
        batches = any(change.batch is not None for change in impact.top)
        if batches:  # a ledger's claims: the batch each was paid in, and its row there
            top.add_column(_batch_word(lang), no_wrap=True)
        for heading, justify in (("row", "right"), ("claim_id", "left"),
                                 ("representative", "left"), ("date", "left"),
                                 ("old", "right"), ("new", "right"), ("difference", "right")):
            # a name wraps; numbers, dates and amounts keep their line
            top.add_column(word(heading, lang), justify=justify,  # type: ignore[arg-type]
                           no_wrap=heading != "representative")
        for change in impact.top:
            row(top, *((change.batch or "",) if batches else ()), str(change.row),
                change.claim_id, change.representative,
                locale.date(change.date, lang), _money(change.old, lang),
                _money(change.new, lang),
                signed(_money(change.difference, lang), change.difference))
        console.print(top)

    if impact.by is not None:
        by = Table(title=impact_words.by_heading(impact.by, lang), title_justify="left",
                   **_COMPACT)
        by.add_column(impact_words.by_column(impact.by, lang))
        for heading in ("claims", "old", "new", "difference"):
            by.add_column(word(heading, lang), justify="right", no_wrap=True)
        for key, totals in impact.breakdown:
            row(by, key or word("no_group", lang), str(totals.claims),
                       _money(totals.old, lang), _money(totals.new, lang),
                       _difference(totals, lang))
        console.print(by)


def _difference(totals: Totals, lang: str) -> str:
    text = signed(_money(totals.difference, lang), totals.difference)
    percent = percent_text(totals.percent, lang)
    return f"{text} ({percent})" if percent else text


def _batch_word(lang: str) -> str:
    return i18n.text("impact.batch", lang)
