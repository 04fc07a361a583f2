"""Meeting plans for `honorar budget`: read a plan file into meetings, with every mistake
reported by file and line.

A plan file is YAML: either a bare list of meetings, or a mapping with `meetings:` and
optional `name`, `scheme`, `document`, `quote` and `reminders`. A meeting has `activity`
and `hours`, and may have `attendance`, `date`, `name`, `count` (the same meeting so many
times) and `quote` (the source line it comes from). Every key may be written in Norwegian
too (`møter`, `aktivitet`, `timer`, …: `NORWEGIAN_KEYS`). The suggested plan of the UNN guide is
such a file, shipped with the rate tables in `_plans/` (a folder no scheme can be named).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..domain import Attendance
from ..parsing import HOURS_LIMIT, parse_activity, parse_attendance, parse_date, parse_hours
from ..problem import MESSAGE, Said, ValueProblem, from_pydantic, said
from ..tables.catalogue import shipped_rates_dir
from ..tables.schema import SCHEME, Document
from ..tables.yamldoc import Problem, Unreadable, parse, problem, read_text
from .plan_keys import Keys

PLANS_FOLDER = "_plans"
SUGGESTED_PLAN = "unn-suggested.yaml"
# A plan is one working group's meetings, each a row of the budget: more than this is a slip
# in `count` (or a file that multiplies itself through aliases), not a plan to price.
MOST_MEETINGS = 1000
# and a working group of more people than this is a slip of the keyboard, not a group
MOST_REPRESENTATIVES = 10_000

# A text in one language, or in several: {nb: ..., en: ...}; a plain text is kept under "".
LocalText = Mapping[str, str]


class PlanError(Exception):
    """A plan that cannot be used; carries every problem found in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def local(text: LocalText | None, lang: str) -> str | None:
    """The text in `lang`, else in bokmål, else in whatever language it has."""
    if not text:
        return None
    return text.get(lang) or text.get("nb") or next(iter(text.values()))


# ------------------------------------------------------------------- what a file holds


def _local_text(value: Any) -> Any:
    if isinstance(value, str):
        return {"": value}
    if isinstance(value, dict) and value and set(value) <= {"nb", "nn", "en"} \
            and all(isinstance(v, str) for v in value.values()):
        return value
    raise ValueProblem(said("plan.local_text"))


# a plan's travel keys are the `calc` options without their dashes (either spelling)
_TRIP_KEYS = {"meals": "meals_provided", "receipts": "expenses_documented"}
_PLAN_KEYS = {column: key for key, column in _TRIP_KEYS.items()}


