"""Values as people and Norwegian spreadsheets write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from honorar.parsing import (
    date_order_hint,
    hours_between,
    parse_activity,
    parse_amount,
    parse_attendance,
    parse_date,
    parse_hours,
    parse_time,
    parse_yes_no,
)


@pytest.mark.parametrize(("text", "value"), [
    ("1 960,00", "1960.00"), ("1.960,-", "1960"), ("kr 1960", "1960"), ("1960.5", "1960.5"),
    ("1\u00a0960,00\u00a0kr", "1960.00"), ("NOK 1,960.50", "1960.50"), ("1960,-", "1960"),
    ("392", "392"), ("", "0"), ("  ", "0"), ("1.234.567,89", "1234567.89"), ("0,5", "0.5"),
    ("1,176", "1176"), ("1,234,567", "1234567"), ("392.500", "392500"), ("1960,50", "1960.50"),
])
def test_amounts(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["mye", "1,2,3.4.5x", "-200", "12 kroner og 50 øre", "1e3",
                                  "0,125", "1960,505", "1,2,3"])
def test_not_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(("text", "hours"), [
    ("2.5", Decimal("2.5")), ("2,5", Decimal("2.5")), ("3", Decimal(3)), ("2:30", Decimal("2.5")),
    ("0:45", Decimal("0.75")),
])
def test_hours(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["0", "0:00", "-1", "to", "1e3", "2:75", ""])
def test_not_hours(text):
    with pytest.raises(ValueError):
        parse_hours(text)


@pytest.mark.parametrize(("text", "order", "date"), [
    ("2022-03-15", "dmy", dt.date(2022, 3, 15)),
    ("15.03.2022", "dmy", dt.date(2022, 3, 15)),
    ("5.3.2022", "dmy", dt.date(2022, 3, 5)),
    ("15/03/2022", "dmy", dt.date(2022, 3, 15)),
    ("03/15/2022", "mdy", dt.date(2022, 3, 15)),
    ("2022-03-15", "mdy", dt.date(2022, 3, 15)),  # ISO is never month-first
])
def test_dates(text, order, date):
    assert parse_date(text, order) == date


@pytest.mark.parametrize("text", ["2022-02-30", "31.04.2022", "15-03-2022x", "i går", "03/15/2022"])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_date_order_is_told_only_by_unambiguous_dates():
    assert date_order_hint("15.03.2022") == "dmy"
    assert date_order_hint("03/15/2022") == "mdy"
    assert date_order_hint("03/04/2022") is None
    assert date_order_hint("2022-03-04") is None


@pytest.mark.parametrize(("text", "time"), [
    ("09:00", dt.time(9)), ("9.00", dt.time(9)), ("0900", dt.time(9)), ("09:00:00", dt.time(9)),
    ("9", dt.time(9)), ("13:45", dt.time(13, 45)),
])
def test_times(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("text", ["25:00", "9:7", "ni", "12:60"])
def test_not_times(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_an_end_at_or_before_the_start_is_the_next_day():
    """Issue 23: 22:00–01:00 is 3 hours; an end at the start is a whole day (which
    `implausible_duration` then guards)."""
    assert hours_between(dt.time(10), dt.time(12, 31)) * 60 == 151
    assert hours_between(dt.time(22), dt.time(1)) == 3
    assert hours_between(dt.time(12), dt.time(12)) == 24


@pytest.mark.parametrize(("text", "value"), [
    ("ja", True), ("Ja", True), ("x", True), ("1", True), ("yes", True),
    ("nei", False), ("0", False), ("", False), ("no", False),
])
def test_yes_no(text, value):
    assert parse_yes_no(text) is value


def test_words_for_attendance_and_activity():
    assert parse_attendance(" Teams ") == "remote"
    assert parse_attendance("Fysisk") == "physical"
    assert parse_activity("Heldagsmøte") == "full_day"
    assert parse_activity("erfaringsformidling") == "teaching"
    assert parse_activity("patient_education") == "patient_education"  # a table's own activity
    with pytest.raises(ValueError):
        parse_attendance("brev")
    with pytest.raises(ValueError):
        parse_activity("???")
