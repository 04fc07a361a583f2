"""`honorar rates diff --format html`: the changes item by item, and with --impact what they
cost, as a page to print: the old and the new due side by side in a chart, in all and by
the breakdown's scheme, representative or group."""

from __future__ import annotations

from collections.abc import Sequence

from ... import i18n
from ...audit.impact import Impact, Totals
from ...i18n import locale
from ...tables.diff import Change
from ..html import NEW_COLOUR, OLD_COLOUR, Page, columns
from . import impact_words
from .figures import change_words
from .words import difference_text, percent_text, signed, source_line, value_text, word

HTML_WORDS = i18n.Words("rates.html")
KEYS_CHARTED = 15  # the keys that change most; the rest together


def diff_html(lang: str, old: str, new: str, changes: Sequence[Change], impact: Impact | None,
              claims_file: str | None) -> str:
    w = HTML_WORDS[lang]
    page = Page(lang, w["report"], word("diff_title", lang, old=old, new=new), claims_file)
    if impact is not None:
        _impact(page, impact, claims_file or "", lang, old, new)
    page.heading(i18n.counted("rates.html.count", len(changes), lang))
    if not changes:
        page.paragraph(word("no_differences", lang, old=old, new=new))
    else:
        absent = word("absent", lang)
        rows = []
        for change in changes:
            old_value = absent if change.kind == "added" else value_text(
                change.item, change.old, change.unit, lang)
            new_value = absent if change.kind == "removed" else value_text(
                change.item, change.new, change.unit, lang)
            sources = [f"{word(side, lang)}: {source_line(source, lang)}"
                       for side, source, kind in (("old", change.old_source, "added"),
                                                  ("new", change.new_source, "removed"))
                       if change.kind != kind and source is not None]
            rows.append([change_words(change, lang), word(change.kind, lang), old_value,
                         new_value, difference_text(change, lang),
                         percent_text(change.percent, lang), " · ".join(sources)])
        page.table([word(k, lang) for k in ("item", "kind", "old", "new", "difference",
                                            "percent")] + [w["sources"]], rows,
                   numeric=[4, 5], widths=[23, 9, 11, 11, 11, 8, 27])
    return page.text()


def _impact(page: Page, impact: Impact, claims_file: str, lang: str, old: str,
            new: str) -> None:
    page.heading(impact_words.title(impact, claims_file, lang))
    page.paragraph(impact_words.scope_line(impact, claims_file, lang))
    page.paragraph(impact_words.travel_line(impact, lang))
    w = HTML_WORDS[lang]
    total = impact.total
    skipped = ", ".join(f"{scheme}: {count}" for scheme, count in impact.skipped.items())
    page.facts([(word("rows", lang), impact.rows), (word("invalid", lang), impact.invalid),
                (word("skipped", lang), skipped or "0"),
                (word("undecided", lang), f"{impact.undecided_old} / {impact.undecided_new}"),
                (word("repeated", lang), impact.duplicates),
                (word("compared", lang), total.claims),
                (word("claims_changed", lang), total.changed),
                (word("due_old", lang), total.old), (word("due_new", lang), total.new),
                (word("difference", lang), _difference(total, lang))])
    if impact.by is not None and impact.breakdown:
        ranked = sorted(impact.breakdown, key=lambda kt: (-abs(kt[1].difference), kt[0] or ""))
        shown = ranked[:KEYS_CHARTED]
        names = [key or word("no_group", lang) for key, _ in shown]
        olds = [float(t.old) for _, t in shown]
        news = [float(t.new) for _, t in shown]
        if len(ranked) > KEYS_CHARTED:
            rest = ranked[KEYS_CHARTED:]
            names.append(w["more"].format(count=len(rest)))
            olds.append(float(sum(t.old for _, t in rest)))
            news.append(float(sum(t.new for _, t in rest)))
        by = w["by"].get(impact.by) or ", " + impact_words.by_heading(impact.by, lang).lower()
    else:
        names, olds, news, by = [w["all"]], [float(total.old)], [float(total.new)], ""
    page.heading(w["chart"])
    page.chart(columns(names, [(f"{word('old', lang)} ({old})", olds),
                               (f"{word('new', lang)} ({new})", news)], lang,
                       colours=(OLD_COLOUR, NEW_COLOUR)),
               w["chart_caption"].format(file=claims_file, old=old, new=new, by=by))
    if impact.top:
        page.heading(word("top", lang))
        page.table([word(k, lang) for k in ("row", "claim_id", "representative", "date", "old",
                                            "new", "difference")],
                   [[f"{c.batch}: {c.row}" if c.batch else c.row, c.claim_id,
                     c.representative, locale.date(c.date, lang), c.old,
                     c.new, signed(locale.money(c.difference, lang), c.difference)]
                    for c in impact.top], numeric=[0, 4, 5, 6], whole=[3])
    if impact.by is not None:
        page.heading(impact_words.by_heading(impact.by, lang))
        page.table([impact_words.by_column(impact.by, lang)]
                   + [word(k, lang) for k in ("claims", "old", "new", "difference")],
                   [[key or word("no_group", lang), t.claims, t.old, t.new,
                     _difference(t, lang)] for key, t in impact.breakdown],
                   numeric=[1, 2, 3, 4])


def _difference(totals: Totals, lang: str) -> str:
    text = signed(locale.money(totals.difference, lang), totals.difference)
    percent = percent_text(totals.percent, lang)
    return f"{text} ({percent})" if percent else text