def _trip(value: Any) -> Any:
    """A `travel:` mapping (the `calc` travel options: km, passenger-km, distance-km,
    travel-hours, nights, nights-without-receipt, meals, expenses, receipts …) → its Trip."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise ValueProblem(said("plan.trip_not_mapping"))
    from ..tripinput import TRIP_COLUMNS, TripError, read_trip

    values: dict[str, str | None] = {}
    for key, item in value.items():
        column = _TRIP_KEYS.get(str(key), str(key).replace("-", "_"))
        if column not in TRIP_COLUMNS:
            known = ", ".join(c.replace("_", "-") for c in (*TRIP_COLUMNS, "meals", "receipts")
                              if c not in ("meals_provided", "expenses_documented"))
            raise ValueProblem(said("plan.unknown_travel_option", key=str(key), known=known))
        if isinstance(item, bool):
            item = "ja" if item else "nei"
        values[column] = None if item is None else str(item)
    try:
        return read_trip(values)
    except TripError as err:  # named by the plan's key: 'meals', not 'meals-provided'
        key = _PLAN_KEYS.get(err.column, err.column.replace("_", "-"))
        reason = said(MESSAGE + err.key, **err.params) if err.key else str(err)
        raise ValueProblem(said("plan.field", field=key, reason=reason)) from None


def _read_with(reader: Any, value: Any) -> Any:
    # numbers and dates arrive typed from YAML; text is read the way people write it
    return reader(value) if isinstance(value, str) else value


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _MeetingEntry(_Strict):
    activity: str
    hours: Decimal
    attendance: Attendance | None = None
    date: dt.date | None = None
    name: dict[str, str] | None = None
    count: int = 1
    quote: str | None = None
    travel: Any = None  # every representative's trip to this meeting

    @field_validator("travel", mode="before")
    @classmethod
    def _travel(cls, value: Any) -> Any:
        return _trip(value)

    @field_validator("count")
    @classmethod
    def _at_least_once(cls, value: int) -> int:
        if value < 1:
            raise ValueProblem(said("plan.count_below_one"))
        return value

    @field_validator("activity", mode="before")
    @classmethod
    def _activity(cls, value: Any) -> Any:
        return _read_with(parse_activity, value)

    @field_validator("attendance", mode="before")
    @classmethod
    def _attendance(cls, value: Any) -> Any:
        return _read_with(parse_attendance, value)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _read_with(parse_date, value)

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueProblem(said("plan.give_hours"))
        return _read_with(parse_hours, value)

    @field_validator("hours")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if not value.is_finite() or value <= 0:
            raise ValueProblem(said("plan.zero_hours"))
        if value > HOURS_LIMIT:  # a number YAML gave typed: held to what parse_hours holds text
            parse_hours(str(value))
        return value

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Any:
        return value if value is None else _local_text(value)


class _RepresentativeEntry(_Strict):
    name: str
    travel: Any = None  # this representative's trip to every meeting in person

    @field_validator("travel", mode="before")
    @classmethod
    def _travel(cls, value: Any) -> Any:
        return _trip(value)


class _Reminder(_Strict):
    text: dict[str, str]
    quote: str | None = None

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _local_text(value)


class _PlanFile(_Strict):
    name: dict[str, str] | None = None
    scheme: Annotated[str, Field(pattern=SCHEME)] | None = None
    document: Document | None = None
    quote: str | None = None
    meetings: Annotated[list[_MeetingEntry], Field(min_length=1)]
    representatives: Annotated[list[_RepresentativeEntry],
                               Field(max_length=MOST_REPRESENTATIVES)] | None = None
    reminders: list[_Reminder] = Field(default_factory=list)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Any:
        return value if value is None else _local_text(value)


# ------------------------------------------------------------------- what the budget uses


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    """One meeting of a plan; an entry with `count: n` gives n of them (occurrence 1..n)."""

    number: int
    activity: str
    hours: Decimal
    attendance: Attendance | None = None
    date: dt.date | None = None
    name: LocalText | None = None
    quote: str | None = None
    occurrence: int = 1
    count: int = 1
    entry: int = 1  # the entry's place in the file's list of meetings
    line: int | None = None  # where the entry stands in its file
    activity_line: int | None = None
    activity_column: int | None = None
    trip: Any = None  # every representative's trip to it (a `Trip`), where the plan gives one


@dataclass(frozen=True, slots=True)
class PlannedRepresentative:
    """A representative the plan names, and the trip to every meeting in person."""

    name: str
    trip: Any = None  # a `Trip`, or None


@dataclass(frozen=True, slots=True)
class Reminder:
    text: LocalText
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    meetings: tuple[PlannedMeeting, ...]
    file: str
    name: LocalText | None = None
    scheme: str | None = None
    document: Document | None = None
    quote: str | None = None
    reminders: tuple[Reminder, ...] = ()
    representatives: tuple[PlannedRepresentative, ...] = ()


# ------------------------------------------------------------------------------ reading

# A plan's keys may be written in Norwegian (bokmål or nynorsk) beside English, key by key:
# a plan may mix them, but not give one key twice in two spellings.
NORWEGIAN_KEYS: dict[str, dict[str, str]] = {
    "plan": {"ordning": "scheme", "møter": "meetings", "møte": "meetings", "navn": "name",
             "namn": "name", "dokument": "document", "sitat": "quote",
             "påminnelser": "reminders", "påminningar": "reminders",
             "representanter": "representatives", "representantar": "representatives",
             "brukerrepresentanter": "representatives",
             "brukarrepresentantar": "representatives"},
    "meeting": {"aktivitet": "activity", "timer": "hours", "timar": "hours",
                "oppmøte": "attendance", "dato": "date", "navn": "name", "namn": "name",
                "antall": "count", "tal": "count", "sitat": "quote", "reise": "travel"},
    "reminder": {"tekst": "text", "sitat": "quote"},
    "representative": {"navn": "name", "namn": "name", "reise": "travel"},
}
_LISTS = {"meetings": "meeting", "reminders": "reminder", "representatives": "representative"}


def _in_english(data: dict, kind: str, path: tuple, spelled: dict[tuple, str],
                twice: list[tuple[tuple, str, str]]) -> dict:
    """`data` with its keys in English; `spelled` keeps how each was written, by its path."""
    aliases = NORWEGIAN_KEYS[kind]
    english: dict = {}
    for key, value in data.items():
        name = aliases.get(key, key) if isinstance(key, str) else key
        if name in english:
            twice.append(((*path, key), spelled.get((*path, name), name), key))
            continue
        if name != key:
            spelled[(*path, name)] = key
        if name in _LISTS and isinstance(value, list):
            value = [_in_english(item, _LISTS[name], (*path, key, i), spelled, twice)
                     if isinstance(item, dict) else item for i, item in enumerate(value)]
        english[name] = value
    return english


def _as_written(loc: tuple, spelled: dict[tuple, str]) -> tuple:
    """A path in English keys as the file writes it."""
    written: list = []
    for part in loc:
        written.append(spelled.get((*written, part), part))
    return tuple(written)


def parse_plan(text: str, file: str) -> Plan:
    """Read a plan from its text; every problem in it is raised together, each with its line."""
    doc = parse(text, file)
    problems = list(doc.problems)
    if doc.data is None:
        raise PlanError(problems or [problem(file, None, None, said("file.empty"))])
    bare_list = isinstance(doc.data, list)
    if not bare_list and not isinstance(doc.data, dict):
        raise PlanError([*problems, problem(file, 1, 1, said("plan.not_a_plan"))])
    spelled: dict[tuple, str] = {}
    twice: list[tuple[tuple, str, str]] = []
    data = _in_english({"meetings": doc.data} if bare_list else doc.data, "plan", (),
                       spelled, twice)

    def place(path: tuple) -> tuple[int | None, int | None]:
        path = _as_written(path, spelled)
        return doc.place(path[1:] if bare_list else path)

    for path, first, second in twice:
        line, column = doc.place(path[1:] if bare_list else path)
        problems.append(problem(file, line, column,
                                said("plan.same_key", first=first, second=second)))

    def too_many(number: int) -> PlanError:
        return PlanError([*problems, problem(file, *place(("meetings",)), said(
            "plan.too_many_meetings", count=number, limit=MOST_MEETINGS))])

    entries = data.get("meetings")
    if isinstance(entries, list) and len(entries) > MOST_MEETINGS:
        raise too_many(len(entries))
    try:
        found = _PlanFile.model_validate(data)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            loc = tuple(error["loc"])
            line, column = place(loc)
            problems.append(problem(file, line, column,
                                    _message(_as_written(loc, spelled), error)))
        raise PlanError(sorted(problems, key=_by_place)) from None
    if problems:
        raise PlanError(problems)
    total = sum(entry.count for entry in found.meetings)
    if total > MOST_MEETINGS:
        raise too_many(total)

    meetings: list[PlannedMeeting] = []
    for index, entry in enumerate(found.meetings):
        line, _ = place(("meetings", index))
        activity_line, activity_column = place(("meetings", index, "activity"))
        for occurrence in range(1, entry.count + 1):
            meetings.append(PlannedMeeting(
                number=len(meetings) + 1, activity=entry.activity, hours=entry.hours,
                attendance=entry.attendance, date=entry.date, name=entry.name,
                quote=entry.quote, occurrence=occurrence, count=entry.count, entry=index + 1,
                line=line,
                activity_line=activity_line, activity_column=activity_column,
                trip=entry.travel))
    reminders = tuple(Reminder(r.text, r.quote) for r in found.reminders)
    representatives = tuple(PlannedRepresentative(r.name, r.travel)
                            for r in found.representatives or ())
    return Plan(tuple(meetings), file, found.name, found.scheme, found.document, found.quote,
                reminders, representatives)


def read_plan(path: Path) -> Plan:
    try:
        text = read_text(path)
    except Unreadable as err:
        raise PlanError([err.problem]) from None
    return parse_plan(text, str(path))


def suggested_plan() -> Plan:
    """The UNN guide's suggested plan, shipped beside the rate tables."""
    return read_plan(shipped_rates_dir() / PLANS_FOLDER / SUGGESTED_PLAN)


