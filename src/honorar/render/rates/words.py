"""Words, value formats and small rich helpers shared by the human output of `honorar rates`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rich.table import Table
from rich.text import Text

from ... import i18n
from ...domain import Source
from ...i18n import locale
from ...tables.diff import Change, Value
from ...tables.schema import LocalText, local
from .. import messages
from ..messages import DIRECTION_LABELS
from ..terminal import Console
from ..wrap import Wrapped

WORDS = i18n.Words("rates.word")

RULE_KINDS = i18n.Words("rates.rule_kind")
TIERS = i18n.Words("rates.tier")
UNITS = ("hours", "months", "persons", "km", "percent")  # rates.unit.<name>
YES_NO = i18n.Words("rates.yes_no")
NO_CAP = i18n.Words("rates.no_cap")


def word(key: str, lang: str, **params: object) -> str:
    return WORDS[lang][key].format(**params)


def count(number: int, noun: str, lang: str) -> str:
    """'1 advarsel', '2 advarsler'."""
    return i18n.counted(f"rates.count.{noun}", number, lang)


def quantity(value: Decimal | int, unit: str | None, lang: str) -> str:
    """A number in its unit: '392,00 kr', '2,5 timer', '3 måneder'."""
    if unit == "kr":
        return locale.money(Decimal(value), lang)
    number = locale.number(value, lang)
    if unit not in UNITS:
        return number
    return i18n.counted(f"rates.unit.{unit}", 1 if value == 1 else 2, lang, {"count": number})


def value_text(path: str, value: Value, unit: str | None, lang: str) -> str:
    """An item's value as a person reads it."""
    if value is None:
        return NO_CAP[lang] if unit == "kr" else "–"
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, Decimal | int):
        return quantity(value, unit, lang)
    if isinstance(value, LocalText):
        return value.in_lang(lang)
    last = path.rsplit(".", 1)[-1]
    if last in ("review_after", "valid_until") and isinstance(value, str):
        try:  # a date the table writes as 2025-01-01, as the reader writes dates
            return locale.date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if last == "otherwise" and isinstance(value, str):  # the activity a short full day is
        return messages.label("activity", value, lang)  # priced as: its name, not its key
    if last == "over_limit" and i18n.has(f"rates.figure.over_limit.{value}", lang):
        return i18n.text(f"rates.figure.over_limit.{value}", lang)
    table = {"rule": RULE_KINDS, "direction": DIRECTION_LABELS, "without_duration": TIERS}.get(last)
    return table[lang].get(value, value) if table else value


def signed(text: str, value: Decimal) -> str:
    return f"+{text}" if value > 0 else text


def difference_text(change: Change, lang: str) -> str:
    difference = change.difference
    if difference is None:
        return ""
    return signed(quantity(difference, change.unit, lang), difference)


def percent_text(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return signed(locale.percent(value / 100, lang), value)


def source_line(source: Source | None, lang: str) -> str:
    """The whole source of an item on one line: quote, assumption and reason."""
    if source is None:
        return "–"
    parts = []
    if source.quote:
        parts.append(f"«{source.quote}»")
    if source.assumption:
        parts.append(f"{WORDS[lang]['assumption']}: {local(source.assumption, lang)}")
    if source.reason:
        parts.append(f"{WORDS[lang]['reason']}: {local(source.reason, lang)}")
    return " ".join(parts)


def console_for(console: Console | None) -> Console:
    return console or Console(highlight=False, soft_wrap=False)


def row(table: Table, *cells: str, end_section: bool = False) -> None:
    """Cells are plain text: a quote or a file name may hold brackets rich would eat."""
    table.add_row(*(Wrapped(Text(cell)) for cell in cells), end_section=end_section)
