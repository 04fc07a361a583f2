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


@dataclass(frozen=True, slots=True)
class Said:
    """What a problem says, as a key and its values (texts, numbers or `Said`s)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        from . import i18n  # a leaf: the catalogues import nothing of honorar

        values = {name: _worded(value, lang) for name, value in self.params.items()}
        return i18n.text(PREFIX + self.key, lang, values)

    def as_json(self) -> dict[str, Any]:
        """`{"code", "params"}`, a value that is a `Said` given the same way."""
        return {"code": self.key,
                "params": {name: _json(value) for name, value in self.params.items()}}

    def __str__(self) -> str:
        return self.say("en")


def _json(value: Any) -> Any:
    if hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, (list, tuple)):
        return [_json(each) for each in value]
    return value if isinstance(value, (int, float, bool)) or value is None else str(value)


def said(key: str, **params: Any) -> Said:
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
