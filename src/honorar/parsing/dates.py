"""Dates and times of day as Norwegian spreadsheets and people write them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..problem import ValueProblem, said

DATE_ORDERS = ("dmy", "mdy")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})")


_MONTHS = {
    "januar": 1, "jan": 1, "january": 1, "februar": 2, "feb": 2, "february": 2, "mars": 3,
    "mar": 3, "march": 3, "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "jun": 6,
    "june": 6, "juli": 7, "jul": 7, "july": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "desember": 12, "des": 12, "december": 12, "dec": 12,
}
# '6. oktober 2026', '6. okt. 2026', '6 okt 26'; the year may be left out ('6. okt')
_NAMED_MONTH = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?(?:\s*(\d{4}|\d{2}))?")
# '06.10': a day and a month, the year left out
_NO_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")


class NoYear(ValueError):
    """A date written without its year ('06.10', '6. okt'): `day` and `month` are known."""

    def __init__(self, raw: str, month: int, day: int) -> None:
        super().__init__(f"'{raw}' has no year")
        self.month = month
        self.day = day


def parse_date(text: str, order: str = "dmy", year: int | None = None) -> dt.date:
    """ISO '2022-03-15', Norwegian '15.03.2022', '6. oktober 2026', '6. okt. 2026'; with
    order 'mdy', US '03/15/2022'. A date without its year ('06.10', '6. okt') takes `year`;
    without one it raises `NoYear`."""
    raw = text.strip()
    match = _ISO.fullmatch(raw)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DOTTED.fullmatch(raw)
        if match:
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if year < 100:
                year += 2000
            day, month = (second, first) if order == "mdy" else (first, second)
            return dt.date(year, month, day)
        match = _NAMED_MONTH.fullmatch(raw)
        if match and match[2].casefold() in _MONTHS:
            day, month = int(match[1]), _MONTHS[match[2].casefold()]
            if match[3] is None:
                return _without_year(raw, month, day, year)
            given = int(match[3])
            return dt.date(given + 2000 if given < 100 else given, month, day)
        match = _NO_YEAR.fullmatch(raw)
        if match:
            return _without_year(raw, int(match[2]), int(match[1]), year)
    except ValueError as err:
        if isinstance(err, NoYear):
            raise
        raise ValueProblem(said("value.not_real_date", value=raw)) from None
    raise ValueProblem(said("value.not_date", value=raw))


def year_left_out(text: str) -> bool:
    """Whether a date is written without its year ('06.10', '6. okt')."""
    raw = text.strip()
    if _NO_YEAR.fullmatch(raw):
        return True
    match = _NAMED_MONTH.fullmatch(raw)
    return bool(match) and match[3] is None and match[2].casefold() in _MONTHS


def _without_year(raw: str, month: int, day: int, year: int | None) -> dt.date:
    if year is None:
        dt.date(2000, month, day)  # a leap year: 29.02 is a real day and month
        raise NoYear(raw, month, day)
    return dt.date(year, month, day)


def date_order_hint(text: str) -> str | None:
    """'dmy' or 'mdy' where a slashed or dotted date can be read only one way, else None."""
    match = _DOTTED.fullmatch(text.strip())
    if not match:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def is_ambiguous_date(text: str) -> bool:
    match = _DOTTED.fullmatch(text.strip())
    return bool(match) and match[1] != match[2] and int(match[1]) <= 12 and int(match[2]) <= 12



# --------------------------------------------------------------------------- times

_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?|(\d{2}))?")


def parse_time(text: str) -> dt.time:
    """'09:00', '9.00', '0900', '09:00:00', '9' → time."""
    raw = text.strip()
    match = _TIME.fullmatch(raw)
    if not match:
        raise ValueProblem(said("value.not_time", value=raw))
    hour = int(match[1])
    minute = int(match[2] or match[4] or 0)
    second = int(match[3] or 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ValueProblem(said("value.not_real_time", value=raw)) from None


def hours_between(start: dt.time, end: dt.time) -> Decimal:
    """The length of a meeting in hours; an end at or before the start is the next day
    (22:00–01:00 is 3 hours)."""
    seconds = (end.hour * 3600 + end.minute * 60 + end.second) - (
        start.hour * 3600 + start.minute * 60 + start.second)
    if seconds <= 0:
        seconds += 24 * 3600
    return Decimal(seconds) / 3600


