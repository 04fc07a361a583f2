"""A message's words: its key looked up in the catalogue, its values written as the
reader's language writes them.

A value's name says how it is written: `*_kr` is money, `hours` and `*_hours` are hours,
`date`, `effective` and `*_date` are dates, `activity` and `attendance` are shown by their
label (`label.<kind>.<value>` in the catalogue). Steps, findings and the problems that reuse
their words (`problem.MESSAGE`) are all said here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal

from . import DEFAULT, LANGUAGES, _catalogue, has, locale, section
from . import template as unfilled


class _Labels:
    """A kind's labels by language: `ACTIVITY_LABELS["nn"]["meeting"]` is "møte"."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __getitem__(self, lang: str) -> dict[str, str]:
        return section(f"label.{self.kind}", lang)


ACTIVITY_LABELS = _Labels("activity")
ATTENDANCE_LABELS = _Labels("attendance")
VEHICLE_LABELS = _Labels("vehicle")
TRAVEL_PART_LABELS = _Labels("travel_part")
MEAL_LABELS = _Labels("meal")
MISSING_LABELS = _Labels("missing")
SUPPLEMENT_LABELS = _Labels("supplement")
DIRECTION_LABELS = _Labels("direction")


class _Templates(Mapping):
    """The messages by key, as they were kept before the catalogues:
    `TEMPLATES[key][lang]` is the unfilled words (for a counted message, its many-form)."""

    def __getitem__(self, key: str) -> Mapping[str, str]:
        if not has(key, DEFAULT):
            raise KeyError(key)
        return {lang: unfilled(key, lang) for lang in LANGUAGES}

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and has(key, DEFAULT)

    def __iter__(self) -> Iterator[str]:
        for key in _catalogue(DEFAULT)["messages"]:
            name = key[0] if isinstance(key, tuple) else key
            if name and (not isinstance(key, tuple) or key[1] == 0):
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


TEMPLATES = _Templates()

# the names whose value is a word to translate, with their labels; any other text is shown
# as it is
_WORD_LABELS = {"activity": "activity", "otherwise": "activity", "attendance": "attendance",
                "part": "travel_part", "vehicle": "vehicle", "meal": "meal",
                "direction": "direction", "missing": "missing", "supplement": "supplement",
                "regulation": "regulation"}


def label(kind: str, value: object, lang: str) -> str:
    """A table's or a claim's value in words ("meeting" → "møte"), or as it is written."""
    return section(f"label.{kind}", lang).get(str(value), str(value))


def _value(name: str, value: object, lang: str) -> str:
    # the usual kinds first: a file's findings word millions of names, dates and counts
    kind = type(value)
    if kind is str and name not in _WORD_LABELS:
        return value  # type: ignore[return-value]
    if kind is dt.date:
        return locale.date(value, lang)  # type: ignore[arg-type]
    if kind is int and not name.endswith("_kr"):
        return locale.number(value, lang)  # type: ignore[arg-type]
    if value is None:
        return "" if name == "explained" else "–"
    if hasattr(value, "in_lang"):  # a table's text in every language (`LocalText`)
        return value.in_lang(lang)  # type: ignore[attr-defined]
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        if name.endswith("_kr"):
            return locale.money(Decimal(value), lang)
        return locale.number(value, lang)
    if isinstance(value, dt.date):
        return locale.date(value, lang)
    labels = _WORD_LABELS.get(name)
    if labels is not None:
        return label(labels, value, lang)
    if name == "parts" and isinstance(value, Mapping):  # travel due, part by part
        return text("travel_parts_text", value, lang)
    if name == "explained":  # a reason of its own: message parts (key, params), or None
        return "".join(text(key, values, lang) for key, values in value)  # type: ignore[attr-defined]
    if name == "meals" and isinstance(value, tuple):
        return ", ".join(label("meal", v, lang) for v in value)
    return str(value)


# A message that counts says "1 brukerrepresentant" and "2 brukerrepresentanter": it is a
# plural entry of the catalogue, and the value named here picks its form.
COUNTED = {
    "too_few_representatives": "count",
    "too_few_representatives_planned": "count",
    "budget_representatives_rule": "minimum",
    "travel_night": "nights",
    "kost_breakfast_not_deducted": "nights",
    "unreadable_rows_not_in_totals": "count",
    "ledger_not_recorded_invalid": "count",
    "hourly": "hours",
}


def counted_key(key: str, params: Mapping[str, object]) -> str:
    """`key`: a counted message is one plural entry, its form picked by `count_of`."""
    return key


def count_of(key: str, params: Mapping[str, object]) -> int | None:
    """The number that picks a counted message's form (1 for "one", 2 for any other)."""
    name = COUNTED.get(key)
    if name is None:
        return None
    return 1 if params.get(name) == 1 else 2


def text(key: str, params: Mapping[str, object], lang: str) -> str:
    template = unfilled(key, lang, count_of(key, params))
    values = {name: _value(name, value, lang) for name, value in params.items()}
    if "regulation" in params:  # named in words in a sentence; by its folder in a heading
        values["regulation_id"] = str(params["regulation"])
    rendered = template.format_map(_Missing(values))
    if template.startswith("{activity}"):  # a label opens the sentence; names and paths never
        return rendered[:1].upper() + rendered[1:]
    return rendered


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
