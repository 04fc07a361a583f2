"""Properties every calculation keeps, over generated meetings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honorar.domain import Attendance, Meeting
from honorar.rules.calculation import calculate
from honorar.tables.catalogue import Catalogue

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers

CATALOGUE = Catalogue.from_options(environ={})
ACTIVITIES = ["meeting", "full_day", "teaching", "peer_assignment", "org_information",
              "peer_work", "training", "seminar", "something_else"]

minutes = st.integers(min_value=1, max_value=16 * 60)
money = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False,
                    allow_infinity=False)


@st.composite
def meetings(draw, hours=None):
    scheme = draw(st.sampled_from(["unn", "fousam"]))
    date = draw(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 12, 31)))
    return Meeting(
        scheme=scheme,
        date=date,
        attendance=draw(st.sampled_from(list(Attendance))),
        activity=draw(st.sampled_from(ACTIVITIES)),
        hours=hours if hours is not None else draw(st.one_of(st.none(), minutes.map(
            lambda m: Decimal(m) / 60))),
        agreement=draw(st.sampled_from([True, False, None])),
        lost_income=draw(money),
        lost_income_documented=draw(st.booleans()),
        gift=draw(money),
    )


def calc(m: Meeting):
    return calculate(m, CATALOGUE.table_at(m.scheme, m.date))


@settings(max_examples=300)
@given(meetings(hours=Decimal(1)), minutes, minutes)
def test_a_longer_meeting_never_pays_less(base, a, b):
    shorter, longer = sorted((a, b))
    short = calc(Meeting(**{**_fields(base), "hours": Decimal(shorter) / 60}))
    long = calc(Meeting(**{**_fields(base), "hours": Decimal(longer) / 60}))
    if short.honorarium is not None:
        assert long.honorarium >= short.honorarium


@settings(max_examples=300)
@given(meetings())
def test_components_sum_to_the_total_in_whole_øre(m):
    result = calc(m)
    parts = (result.honorarium, result.lost_income, result.gift)
    if result.total is None:
        assert None in parts
        return
    assert sum(parts) == result.total
    for amount in (*parts, result.total):
        assert amount >= 0
        assert amount.as_tuple().exponent == -2


@settings(max_examples=200)
@given(meetings())
def test_the_same_input_gives_the_same_result(m):
    assert calc(m) == calc(Meeting(**_fields(m)))


@settings(max_examples=200)
@given(meetings())
def test_nothing_is_paid_beyond_what_was_claimed_for_lost_income_and_gift(m):
    result = calc(m)
    if result.lost_income is not None:
        assert result.lost_income <= m.lost_income
    if result.gift is not None:
        assert result.gift <= m.gift


def _fields(m: Meeting) -> dict:
    return {name: getattr(m, name) for name in Meeting.__slots__}