def _by_place(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


_KEYS = {
    "meeting": Keys(tuple(_MeetingEntry.model_fields)),
    "plan": Keys(tuple(_PlanFile.model_fields)),
    "reminder": Keys(tuple(_Reminder.model_fields)),
    "representative": Keys(tuple(_RepresentativeEntry.model_fields)),
}


def _message(loc: tuple, error: Mapping[str, Any]) -> Said:
    """'meeting 2: hours: a meeting lasts more than 0 hours' rather than pydantic's paths."""
    kind = error["type"]
    where: list[Said] = []
    rest = list(loc)
    keys = _KEYS["plan"]
    head = NORWEGIAN_KEYS["plan"].get(rest[0], rest[0]) if rest else None
    if head in _LISTS and len(rest) > 1 and isinstance(rest[1], int):
        noun = _LISTS[head]
        where.append(said(f"plan.{noun}", number=rest[1] + 1))
        keys = _KEYS[noun]
        rest = rest[2:]
    field_name = ".".join(str(part) for part in rest)
    if kind == "extra_forbidden":
        message = said("plan.unknown_key", key=field_name, known=keys)
    elif kind == "missing":
        message = said("plan.missing", key=Keys((field_name,)))
    else:
        reason = from_pydantic(error)
        if kind == "too_short" and NORWEGIAN_KEYS["plan"].get(field_name, field_name) == "meetings":
            reason = said("plan.needs_meeting")
        message = said("plan.field", field=field_name, reason=reason) if field_name else reason
    for place in reversed(where):
        message = said("plan.field", field=place, reason=message)
    return message
