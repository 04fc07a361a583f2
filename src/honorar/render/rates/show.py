"""`honorar rates list` and `rates show` for people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from ... import i18n
from ...i18n import locale
from ...rules.calculation import outdated_rates
from ...tables.catalogue import Versions
from ...tables.diff import tier_bounds
from ...tables.schema import (
    Cited,
    FlatRule,
    GiftOnlyRule,
    HourlyRule,
    PriceRule,
    RateTable,
    TieredRule,
    local,
)
from ...tables.yamldoc import Problem
from .. import messages
from ..terminal import Console, escape
from ..wrap import fit_columns
from .figures import figure_words
from .words import TIERS, console_for, quantity, row, value_text, word

# -------------------------------------------------------------------------------- list


def print_list(schemes: Sequence[tuple[str, Versions | None]], dirs: Sequence[Path],
               today: dt.date, lang: str, console: Console | None = None) -> None:
    """Every scheme and its versions; `None` for a scheme whose tables cannot be read."""
    console = console_for(console)
    console.print(f"[bold]{word('search_path', lang)}:[/bold]")
    for number, directory in enumerate(dirs, 1):
        console.print(f"  {number}. {directory}", markup=False)
    if not schemes:
        console.print(word("no_schemes", lang))
        return
    grid = Table(show_lines=False)
    for heading in ("scheme", "version", "file", "note"):
        grid.add_column(word(heading, lang), overflow="fold")
    for scheme, versions in schemes:
        if versions is None:
            row(grid, scheme, "", "", word("broken", lang))
            continue
        files, current = versions.files, versions.file_at(today)
        for i, f in enumerate(files):
            notes = [word("in_force", lang)] if f is current else []
            notes += [word("shadows", lang, file=str(p)) for p in f.shadows]
            row(grid, scheme if i == 0 else "", f.table.version, str(f.path), "; ".join(notes),
                end_section=i == len(files) - 1)
    fit_columns(grid, console.width)
    console.print(grid)


def print_problems(problems: Sequence[Problem], lang: str = "nb",
                   console: Console | None = None) -> None:
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    from ... import i18n

    for problem in problems:
        console.print(f"honorar: {i18n.text('severity.error', lang)}: "
                      f"{messages.problem_line(problem, lang)}", markup=False)


# -------------------------------------------------------------------------------- show


class _Notes:
    """Assumptions and reasons, numbered in the order the table shows them."""

    def __init__(self, table=None) -> None:
        self.entries: list[tuple[str, Cited]] = []
        self.bounds = tier_bounds(table) if table is not None else {}

    def cite(self, where: str, cited: Cited | None, lang: str) -> str:
        if cited is None:
            return ""
        parts = [f"«{cited.quote}»"] if cited.quote else []
        if cited.assumption or cited.reason:
            self.entries.append((where, cited))
            label = f"{word('see_note', lang)} " if cited.assumption else ""
            parts.append(f"[{label}{len(self.entries)}]")
        return " ".join(parts)


def print_travel_table(table, path: Path | None, lang: str,
                       console: Console | None = None) -> None:
    """A travel table: every figure with its source, the pages, then the assumptions."""
    from ...tables.diff import flatten

    console = console_for(console)
    notes = _Notes()
    _print_about(table, path, lang, console)
    figures = Table(title=word("travel_rates", lang), title_justify="left")
    for heading in ("item", "rule", "source"):
        figures.add_column(word(heading, lang), overflow="fold")
    cited = dict(table.cited_items())
    dates = {}  # the dates the table's rates last, each with its page or assumption
    for key in ("review_after", "valid_until"):
        dated = getattr(table, key, None)
        if dated is not None:
            cited[(key,)] = dated
            dates[key] = locale.date(dated.date, lang)
    vehicles = messages.VEHICLE_LABELS[lang]
    for entry in flatten(table).values():
        if entry.source is None:
            continue
        key = tuple(entry.path.split("."))
        held = cited.get(key) or cited.get(key[:-1])
        where = f"{entry.source.document}: " if held is not None and held.quote else ""
        if entry.path in dates:
            shown = dates[entry.path]
        elif key[-1] == "vehicles":
            shown = ", ".join(vehicles.get(v, v) for v in str(entry.value).split(", "))
        else:
            shown = value_text(entry.path, entry.value, entry.unit, lang)
        row(figures, figure_words(entry.path, lang), shown,
            where + notes.cite(entry.path, held, lang))
    fit_columns(figures, console.width)
    console.print(figures)
    pages = Table(title=word("pages", lang), title_justify="left", show_header=False)
    pages.add_column(overflow="fold")
    pages.add_column(overflow="fold")
    for page in table.pages.values():
        row(pages, page.title, page.url)
    fit_columns(pages, console.width)
    console.print(pages)
    _print_notes(notes, lang, console)


def _print_about(table, path: Path | None, lang: str, console: Console) -> None:
    """A version's name, document, effective date and file: alike for fee and travel tables."""
    console.print(f"[bold]{table.label}[/bold] – {escape(local(table.name, lang) or '')}",
                  markup=True)
    doc = table.document
    title, short = local(doc.title, lang), local(doc.short, lang)
    about = [(word("effective", lang), locale.date(table.effective, lang)),
             (word("document", lang), f"{title} ({short}{', ' + doc.file if doc.file else ''})")]
    if doc.validity:
        about.append((word("validity", lang), local(doc.validity, lang)))
    if doc.note:
        about.append((word("note", lang), local(doc.note, lang)))
    if path is not None:
        about.append((word("file", lang), str(path)))
    for label, value in about:
        console.print(f"{label}: {value}", markup=False)


