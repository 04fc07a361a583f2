"""A problem as data: a stable key, its values and where it is, worded only when shown.

Errors, warnings and notices are raised the way findings are made: `Said(key, params)`,
never a sentence. The words are in the catalogues (`i18n/*/problems.po`), under
`problem.<key>`; a value that is itself a `Said` (the reason inside a larger problem) is
worded in the same language. `str()` of a problem is its English, for logs and tracebacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PREFIX = "problem."
MESSAGE = "@"  # a key of `render.messages` (a cell's or a trip's words), not of problems.po


@dataclass(frozen=True, slots=True)
class Said:
    """What a problem says, as a key and its values (texts, numbers or `Said`s)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        from . import i18n  # a leaf: the catalogues import nothing of honorar

        values = {name: _worded(value, lang) for name, value in self.params.items()}
        if self.key.startswith(MESSAGE):  # the words of a finding or a cell, said elsewhere
            from .i18n import wording

            return wording.text(self.key[len(MESSAGE):], values, lang)
        return i18n.text(PREFIX + self.key, lang, values)

    def as_json(self) -> dict[str, Any]:
        """`{"code", "params"}`, a value that is a `Said` given the same way."""
        return {"code": self.key.removeprefix(MESSAGE),
                "params": {name: _json(value) for name, value in self.params.items()}}

    def __str__(self) -> str:
        return self.say("en")


def _json(value: Any) -> Any:
    if hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, (list, tuple)):
        return [_json(each) for each in value]
    return value if isinstance(value, (int, float, bool)) or value is None else str(value)


def json_value(value: Any) -> Any:
    """A problem's value as JSON has it: a number or a text (a date, an amount: its text)."""
    return _json(value)


@dataclass(frozen=True, slots=True)
class Day:
    """A date among a problem's values: written as the reader's language writes dates
    ("20.03.2024", "2024-03-20"), in JSON as ISO."""

    day: Any  # datetime.date

    def say(self, lang: str) -> str:
        from .i18n.locale import date

        return date(self.day, lang)

    def as_json(self) -> str:
        return self.day.isoformat()


def said(key: str, /, **params: Any) -> Said:
    return Said(key, params)


def _worded(value: Any, lang: str) -> Any:
    if hasattr(value, "say"):
        return value.say(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_worded(each, lang)) for each in value)
    return value


class Problem(Exception):
    """An error raised as data: `Problem(said("key", value=…))`, or (not yet moved to the
    catalogue) an English line. `words(lang)` is what the user reads."""

    def __init__(self, message: str | Said = "", *args: Any) -> None:
        self.said = message if hasattr(message, "say") else None
        super().__init__(message if self.said is None else getattr(message, "key", ""), *args)

    def words(self, lang: str) -> str | None:
        """The problem in `lang`, or None where it has only its English line."""
        return self.said.say(lang) if self.said is not None else None

    def __str__(self) -> str:
        return str(self.said) if self.said is not None else super().__str__()


def words_of(err: BaseException, lang: str) -> str | None:
    """What `err` says in `lang`, if it was raised as data."""
    spoken = getattr(err, "said", None)
    return spoken.say(lang) if isinstance(spoken, Said) else None


class ValueProblem(Problem, ValueError):
    """A value as typed that cannot be read (`parsing`): its key says why, so that a
    caller chooses its own words or finding by `said.key`, never by the English."""


# ------------------------------------------------------------------ pydantic, by error type

# pydantic's error types → the key that says them; a type not named here is said by what
# the validator raised (a `ValueProblem`) or, failing that, as a value the model refuses
_PYDANTIC = {
    "missing": "model.missing",
    "extra_forbidden": "model.unknown_key",
    "decimal_parsing": "model.not_decimal", "decimal_type": "model.not_decimal",
    "float_parsing": "model.not_number", "float_type": "model.not_number",
    "int_parsing": "model.not_whole_number", "int_type": "model.not_whole_number",
    "int_from_float": "model.not_whole_number",
    "finite_number": "model.not_finite",
    "date_parsing": "model.not_date", "date_type": "model.not_date",
    "date_from_datetime_parsing": "model.not_date", "date_from_datetime_inexact": "model.not_date",
    "datetime_parsing": "model.not_date", "datetime_type": "model.not_date",
    "string_type": "model.not_text", "str_type": "model.not_text",
    "bool_parsing": "model.not_bool", "bool_type": "model.not_bool",
    "dict_type": "model.not_mapping", "model_type": "model.not_mapping",
    "model_attributes_type": "model.not_mapping",
    "list_type": "model.not_list", "tuple_type": "model.not_list", "set_type": "model.not_list",
    "greater_than_equal": "model.at_least", "greater_than": "model.greater_than",
    "less_than_equal": "model.at_most", "less_than": "model.less_than",
    "too_short": "model.too_short", "too_long": "model.too_long",
    "literal_error": "model.one_of", "enum": "model.one_of",
    "union_tag_invalid": "model.unknown_tag", "union_tag_not_found": "model.no_tag",
    "string_pattern_mismatch": "model.not_name",
    "decimal_max_places": "model.too_many_decimals",
    "decimal_max_digits": "model.too_many_digits",
    "string_too_long": "model.text_too_long", "string_too_short": "model.text_too_short",
}


def from_pydantic(error: Mapping[str, Any]) -> Said:
    """What one of pydantic's errors (`ValidationError.errors()`) says, chosen by its type
    and context, never by its English."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    raised = ctx.get("error")
    if isinstance(getattr(raised, "said", None), Said):
        return raised.said
    if isinstance(ctx.get("said"), Said):  # a model's own check (`tables.schema.problem_at`)
        return ctx["said"]
    key = _PYDANTIC.get(kind)
    if key is None:
        return said("model.refused", value=str(error.get("input", "")))
    params: dict[str, Any] = {}
    for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "decimal_places",
                 "max_digits"):
        if name in ctx:
            params["limit"] = str(ctx[name])
    if kind in ("literal_error", "enum"):
        params["choices"] = _choices(str(ctx.get("expected", "")))
    if kind == "union_tag_invalid":
        params.update(tag=str(ctx.get("tag", "")),
                      known=_choices(str(ctx.get("expected_tags", ""))))
    if kind == "union_tag_not_found":
        params["tag"] = str(ctx.get("discriminator", "")).strip("'")
    return said(key, **params)


def _choices(expected: str) -> str:
    """pydantic's list of the values it expected ("'a', 'b' or 'c'") as a list of values:
    the values are the model's, the joining words pydantic's."""
    items = [each.strip() for part in expected.split(", ") for each in part.split(" or ")]
    return ", ".join(item for item in items if item)
