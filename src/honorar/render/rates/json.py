"""JSON of `honorar rates`: English keys, amounts as strings with two decimals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ...audit.impact import Impact, Totals
from ...domain import Source
from ...problem import json_value
from ...rules.calculation import outdated_rates
from ...tables.catalogue import Versions
from ...tables.diff import Change, Item, Value, flatten
from ...tables.lint import Checked
from ...tables.schema import LocalText, RateTable, local
from ...tables.travel_schema import TravelTable
from ...tables.yamldoc import Problem
from .. import messages
from ..jsonout import amount

_HUNDREDTH = Decimal("0.01")


def value(item_value: Value, unit: str | None, lang: str = "nb") -> Any:
    """kr as '392.00', hours and other numbers as exact strings, flags and words as they are;
    a table's own texts in `lang`."""
    if isinstance(item_value, LocalText):
        return item_value.in_lang(lang)
    if isinstance(item_value, bool) or item_value is None or isinstance(item_value, str | int):
        return item_value
    if unit == "kr":
        return amount(item_value)
    return _plain(item_value)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def percent(number: Decimal | None) -> str | None:
    return None if number is None else str(number.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP))


def source(cited: Source | None, lang: str) -> dict[str, Any] | None:
    if cited is None:
        return None
    return {"document": local(cited.document, lang), "quote": cited.quote,
            "assumption": local(cited.assumption, lang), "reason": local(cited.reason, lang)}


def problem(p: Problem, lang: str) -> dict[str, Any]:
    """A problem in a table: where, what it says in `lang`, and its `code` and `params`."""
    shape = p.said.as_json() if p.said is not None else {"code": "text",
                                                          "params": {"text": p.message}}
    return {"file": p.file, "line": p.line, "column": p.column,
            "message": messages.problem_line(p, lang, placed=False), **shape}


# ------------------------------------------------------------------------------ list/show


def listing(schemes: Sequence[tuple[str, Versions | None]], dirs: Sequence[Path],
            today: dt.date, problems: Sequence[Problem], lang: str) -> dict[str, Any]:
    out = []
    for scheme, versions in schemes:
        if versions is None:
            out.append({"scheme": scheme, "name": None, "versions": None})
            continue
        files, current = versions.files, versions.file_at(today)
        out.append({"scheme": scheme, "name": local(files[-1].table.name, lang) if files else None,
                    "versions": [{"version": f.table.version, "file": str(f.path),
                                  "shadows": [str(p) for p in f.shadows],
                                  "in_force": f is current} for f in files]})
    return {"search_path": [str(d) for d in dirs], "schemes": out,
            "problems": [problem(p, lang) for p in problems]}


def item(entry: Item, lang: str) -> dict[str, Any]:
    return {"item": entry.path, "value": value(entry.value, entry.unit, lang),
            "unit": entry.unit, "source": source(entry.source, lang)}


def table(rate_table: RateTable | TravelTable, path: Path | None, lang: str,
          today: dt.date | None = None) -> dict[str, Any]:
    items = list(flatten(rate_table).values())
    assumptions: dict[tuple[str | None, str | None], list[str]] = {}
    for entry in items:  # one assumption may back several items (rounding's step and direction)
        if entry.source is not None and entry.source.assumption:
            key = (local(entry.source.assumption, lang), local(entry.source.reason, lang))
            assumptions.setdefault(key, []).append(entry.path)
    doc = rate_table.document
    review = getattr(rate_table, "review_after", None)  # a travel table has none
    findings = []
    found = None if review is None or today is None else outdated_rates(rate_table, today)
    if found is not None:
        findings.append({"code": found.code, "severity": found.severity,
                         "message": messages.finding_text(found, lang)})
    return {"scheme": rate_table.scheme, "name": local(rate_table.name, lang),
            "version": rate_table.version,
            "effective": rate_table.version, "file": None if path is None else str(path),
            "document": {"title": local(doc.title, lang), "short": local(doc.short, lang),
                         "file": doc.file, "validity": local(doc.validity, lang),
                         "note": local(doc.note, lang)},
            "items": [item(e, lang) for e in items],
            **({"pages": {key: {"title": page.title, "url": page.url}
                          for key, page in rate_table.pages.items()}}
               if isinstance(rate_table, TravelTable) else {}),
            "assumptions": [{"assumption": a, "reason": r, "items": paths}
                            for (a, r), paths in assumptions.items()],
            "review_after": None if review is None else review.date.isoformat(),
            "findings": findings}