def _print_notes(notes: _Notes, lang: str, console: Console) -> None:
    """The assumptions the printed rows point to by number, with their reasons."""
    if notes.entries:
        console.print(f"[bold]{word('notes', lang)}[/bold]")
        for number, (where, cited) in enumerate(notes.entries, 1):
            console.print(f"  [{number}] {figure_words(where, lang, notes.bounds)}",
                          markup=False)
            if cited.assumption:
                console.print(f"      {word('assumption', lang)}: {local(cited.assumption, lang)}",
                              markup=False)
            if cited.reason:
                console.print(f"      {word('reason', lang)}: {local(cited.reason, lang)}",
                              markup=False)


def print_table(table: RateTable, path: Path | None, lang: str,
                console: Console | None = None, today: dt.date | None = None) -> None:
    """One version as a person reads it: the fees, the other rules, then the assumptions."""
    if not isinstance(table, RateTable):
        print_travel_table(table, path, lang, console)
        return
    console = console_for(console)
    notes = _Notes(table)
    _print_about(table, path, lang, console)

    fees = Table(title=word("fees", lang), title_justify="left")
    for heading in ("activity", "attendance", "rule", "source"):
        fees.add_column(word(heading, lang), overflow="fold")
    for activity, rules in table.activities.items():
        lines = []
        for attendance in ("physical", "remote", "any"):
            rule = getattr(rules, attendance)
            if rule is None:
                continue
            label = (word("any", lang) if attendance == "any"
                     else messages.ATTENDANCE_LABELS[lang][attendance])
            for i, (text, source) in enumerate(
                    _rule_lines(rule, f"activities.{activity}.{attendance}", notes, lang)):
                lines.append((label if i == 0 else "", text, source))
        if rules.at_least is not None:  # it comes before the rules: it chooses among them
            lines.insert(0, (word("any", lang), RULE_TEXT[lang]["at_least"].format(
                hours=quantity(rules.at_least.hours, "hours", lang),
                otherwise=_activity(rules.at_least.otherwise, lang)),
                notes.cite(f"activities.{activity}.at_least", rules.at_least, lang)))
        for i, (label, text, source) in enumerate(lines):
            row(fees, _activity(activity, lang) if i == 0 else "", label, text, source,
                end_section=i == len(lines) - 1)
    fit_columns(fees, console.width)
    console.print(fees)

    if table.not_payable:
        never = Table(title=word("not_payable", lang), title_justify="left", show_header=False)
        never.add_column(overflow="fold")
        never.add_column(overflow="fold")
        for activity, cited in table.not_payable.items():
            row(never, _activity(activity, lang), notes.cite(f"not_payable.{activity}", cited, lang))
        fit_columns(never, console.width)
        console.print(never)

    other = Table(title=word("other_rules", lang), title_justify="left", show_header=False)
    for _ in range(3):
        other.add_column(overflow="fold")
    rules = _other_rules(table, notes, lang)
    for i, (label, text, source) in enumerate(rules):
        row(other, label, text, source, end_section=i + 1 == len(rules) or bool(rules[i + 1][0]))
    fit_columns(other, console.width)
    console.print(other)

    finding = None if today is None else outdated_rates(table, today)
    if finding is not None:
        console.print(f"{word('warning', lang)}: {messages.finding_text(finding, lang)}",
                      markup=False, style="yellow")

    _print_notes(notes, lang, console)


def _activity(activity: str, lang: str) -> str:
    return messages.ACTIVITY_LABELS[lang].get(activity, activity)


RULE_TEXT = i18n.Words("rates.rule")


