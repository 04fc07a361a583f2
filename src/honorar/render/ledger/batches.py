"""The ledger's batches for people (a table) and for programs (JSON, SPEC §8)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table

from ... import i18n
from ...i18n import locale
from ...ledger import Batch, LogEntry, PaidClaim
from ..jsonout import amount
from ..terminal import Console, escape

HEADINGS = i18n.Words("ledger.batches")


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
                  pad_edge=False, title_justify="left")
    for name in ("batch", "file"):
        table.add_column(words[name], min_width=10)
    for name in ("sha256", "recorded_at", "paid_on"):
        table.add_column(words[name], no_wrap=True)
    table.add_column(words["claims"], justify="right", no_wrap=True)
    table.add_column(words["paid"], justify="right", no_wrap=True)
    for b in batches:
        table.add_row(escape(b.name), escape(b.file), b.sha256[:8], _minute(b.recorded_at),
                      locale.date(b.paid_on, lang), locale.number(b.claims, lang),
                      locale.money(b.paid, lang))
    console.print(table)


def _minute(at: str) -> str:
    """'2024-04-05T10:12:31+00:00' as '2024-04-05 10:12'."""
    return at[:16].replace("T", " ")


def _clock(seconds: int | None) -> str:
    return "" if seconds is None else f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def claim_json(claim: PaidClaim) -> dict[str, Any]:
    return {"row": claim.row, "claim_id": claim.claim_id,
            "representative": claim.representative,
            "representative_id": claim.representative_id, "scheme": claim.scheme,
            "version": claim.version, "group": claim.group, "date": claim.date.isoformat(),
            "start": _clock(claim.start) or None, "end": _clock(claim.end) or None,
            "paid": {"honorarium": amount(claim.honorarium),
                     "lost_income": amount(claim.lost_income), "gift": amount(claim.gift),
                     "travel": amount(claim.travel), "total": amount(claim.paid)},
            "claimed": amount(claim.claimed)}


def print_batch(batch: Batch, claims, lang: str, console: Console) -> None:
    words = HEADINGS[lang]
    console.print("[bold]" + escape(words["show_title"].format(
        batch=batch.name, claims=locale.number(batch.claims, lang),
        paid=locale.money(batch.paid, lang), paid_on=locale.date(batch.paid_on, lang),
        file=batch.file, recorded_at=_minute(batch.recorded_at))) + "[/bold]")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(words["row"], justify="right", no_wrap=True)
    table.add_column(words["claim_id"], no_wrap=True)
    table.add_column(words["representative"], min_width=14)
    for name in ("scheme", "date", "times"):
        table.add_column(words[name], no_wrap=True)
    table.add_column(words["paid"], justify="right", no_wrap=True)
    for c in claims:
        times = f"{_clock(c.start)}–{_clock(c.end)}" if c.start is not None else ""
        table.add_row(str(c.row), escape(c.claim_id), escape(c.representative), c.scheme,
                      locale.date(c.date, lang), times, locale.money(c.paid, lang))
    console.print(table)


def log_json(entries: list[LogEntry]) -> dict[str, Any]:
    return {"log": [{"at": e.at, "action": e.action, "batch": e.batch, "file": e.file,
                     "sha256": e.sha256, "paid_on": e.paid_on.isoformat(), "claims": e.claims,
                     "paid": amount(e.paid)} for e in entries]}


def print_log(entries: list[LogEntry], ledger: str, lang: str, console: Console) -> None:
    words = HEADINGS[lang]
    table = Table(title=escape(words["log_title"].format(ledger=ledger)), box=box.SIMPLE_HEAD,
                  pad_edge=False, title_justify="left")
    for name in ("at", "action"):
        table.add_column(words[name], no_wrap=True)
    table.add_column(words["batch"], min_width=10)
    table.add_column(words["file"], min_width=10)
    table.add_column(words["paid_on"], no_wrap=True)
    table.add_column(words["claims"], justify="right", no_wrap=True)
    table.add_column(words["paid"], justify="right", no_wrap=True)
    for e in entries:
        table.add_row(_minute(e.at), words[e.action], escape(e.batch), escape(e.file),
                      locale.date(e.paid_on, lang), locale.number(e.claims, lang),
                      locale.money(e.paid, lang))
    console.print(table)
