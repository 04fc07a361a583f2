"""What steps and findings say, in the reader's language.

The engine and the checks name a message by key and give its values; the words live in the
catalogues (`honorar.i18n`, one per language), so that a calculation is the same whatever
language it is read in. A value's name says how it is written: `*_kr` is money, `hours` and
`*_hours` are hours, `date`, `effective` and `*_date` are dates, `activity` and
`attendance` are shown by their label (`label.<kind>.<value>` in the catalogue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal

from .. import i18n
from ..tables.schema import LocalText, local
from . import locale


class _Labels:
    """A kind's labels by language: `ACTIVITY_LABELS["nn"]["meeting"]` is "møte"."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __getitem__(self, lang: str) -> dict[str, str]:
        return i18n.section(f"label.{self.kind}", lang)


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
        if not i18n.has(key, i18n.DEFAULT):
            raise KeyError(key)
        return {lang: i18n.template(key, lang) for lang in i18n.LANGUAGES}

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and i18n.has(key, i18n.DEFAULT)

    def __iter__(self) -> Iterator[str]:
        for key in i18n._catalogue(i18n.DEFAULT)["messages"]:
            name = key[0] if isinstance(key, tuple) else key
            if name and (not isinstance(key, tuple) or key[1] == 0):
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


TEMPLATES = _Templates()

# A finding whose message key is its code but whose step shares the name.
FINDING_KEYS = {"no_agreement": "no_agreement_finding",
                "duration_missing": "duration_missing_finding",
                "activity_not_in_table": "activity_not_in_table_finding",
                "travel_expenses_undocumented": "travel_expenses_undocumented_finding"}

# the names whose value is a word to translate, with their labels; any other text is shown
# as it is
_WORD_LABELS = {"activity": "activity", "otherwise": "activity", "attendance": "attendance",
                "part": "travel_part", "vehicle": "vehicle", "meal": "meal",
                "direction": "direction", "missing": "missing", "supplement": "supplement",
                "regulation": "regulation"}


def label(kind: str, value: object, lang: str) -> str:
    """A table's or a claim's value in words ("meeting" → "møte"), or as it is written."""
    return i18n.section(f"label.{kind}", lang).get(str(value), str(value))


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
    if isinstance(value, LocalText):
        return value.in_lang(lang)
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
    template = i18n.template(key, lang, count_of(key, params))
    values = {name: _value(name, value, lang) for name, value in params.items()}
    if "regulation" in params:  # named in words in a sentence; by its folder in a heading
        values["regulation_id"] = str(params["regulation"])
    rendered = template.format_map(_Missing(values))
    if template.startswith("{activity}"):  # a label opens the sentence; names and paths never
        return rendered[:1].upper() + rendered[1:]
    return rendered


def finding_text(finding, lang: str) -> str:
    key = finding.key or FINDING_KEYS.get(finding.code, finding.code)
    return text(key, finding.params, lang)


def source_text(source, lang: str) -> str:
    """'UNN veileder: «Møter timesats  Kr. 392,-»', or the assumption and its reason."""
    if source is None:
        return ""
    if source.assumption:
        return text("assumption", {"assumption": source.assumption, "reason": source.reason},
                    lang)
    return f"{local(source.document, lang)}: «{source.quote}»"


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def problem_line(problem, lang: str, *, placed: bool = True) -> str:
    """A `yamldoc.Problem` as 'file:line:column: message', the message in `lang` (from its
    key and values; a problem made without one says its line as it is)."""
    words = problem.said.say(lang) if problem.said is not None else problem.message
    return f"{problem.where()}: {words}" if placed else words


def stray_table_warnings(strays, lang: str) -> list[str]:
    """'advarsel: DIR/unm/2024.yaml brukes ikke: …', one line for each stray table file
    (`tables.StrayTable`)."""
    word = TEMPLATES["warning_word"][lang]
    lines = []
    for stray in strays:
        loose = stray.path.parent == stray.folder.parent
        params = {"file": str(stray.path), "scheme": stray.scheme,
                  "name": stray.path.parent.name, "folder": f"{stray.folder}/"}
        key = "stray_table_loose" if loose else "stray_table_folder"
        lines.append(f"{word}: {text(key, params, lang)}")
    return lines