def _rule_lines(rule: PriceRule, where: str, notes: _Notes, lang: str) -> list[tuple[str, str]]:
    say = RULE_TEXT[lang]

    def kr(value):
        return quantity(value, "kr", lang)

    if isinstance(rule, FlatRule):
        return [(say["flat"].format(kr=kr(rule.amount.kr)), notes.cite(f"{where}.amount", rule.amount, lang))]
    if isinstance(rule, GiftOnlyRule):
        return [(say["gift_only"], notes.cite(where, rule, lang))]
    if isinstance(rule, HourlyRule):
        lines = [(say["hourly"].format(kr=kr(rule.rate.kr)), notes.cite(f"{where}.rate", rule.rate, lang))]
        if rule.rounding is not None:
            lines.append((say["rounding"].format(
                direction=messages.DIRECTION_LABELS[lang][rule.rounding.direction],
                step=quantity(rule.rounding.step_hours, "hours", lang)),
                notes.cite(f"{where}.rounding", rule.rounding, lang)))
        if rule.minimum is not None:
            lines.append((say["minimum"].format(hours=quantity(rule.minimum.hours, "hours", lang)),
                          notes.cite(f"{where}.minimum", rule.minimum, lang)))
        if rule.cap is not None:
            text = say["no_cap"] if rule.cap.kr is None else say["cap"].format(kr=kr(rule.cap.kr))
            lines.append((text, notes.cite(f"{where}.cap", rule.cap, lang)))
        return lines
    assert isinstance(rule, TieredRule)
    lines = []
    previous = None
    for i, tier in enumerate(rule.tiers):
        amount = kr(tier.amount.kr)
        source = notes.cite(f"{where}.tiers.{i}.amount", tier.amount, lang)
        if tier.up_to_hours is not None:
            text = say["up_to"].format(hours=quantity(tier.up_to_hours.hours, "hours", lang), kr=amount)
            if tier.up_to_hours.quote != tier.amount.quote or tier.up_to_hours.assumption:
                limit = notes.cite(f"{where}.tiers.{i}.up_to_hours", tier.up_to_hours, lang)
                source = "\n".join(s for s in (source, limit) if s)
            previous = tier.up_to_hours.hours
        elif previous is not None:
            text = say["over"].format(hours=quantity(previous, "hours", lang), kr=amount)
        else:
            text = say["whatever"].format(kr=amount)
        lines.append((text, source))
    if rule.without_duration is not None:
        lines.append((say["without_duration"].format(tier=TIERS[lang][rule.without_duration.tier]),
                      notes.cite(f"{where}.without_duration", rule.without_duration, lang)))
    return lines


OTHER_TEXT = i18n.Words("rates.other")


def _other_rules(table: RateTable, notes: _Notes, lang: str) -> list[tuple[str, str, str]]:
    say = OTHER_TEXT[lang]
    rows = []
    if table.attendance is not None:
        rows.append((word("attendance", lang), say["attendance"],
                     notes.cite("attendance", table.attendance, lang)))
    if table.agreement is not None:
        rows.append((word("agreement", lang),
                     say["required" if table.agreement.required else "not_required"],
                     notes.cite("agreement", table.agreement, lang)))
    lost = table.lost_income
    rows.append((word("lost_income", lang),
                 say["documented" if lost.documentation_required.value else "undocumented"],
                 notes.cite("lost_income.documentation_required", lost.documentation_required, lang)))
    rows.append(("", say["no_cap"] if lost.cap.kr is None
                 else say["cap"].format(kr=quantity(lost.cap.kr, "kr", lang)),
                 notes.cite("lost_income.cap", lost.cap, lang)))
    if table.gift is not None:
        activities = ", ".join(_activity(a, lang) for a in table.gift.activities)
        rows.append((word("gift", lang), say["gift"].format(
            activities=activities, kr=quantity(table.gift.cap.kr, "kr", lang)),
            notes.cite("gift.cap", table.gift.cap, lang)))
    if table.claim_age is not None:
        rows.append((word("claim_age", lang), say["claim_age"].format(
            months=quantity(table.claim_age.months, "months", lang)),
            notes.cite("claim_age", table.claim_age, lang)))
    if lost.cap_per_day is not None and lost.cap_per_day.value:
        rows.append(("", say["cap_per_day"], notes.cite("lost_income.cap_per_day",
                                                        lost.cap_per_day, lang)))
    if table.representatives is not None:
        minimum = table.representatives.minimum
        rows.append((word("representatives", lang), say[
            "representative" if minimum == 1 else "representatives"].format(minimum=minimum),
            notes.cite("representatives", table.representatives, lang)))
    rows.append((word("implausible", lang), say["implausible"].format(
        hours=quantity(table.implausible_hours, "hours", lang)),
        notes.cite("implausible_over", table.implausible_over, lang)))
    if table.review_after is not None:
        rows.append((word("review_after", lang), say["review_after"].format(
            date=locale.date(table.review_after.date, lang)),
            notes.cite("review_after", table.review_after, lang)))
    for code, severity in table.severities.items():
        rows.append((word("severities", lang), f"{code}: {word(str(severity), lang)}", ""))
    return rows
