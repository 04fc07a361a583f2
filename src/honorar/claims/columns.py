"""The columns of a claims file, the names they go by, and mapping files for other layouts.

A header cell is matched after normalising it (case, surrounding spaces, and spaces,
hyphens, dots and slashes inside become '_'), so 'Krav-ID', ' krav id ' and 'KRAV_ID' are
the same column. A mapping file adds names (and words for attendance, activity, yes/no and
schemes) on top of the built-in ones, and wins where they disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import ClaimFileError

CANONICAL_COLUMNS = (
    "claim_id", "representative", "scheme", "group", "date", "start", "end", "hours",
    "attendance", "activity", "agreement", "claimed_honorarium", "lost_income",
    "lost_income_documented", "gift", "submitted",
)
# Without these a claim cannot be audited; the rest have a stated default when absent.
REQUIRED_COLUMNS = ("claim_id", "representative", "scheme", "date", "attendance",
                    "claimed_honorarium")

_ALIASES = {
    "claim_id": ("krav_id", "kravid", "kravnr", "kravnummer"),
    "representative": ("brukerrepresentant", "navn", "representant", "name"),
    "scheme": ("ordning",),
    "group": ("gruppe", "arbeidsgruppe"),
    "date": ("dato", "møtedato", "motedato", "meeting_date"),
    "start": ("fra", "starttid", "start_time"),
    "end": ("til", "slutt", "sluttid", "end_time"),
    "hours": ("timer", "varighet", "duration"),
    "attendance": ("oppmøte", "oppmote"),
    "activity": ("aktivitet",),
    "agreement": ("avtale", "skriftlig_avtale"),
    "claimed_honorarium": ("honorar", "krevd_honorar", "honorarium"),
    "lost_income": ("tapt_arbeidsinntekt", "tapt_arbeidsfortjeneste"),
    "lost_income_documented": ("dokumentert",),
    "gift": ("gave",),
    "submitted": ("innsendt", "kravdato", "submitted_date"),
}

_SEPARATORS = re.compile(r"[\s\-./]+")


def normalise_header(name: str) -> str:
    return _SEPARATORS.sub("_", name.replace("\ufeff", "").strip().lower()).strip("_")


def _normalise_word(word: str) -> str:
    return " ".join(word.strip().lower().split())


BUILT_IN_COLUMNS: dict[str, str] = {}
for _canonical, _names in _ALIASES.items():
    BUILT_IN_COLUMNS[_canonical] = _canonical
    for _name in _names:
        BUILT_IN_COLUMNS[normalise_header(_name)] = _canonical


@dataclass(frozen=True, slots=True)
class ClaimMapping:
    """Other names for columns, and other words for values, onto the canonical ones.

    Keys are normalised (`normalise_header` for columns, lower case with single spaces
    for words); build one with `mapping_from_data` or `load_mapping`.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    attendance: Mapping[str, str] = field(default_factory=dict)
    activity: Mapping[str, str] = field(default_factory=dict)
    yes_no: Mapping[str, bool] = field(default_factory=dict)
    schemes: Mapping[str, str] = field(default_factory=dict)
    file: str | None = None

    def column_names(self) -> dict[str, str]:
        """Every accepted header name (normalised) → canonical column."""
        return {**BUILT_IN_COLUMNS, **self.columns}


_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_YES_WORDS = {"yes", "ja", "true", "1", "y", "j"}
_NO_WORDS = {"no", "nei", "false", "0", "n"}
_SECTIONS = ("columns", "attendance", "activity", "yes_no", "schemes")


def mapping_from_data(data: Any, file: str = "mapping") -> ClaimMapping:
    """A mapping from plain data shaped like the mapping file; raises ClaimFileError."""
    from ..yamldoc import Problem

    problems: list[Problem] = []
    return _build(data, file, lambda path: (None, None), problems)


def load_mapping(path: str | Path) -> ClaimMapping:
    """Read a mapping file (YAML); every mistake is reported with its line."""
    from ..yamldoc import parse

    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise ClaimFileError(f"{name}: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ClaimFileError(f"{name}: a mapping file must be UTF-8 text") from None
    doc = parse(text, name)
    if doc.problems:
        raise ClaimFileError(_problem_line(list(doc.problems)))
    return _build(doc.data, name, doc.place, [])


def _build(data: Any, file: str, place, problems: list) -> ClaimMapping:
    from ..yamldoc import Problem

    def problem(path: tuple, message: str) -> None:
        line, column = place(path)
        problems.append(Problem(file, line, column, message))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ClaimFileError(f"{file}: a mapping file is a set of sections: {', '.join(_SECTIONS)}")
    for key in data:
        if key not in _SECTIONS:
            problem((key,), f"unknown section '{key}' (known: {', '.join(_SECTIONS)})")
    sections: dict[str, dict] = {}
    for name in _SECTIONS:
        section = data.get(name) or {}
        if not isinstance(section, dict):
            problem((name,), f"'{name}' maps names onto values, one 'name: value' a line")
            section = {}
        sections[name] = section

    columns: dict[str, str] = {}
    for other, canonical in sections["columns"].items():
        if canonical not in CANONICAL_COLUMNS:
            problem(("columns", other), f"'{canonical}' is not a column "
                    f"(columns: {', '.join(CANONICAL_COLUMNS)})")
        else:
            columns[normalise_header(str(other))] = canonical
    attendance: dict[str, str] = {}
    for word, value in sections["attendance"].items():
        if value not in ("physical", "remote"):
            problem(("attendance", word), f"'{value}' is not physical or remote")
        else:
            attendance[_normalise_word(str(word))] = value
    activity: dict[str, str] = {}
    for word, value in sections["activity"].items():
        if not isinstance(value, str) or not _IDENTIFIER.match(value):
            problem(("activity", word), f"'{value}' is not an activity name such as "
                    "meeting, full_day, teaching")
        else:
            activity[_normalise_word(str(word))] = value
    yes_no: dict[str, bool] = {}
    for word, value in sections["yes_no"].items():
        flag = value if isinstance(value, bool) else (
            True if str(value).lower() in _YES_WORDS else
            False if str(value).lower() in _NO_WORDS else None)
        if flag is None:
            problem(("yes_no", word), f"'{value}' is not yes or no")
        else:
            yes_no[_normalise_word(str(word))] = flag
    schemes: dict[str, str] = {}
    for word, value in sections["schemes"].items():
        if not isinstance(value, str) or not _IDENTIFIER.match(value):
            problem(("schemes", word), f"'{value}' is not a scheme name such as unn or fousam")
        else:
            schemes[_normalise_word(str(word))] = value
    if problems:
        raise ClaimFileError(_problem_line(problems))
    return ClaimMapping(columns, attendance, activity, yes_no, schemes, file)


def _problem_line(problems: list) -> str:
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"mapping {problems[0]}{more}"


def as_mapping(mapping: ClaimMapping | Mapping | None) -> ClaimMapping:
    if mapping is None:
        return ClaimMapping()
    if isinstance(mapping, ClaimMapping):
        return mapping
    return mapping_from_data(dict(mapping))
