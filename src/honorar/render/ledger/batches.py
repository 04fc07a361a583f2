"""The ledger's batches for people (a table) and for programs (JSON, SPEC §8)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ...ledger import Batch
from .. import locale
from ..jsonout import amount

HEADINGS = {
    "nb": {"batch": "Bunke", "file": "Fil", "sha256": "SHA-256", "recorded_at": "Ført",
           "paid_on": "Utbetalt", "claims": "Krav", "paid": "Beløp utbetalt",
           "none": "Ingen bunker er ført i {ledger}.", "title": "Bunker i {ledger}"},
    "en": {"batch": "Batch", "file": "File", "sha256": "SHA-256", "recorded_at": "Recorded",
           "paid_on": "Paid on", "claims": "Claims", "paid": "Amount paid",
           "none": "No batches are recorded in {ledger}.", "title": "Batches in {ledger}"},
}


def batch_json(batch: Batch) -> dict[str, Any]:
    return {"batch": batch.name, "file": batch.file, "sha256": batch.sha256,
            "recorded_at": batch.recorded_at, "paid_on": batch.paid_on.isoformat(),
            "claims": batch.claims, "paid": amount(batch.paid)}


def batches_json(batches: list[Batch]) -> dict[str, Any]:
    return {"batches": [batch_json(b) for b in batches]}


def print_batches(batches: list[Batch], ledger: str, lang: str, console: Console) -> None:
    words = HEADINGS[lang]
    if not batches:
        console.print(escape(words["none"].format(ledger=ledger)))
        return
    table = Table(title=escape(words["title"].format(ledger=ledger)), box=box.SIMPLE_HEAD,
                  title_justify="left")
    for name in ("batch", "file", "sha256", "recorded_at", "paid_on"):
        table.add_column(words[name])
    table.add_column(words["claims"], justify="right")
    table.add_column(words["paid"], justify="right")
    for b in batches:
        table.add_row(escape(b.name), escape(b.file), b.sha256[:12], b.recorded_at,
                      locale.date(b.paid_on, lang), locale.number(b.claims, lang),
                      locale.money(b.paid, lang))
    console.print(table)
