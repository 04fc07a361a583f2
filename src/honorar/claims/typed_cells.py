"""A workbook's typed cells (numbers, dates, times, booleans) written as the texts a CSV
file would hold, so that one row reader reads both to the same values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..parsing.amounts import GROUPED_BY_POINT
from .cells import Cache
from .sniff import (
    Header,
)

# Excel shows at most 15 significant digits; more in a stored number is binary noise
# (0.1 + 0.2 is stored as 0.30000000000000004 and shown as 0.3).
_SIGNIFICANT_DIGITS = 15
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01, past Excel's 29 Feb 1900
_LAST_SERIAL = 2_958_465  # 9999-12-31

def number_text(number: float | int) -> str:
    """A number as the shortest decimal that Excel would show for it: '1176.1', '1001'."""
    if isinstance(number, int):
        return str(number)
    if not math.isfinite(number):
        return repr(number)
    value = Decimal(repr(number))
    if len(value.as_tuple().digits) > _SIGNIFICANT_DIGITS:
        value = Decimal(format(number, f".{_SIGNIFICANT_DIGITS}g"))
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")


def _amount_text(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = number_text(value)
        # '1.125' would read as 1 125 (three digits after a point are a thousands group in
        # a text cell); a number is not grouped, so say it with a fourth decimal, which is
        # refused as more than two decimals, as the number itself is
        return text + "0" if GROUPED_BY_POINT.fullmatch(text.lstrip("-")) else text
    return cell_text(value)


_EPOCH_1904 = dt.date(1904, 1, 1)  # serial 0 of a workbook in the 1904 date system
_SERIALS_1904 = 1462  # days from the 1900 system's serial 0 to the 1904 system's


def _serial_date(serial: float, date1904: bool = False) -> dt.date | None:
    if date1904:  # a Mac workbook's, or one saved so: 0 is 1 January 1904
        if not 0 <= serial <= _LAST_SERIAL - _SERIALS_1904:
            return None
        return _EPOCH_1904 + dt.timedelta(int(serial))
    if not 1 <= serial <= _LAST_SERIAL:
        return None
    if serial < 61:  # Excel counts a 29 February 1900 that never was
        return None if int(serial) == 60 else dt.date(1899, 12, 31) + dt.timedelta(int(serial))
    return _EXCEL_EPOCH + dt.timedelta(int(serial))


def _date_text(value: Any, date1904: bool = False) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        date = _serial_date(value, date1904)
        if date is not None:
            return date.isoformat()
    return cell_text(value)


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, second = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{second:02d}" if second else "")


def _seconds(value: dt.time) -> int:
    # a time read back from a fraction of a day may be a microsecond short of the minute
    return round(value.hour * 3600 + value.minute * 60 + value.second
                 + value.microsecond / 1_000_000)


def _time_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return _clock(_seconds(value.time()))
    if isinstance(value, dt.time):
        return _clock(_seconds(value))
    if isinstance(value, dt.timedelta) and value < dt.timedelta(days=1):
        return _clock(round(value.total_seconds()))
    if isinstance(value, float) and 0 <= value < 1:  # a time of day as a fraction of a day
        return _clock(round(value * 86400))
    return cell_text(value)  # 9 or 930, as a CSV cell '9' or '0930' is read


def _hours_text(value: Any) -> str:
    if isinstance(value, dt.time | dt.datetime):  # a duration typed as a time: 2:30
        seconds = _seconds(value.time() if isinstance(value, dt.datetime) else value)
    elif isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
    else:
        return cell_text(value)
    minutes, second = divmod(seconds, 60)
    if second:
        return number_text(float(Decimal(seconds) / 3600))
    return f"{minutes // 60}:{minutes % 60:02d}"


def cell_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows them; read as yes and no
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _clock(_seconds(value))
    if isinstance(value, dt.timedelta):
        return _hours_text(value)
    return str(value)


def _datetime_text(value: Any, date1904: bool = False) -> str:
    """A departure or return: a date-time cell, or a date serial with the time of day as
    its fraction, as '2024-03-15 07:30'."""
    if isinstance(value, dt.datetime):
        return f"{value.date().isoformat()} {_clock(_seconds(value.time()))}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        date = _serial_date(value, date1904)
        if date is not None:
            return f"{date.isoformat()} {_clock(round((value - int(value)) * 86400))}"
    return cell_text(value)


_BY_COLUMN: dict[str, Callable[[Any], str]] = {
    "date": _date_text, "submitted": _date_text, "start": _time_text, "end": _time_text,
    "hours": _hours_text, "claimed_honorarium": _amount_text, "lost_income": _amount_text,
    "gift": _amount_text, "travel_hours": _hours_text, "departure": _datetime_text,
    "return": _datetime_text, "expenses": _amount_text, "travel_claimed": _amount_text,
}


_SERIAL_DATES = ("date", "submitted", "departure", "return")


def row_texts(header: Header, width: int, date1904: bool = False
               ) -> Callable[[list[Any]], list[str]]:
    """A function turning a row of typed cells into the texts the CSV row reader takes
    (`date1904`: a date serial counts from 1904, as the workbook says)."""
    from functools import partial

    by_column = dict(_BY_COLUMN)
    if date1904:
        for column in _SERIAL_DATES:
            by_column[column] = partial(by_column[column], date1904=True)
    kinds = {index: column for column, index in header.columns.items()}
    # typed cells repeat through a sheet, as text does
    converted = [Cache(by_column.get(kinds.get(i, ""), cell_text)) for i in range(width)]

    def texts(cells: list[Any]) -> list[str]:
        # True == 1 as a dict key: a yes/no cell must not take a number's text
        return [c if c.__class__ is str else
                (cell_text(c) if c.__class__ is bool else converted[i][c])
                for i, c in enumerate(cells)]

    return texts
