"""What every format of an impact says in words: its title, its scope in one line (which
claims, which year, how many left out and why), and whether travel is in the totals."""

from __future__ import annotations

from ... import i18n
from ...audit.impact import Impact
from ...i18n import locale
from .words import word


def title(impact: Impact, source: str, lang: str) -> str:
    if impact.year is not None:
        return i18n.text("impact.title_ledger", lang,
                         {"year": impact.year, "file": source, "scheme": impact.scheme})
    return word("impact_title", lang, file=source,
                scheme=impact.scheme)


def left_out(impact: Impact) -> dict[str, int]:
    """The claims not in the totals, by why (only those with some)."""
    reasons = {
        "invalid": impact.invalid,
        "other_schemes": sum(impact.skipped.values()),
        "no_rate_table": impact.before_first,
        "undecided": impact.undecided,
        "repeated": impact.duplicates,
        "without_facts": impact.without_facts,
    }
    return {why: n for why, n in reasons.items() if n}


def scope_line(impact: Impact, source: str, lang: str) -> str:
    """Which claims, which year, how many compared, and how many left out and why."""
    compared = impact.total.claims
    if impact.year is not None:
        paid = impact.rows + impact.without_facts + impact.skipped_without_facts
        said = i18n.counted("impact.scope_ledger", paid, lang, {
            "year": impact.year, "file": source, "rows": paid, "compared": compared})
    else:
        said = i18n.counted("impact.scope_file", impact.rows, lang, {
            "file": source, "rows": impact.rows, "compared": compared})
    reasons = left_out(impact)
    if not reasons:
        return said + i18n.text("impact.scope_none_left_out", lang)
    listed = ", ".join(i18n.counted(f"impact.left.{why}", n, lang) for why, n in reasons.items())
    return said + i18n.text("impact.scope_left_out", lang, {"reasons": listed})


def travel_line(impact: Impact, lang: str) -> str:
    """Whether the totals hold travel, and how much of them it is."""
    if impact.travel == "repriced":
        return i18n.text("impact.travel_repriced", lang, {
            "old": locale.money(impact.travel_old, lang),
            "new": locale.money(impact.travel_new, lang)})
    return i18n.text("impact.travel_unchanged", lang,
                     {"amount": locale.money(impact.travel_old, lang)})


def by_heading(by: str, lang: str) -> str:
    """The breakdown's title ('Per måned (møtedato)')."""
    if by in ("month", "activity"):
        return i18n.text(f"impact.by_{by}", lang)
    return word(f"by_{by}", lang)


def by_column(by: str, lang: str) -> str:
    """The breakdown's first column ('Måned')."""
    if by in ("month", "activity"):
        return i18n.text(f"impact.{by}", lang)
    return word(by, lang)
