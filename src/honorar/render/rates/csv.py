"""`honorar rates diff --impact … --format csv`: what the change costs, one line a sum.

English column names; amounts as `-228.00`. The first column says what a line is: `scope`
(the one line of which claims, in `key`), `travel` (whether travel is in the totals,
`unchanged` or `repriced`, with its sums), `total`, then one line per key of the `--by`
breakdown (its kind: `representative`, `group`, `month`, …). A key taken from the claims
(a name, a group) that starts like a formula is written as text (a leading apostrophe).
"""

from __future__ import annotations

import csv
import io

from ...audit.impact import Impact, Totals
from ..audit.csv import neutralise
from ..jsonout import amount
from .impact_words import scope_line
from .json import percent

COLUMNS = ("line", "key", "claims", "changed", "due_old", "due_new", "difference_kr",
           "difference_pct")


def _sums(totals: Totals) -> list[object]:
    return [totals.claims, totals.changed, amount(totals.old), amount(totals.new),
            amount(totals.difference), percent(totals.percent)]


def impact_csv(impact: Impact, source: str, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow(["scope", neutralise(scope_line(impact, source, lang))])
    writer.writerow(["travel", impact.travel, "", "", amount(impact.travel_old),
                     amount(impact.travel_new), amount(impact.travel_new - impact.travel_old),
                     ""])
    writer.writerow(["total", "", *_sums(impact.total)])
    for key, totals in impact.breakdown:
        writer.writerow([impact.by, neutralise(key), *_sums(totals)])
    return out.getvalue()
