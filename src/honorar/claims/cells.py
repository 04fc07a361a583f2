"""Reading one cell of a claims file into a value, fast.

The same few dates, times, amounts and words fill most of a claims file, so every reader
sits behind a small cache keyed by the cell's raw text: a million rows cost a million
dictionary look-ups and only a few hundred real parses. A cell that cannot be read raises
`CellError`, which carries its reason as a message key for any language and in English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Any

from .. import memo
from ..domain import Attendance
from ..parsing import (
    AMOUNT_LIMIT,
    HOURS_LIMIT,
    ImplausibleValue,
    NoYear,
    activity_names,
    activity_words,
    attendance_words,
    date_order_hint,
    is_ambiguous_date,
    parse_activity,
    parse_amount,
    parse_attendance,
    parse_date,
    parse_hours,
    parse_time,
    parse_yes_no,
    year_left_out,
)

CACHE_LIMIT = 20_000  # entries per column; the cache starts afresh when it is full

ZERO = Decimal(0)


class CellError(Exception):
    def __init__(self, key: str, english: str, **params: Any) -> None:
        super().__init__(english)
        self.key = key
        self.params = params


def _key(err: ValueError) -> str | None:
    """The key a reader of `honorar.parsing` said why with."""
    spoken = getattr(err, "said", None)
    return getattr(spoken, "key", None)


class Cache(dict):
    """raw cell text → value, parsing on a miss; bounded."""

    __slots__ = ("parse",)

    def __init__(self, parse: Callable[[str], Any]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, text: str) -> Any:
        value = self.parse(text)
        if len(self) >= CACHE_LIMIT or not memo.ON:
            self.clear()
        self[text] = value
        return value


def _empty() -> CellError:
    return CellError("cell_empty", "is empty")


def text(raw: str) -> str:
    value = raw.strip()
    if not value:
        raise _empty()
    return value


def amount(raw: str) -> Decimal:
    try:
        return parse_amount(raw)
    except ValueError as err:
        key = "cell_implausible_amount" if isinstance(err, ImplausibleValue) else \
            "cell_negative" if _key(err) == "value.negative" else "cell_not_amount"
        params = {"limit_kr": AMOUNT_LIMIT} if key == "cell_implausible_amount" else {}
        raise CellError(key, str(err), text=raw.strip(), **params) from None


def hours(raw: str) -> Decimal | None:
    if not raw.strip():
        return None
    try:
        return parse_hours(raw)
    except ValueError as err:
        key = "cell_implausible_hours" if isinstance(err, ImplausibleValue) else "cell_not_hours"
        params = {"limit": HOURS_LIMIT} if key == "cell_implausible_hours" else {}
        raise CellError(key, str(err), text=raw.strip(), **params) from None


def time(raw: str) -> dt.time | None:
    s = raw.strip()
    if not s:
        return None
    if len(s) == 5 and s[2] == ":" and s.isascii():
        try:
            return dt.time(int(s[:2]), int(s[3:]))
        except ValueError:
            pass
    try:
        return parse_time(s)
    except ValueError as err:
        raise CellError("cell_not_time", str(err), text=s) from None


_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?")


class NotedDate(dt.date):
    """A date read on an assumption the row's finding should say: a year taken from the
    file's other dates ('06.10'), or a slashed date read day-first with nothing in the sheet
    to tell. `note` is (finding code, its values); the reader takes it off the date."""

    note: tuple[str, dict[str, Any]]

    def __new__(cls, read: dt.date, code: str, **params: Any) -> NotedDate:
        made = super().__new__(cls, read.year, read.month, read.day)
        made.note = (code, params)
        return made

    def plain(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)


def date_reader(slash_order: str | None, dot_order: str, required: bool,
                year: int | None = None, order_assumed: bool = False
                ) -> Callable[[str], dt.date | None]:
    """ISO and dotted dates as they are; slashed ones in `slash_order`. With no order known,
    a slashed date that reads both ways is refused rather than guessed. A date without its
    year takes `year` (the file's), as a `NotedDate`; with `order_assumed`, so does a
    slashed date that reads both ways (read in `slash_order` for want of a sign)."""

    def read(raw: str) -> dt.date | None:
        s = raw.strip()
        if not s:
            if required:
                raise _empty()
            return None
        if len(s) == 10 and s[4] == "-" and s[7] == "-":
            try:
                return dt.date.fromisoformat(s)
            except ValueError:
                raise CellError("cell_not_real_date", "is not a real date", text=s) from None
        head, _, tail = s.replace("T", " ", 1).partition(" ")
        if tail and _TIME_OF_DAY.fullmatch(tail.strip()):  # '15.03.2023 00:00' from Excel
            s = head
        if "/" in s:
            order = slash_order or date_order_hint(s)
            if order is None:
                if is_ambiguous_date(s):
                    raise CellError("cell_ambiguous_date",
                                    f"'{s}' reads day-first or month-first; give --date-order",
                                    text=s)
                order = "dmy"
        else:
            order = dot_order
        try:
            date = parse_date(s, order, year)
        except NoYear:
            raise CellError("cell_date_without_year", f"'{s}' has no year, and the file no "
                            "other dates to take it from", text=s) from None
        except ValueError as err:
            if _key(err) != "value.not_real_date":
                raise CellError("cell_not_date", str(err), text=s) from None
            # with a decided order for slashed dates, say which: '03/15' is fine the other way
            key = f"cell_not_real_date_{order}" if "/" in s and slash_order else "cell_not_real_date"
            raise CellError(key, str(err), text=s) from None
        if year is not None and year_left_out(s):
            return NotedDate(date, "date_year_assumed", text=s, date=date)
        if order_assumed and "/" in s and is_ambiguous_date(s):
            return NotedDate(date, "date_order_assumed", text=s, date=date)
        return date

    return read


def yes_no(extra: Mapping[str, bool], blank: bool | None) -> Callable[[str], bool | None]:
    def read(raw: str) -> bool | None:
        word = " ".join(raw.strip().lower().split())
        if not word:
            return blank
        if word in extra:
            return extra[word]
        try:
            return parse_yes_no(word)
        except ValueError as err:
            raise CellError("cell_not_yes_no", str(err), text=raw.strip()) from None

    return read


def attendance(extra: Mapping[str, str]) -> Callable[[str], Attendance]:
    def read(raw: str) -> Attendance:
        if not raw.strip():
            raise _empty()
        try:
            return Attendance(parse_attendance(raw, dict(extra)))
        except ValueError as err:
            raise CellError("cell_not_attendance", str(err), text=raw.strip(),
                            words=", ".join(attendance_words(dict(extra)))) from None

    return read


def activity(extra: Mapping[str, str],
             known: Collection[str] | None = None) -> Callable[[str], str]:
    """Activities by word or name; with `known`, a name no table knows is not read."""
    def read(raw: str) -> str:
        if not raw.strip():
            return "meeting"
        try:
            return parse_activity(raw, dict(extra), known)
        except ValueError as err:
            raise CellError("cell_not_activity", str(err), text=raw.strip(),
                            words=", ".join(activity_words(dict(extra))),
                            names=", ".join(activity_names(known or ()))) from None

    return read


def scheme(extra: Mapping[str, str], default: str | None = None) -> Callable[[str], str]:
    """A scheme by name or a mapping's word; a blank cell is `default` (--scheme) where
    given."""
    def read(raw: str) -> str:
        word = " ".join(raw.strip().lower().split())
        if not word:
            if default is not None:
                return default
            raise _empty()
        return extra.get(word, word)

    return read
