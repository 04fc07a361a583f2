"""`honorar rates diff --format xlsx`: the changes, and with --impact what they cost.

Sheets: the changes (item, change, old and new values, difference, % and sources), and with
--impact the cost summary, the claims that change most and the breakdown. Amounts are
numbers in kr, hours numbers, percentages percent cells; every text is stored as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ... import i18n
from ...audit.impact import Impact, Totals
from ...tables.diff import Change
from ..atomic import AtomicOutput
from ..xlsx import Workbook
from . import impact_words
from .figures import change_words
from .words import source_line, value_text, word

SHEETS = i18n.Words("rates.xlsx")


def write_diff(output: AtomicOutput, lang: str, old: str, new: str, changes: Sequence[Change],
               impact: Impact | None, claims_file: str | None) -> None:
    book = Workbook(output, lang, "honorar: " + word("diff_title", lang, old=old, new=new),
                    claims_file)
    s = SHEETS[lang]
    sheet = book.sheet(s["changes"], [word(k, lang) for k in ("item", "kind", "old", "new")]
                       + [word("difference", lang), word("percent", lang), s["unit"],
                          s["old_source"], s["new_source"]])
    for change in changes:
        sheet.write([("text", change_words(change, lang)), ("text", word(change.kind, lang)),
                     _value(change, change.old, "added", lang),
                     _value(change, change.new, "removed", lang),
                     (_kind(change.unit), change.difference),
                     ("percent", None if change.percent is None else change.percent / 100),
                     ("text", change.unit or ""),
                     ("text", source_line(change.old_source, lang) if change.kind != "added"
                      else ""),
                     ("text", source_line(change.new_source, lang) if change.kind != "removed"
                      else "")])
    sheet.finish()
    if impact is not None:
        _impact(book, impact, claims_file or "", lang, old, new)
    book.close()


def _kind(unit: str | None) -> str:
    return "money" if unit == "kr" else "hours" if unit == "hours" else "count"


def _value(change: Change, value: Any, absent_when: str, lang: str) -> tuple[str, Any]:
    """A number where the item is one (kr or hours), else the words the table report uses."""
    if change.kind == absent_when:
        return ("text", "")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return (_kind(change.unit), value)
    return ("text", value_text(change.item, value, change.unit, lang))


def _impact(book: Workbook, impact: Impact, claims_file: str, lang: str, old: str,
            new: str) -> None:
    summary = book.sheet(SHEETS[lang]["impact"])
    summary.write([("label", impact_words.title(impact, claims_file, lang))])
    summary.write([("text", f"{old} → {new}")])
    summary.write([("text", impact_words.scope_line(impact, claims_file, lang))])
    summary.write([("text", impact_words.travel_line(impact, lang))])
    summary.skip()
    s = SHEETS[lang]
    total = impact.total
    for key, value in (("rows", impact.rows), ("invalid", impact.invalid),
                       ("undecided", None), ("repeated", impact.duplicates),
                       ("before_first", impact.before_first),
                       ("compared", total.claims), ("claims_changed", total.changed)):
        if key == "undecided":
            summary.write([("label", word(key, lang)), ("count", impact.undecided_old),
                           ("count", impact.undecided_new)])
        else:
            summary.write([("label", word(key, lang)), ("count", value)])
    for scheme, count in impact.skipped.items():
        summary.write([("label", f"{word('skipped', lang)}: {scheme}"), ("count", count)])
    summary.write([("label", word("due_old", lang)), ("money", total.old)])
    summary.write([("label", word("due_new", lang)), ("money", total.new)])
    summary.write([("label", word("difference", lang)), ("money", total.difference),
                   ("percent", _share(total))])
    summary.finish()

    if impact.top:
        # a ledger's claims: the batch each was paid in, before its row there
        batches = any(change.batch is not None for change in impact.top)
        top = book.sheet(s["top"], [i18n.text("impact.batch", lang)] * batches + [
            word(k, lang) for k in ("row", "claim_id", "representative", "group", "date",
                                    "old", "new", "difference")])
        for change in impact.top:
            top.write([("text", change.batch or "")] * batches + [
                       ("count", change.row), ("text", change.claim_id),
                       ("text", change.representative), ("text", change.group or ""),
                       ("date", change.date), ("money", change.old), ("money", change.new),
                       ("money", change.difference)])
        top.finish()
    if impact.by is not None:
        column = impact_words.by_column(impact.by, lang)
        by = book.sheet(f"{s['by']} ({column.lower()})", [
            column, word("claims", lang), word("old", lang), word("new", lang),
            word("difference", lang), word("percent", lang)])
        for key, totals in impact.breakdown:
            by.write([("text", key or word("no_group", lang)), ("count", totals.claims),
                      ("money", totals.old), ("money", totals.new),
                      ("money", totals.difference), ("percent", _share(totals))])
        by.finish()


def _share(totals: Totals) -> Decimal | None:
    percent = totals.percent
    return None if percent is None else percent / 100