# ------------------------------------------------------------------------------- check


def check(results: Sequence[Checked], lang: str) -> dict[str, Any]:
    return {"files": [{
        "file": r.file,
        "scheme": r.table.scheme if r.table else None,
        "version": r.table.version if r.table else None,
        "valid": r.table is not None and not r.problems,
        "problems": [problem(p, lang) for p in r.problems],
        "warnings": [{"code": n.key.removeprefix("rates_"), "item": n.item, "file": r.file,
                      "line": n.line, "column": n.column,
                      "params": {k: json_value(v) for k, v in n.params.items()},
                      "message": messages.text(n.key, n.params, lang)} for n in r.notices],
    } for r in results]}


# -------------------------------------------------------------------------------- diff


def change(c: Change, lang: str) -> dict[str, Any]:
    difference = c.difference
    from .figures import change_words

    return {"item": c.item, "figure": change_words(c, lang), "kind": c.kind, "unit": c.unit,
            "old": value(c.old, c.unit, lang) if c.kind != "added" else None,
            "new": value(c.new, c.unit, lang) if c.kind != "removed" else None,
            "change": None if difference is None else value(difference, c.unit),
            "change_kr": amount(difference) if c.unit == "kr" else None,
            "change_pct": percent(c.percent),
            "old_source": source(c.old_source, lang), "new_source": source(c.new_source, lang)}


def totals(t: Totals) -> dict[str, Any]:
    return {"claims": t.claims, "changed": t.changed, "due_old": amount(t.old),
            "due_new": amount(t.new), "difference_kr": amount(t.difference),
            "difference_pct": percent(t.percent)}


def impact(i: Impact, source: str, lang: str = "nb") -> dict[str, Any]:
    from .impact_words import left_out, scope_line

    ledger = i.year is not None
    return {
        "claims_file": None if ledger else source,
        "ledger": source if ledger else None, "year": i.year,
        "scope": scope_line(i, source, lang), "left_out": left_out(i),
        "without_facts": i.without_facts, "undecided_claims": i.undecided,
        "travel": {"included": i.travel, "old": amount(i.travel_old),
                   "new": amount(i.travel_new)},
        "scheme": i.scheme, "rows": i.rows,
        "invalid_rows": i.invalid, "skipped": i.skipped,
        "undecided": {"old": i.undecided_old, "new": i.undecided_new},
        "duplicates": i.duplicates, "before_first_version": i.before_first,
        **totals(i.total),
        "top": [{"batch": c.batch, "row": c.row, "claim_id": c.claim_id,
                 "representative": c.representative,
                 "group": c.group, "date": c.date.isoformat(), "due_old": amount(c.old),
                 "due_new": amount(c.new), "difference_kr": amount(c.difference)}
                for c in i.top],
        "by": i.by,
        "breakdown": [{"key": key, **totals(t)} for key, t in i.breakdown],
    }


def diff(old: str, new: str, old_file: Path | None, new_file: Path | None,
         changes: Sequence[Change], impact_report: dict[str, Any] | None,
         lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "old": old, "new": new,
        "old_file": None if old_file is None else str(old_file),
        "new_file": None if new_file is None else str(new_file),
        "changes": [change(c, lang) for c in changes],
    }
    if impact_report is not None:
        out["impact"] = impact_report
    return out
