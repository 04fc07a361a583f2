"""A `Pricer` gives what `calculate` gives, field by field, whatever it remembers.

The pricer puts calculations together from parts it remembers by the facts they rest on;
a part remembered under too few facts, or under a table that is gone, would show here as
a calculation unlike `calculate`'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honorar.domain import Attendance, Meeting, Trip
from honorar.rules.calculation import calculate
from honorar.rules.pricer import PARTS_KEPT, Pricer
from honorar.tables.schema import LocalText

from ..conftest import meeting

SCHEMES = ["unn", "fousam"]
# before unn's first table, either side of the day unn's rates are to be checked again,
# before the first travel table and under later ones
DATES = [dt.date(2021, 12, 31), dt.date(2022, 3, 15), dt.date(2023, 1, 1), dt.date(2023, 1, 2),
         dt.date(2018, 7, 1), dt.date(2021, 5, 2), dt.date(2024, 6, 1), dt.date(2026, 2, 1)]
# paid ones of both tables, ones never paid (fousam), and one no table knows
ACTIVITIES = ["meeting", "full_day", "teaching", "training", "seminar", "peer_assignment",
              "org_information", "peer_work", "knitting"]
BOUNDARY_HOURS = ["0.25", "0.5", "1", "2.5", "2.51", "4", "4.01", "4.99", "5", "12", "12.01"]

hours = st.one_of(
    st.none(),
    st.sampled_from([Decimal(h) for h in BOUNDARY_HOURS]),
    # as the reader gives a meeting's length from its start and end
    st.integers(1, 16 * 60).map(lambda minutes: Decimal(minutes * 60) / 3600),
)
kroner = st.decimals(min_value=1, max_value=3000, places=2)
lost_income = st.one_of(st.just(Decimal(0)), st.sampled_from(
    [Decimal(900), Decimal(1500), Decimal("1500.01"), Decimal(2000)]), kroner)
gifts = st.one_of(st.just(Decimal(0)), st.sampled_from(
    [Decimal(250), Decimal(300), Decimal(301)]), kroner)
trips = st.one_of(st.none(), st.builds(
    Trip,
    km=st.sampled_from([Decimal(0), Decimal(12), Decimal(40), Decimal(300)]),
    passenger_km=st.sampled_from([Decimal(0), Decimal(10)]),
    distance_km=st.sampled_from([None, Decimal(5), Decimal(20), Decimal(100)]),
    hours=st.sampled_from([None, Decimal(3), Decimal("7.5"), Decimal(13), Decimal(30)]),
    nights=st.integers(0, 2), nights_without_receipt=st.integers(0, 1),
    meals=st.sampled_from([(), ("lunch",), ("breakfast", "dinner")]),
    expenses=st.sampled_from([Decimal(0), Decimal(150)]), expenses_documented=st.booleans()))
meetings = st.builds(
    Meeting, scheme=st.sampled_from(SCHEMES), date=st.sampled_from(DATES),
    attendance=st.sampled_from(list(Attendance)), activity=st.sampled_from(ACTIVITIES),
    hours=hours, agreement=st.sampled_from([True, False, None]), lost_income=lost_income,
    lost_income_documented=st.booleans(), gift=gifts, trip=trips)

FACTS = [f.name for f in dataclasses.fields(Meeting)]


@st.composite
def meeting_mixes(draw) -> list[tuple[Meeting, bool]]:
    """Meetings made of a few meetings' facts, each fact from any of them, so that most
    parts of one meeting are parts of another whose other facts differ; each with whether
    its travel table is to be found."""
    pool = draw(st.lists(meetings, min_size=2, max_size=4))
    mixed = []
    for _ in range(draw(st.integers(1, 25))):
        facts = {fact: getattr(draw(st.sampled_from(pool)), fact) for fact in FACTS}
        mixed.append((Meeting(**facts), draw(st.booleans())))
    return mixed


def priced_with(shipped, m: Meeting, with_travel_table: bool = True):
    """The meeting, its table, and the travel table in force (or none, as asked)."""
    table = shipped.table_at(m.scheme, m.date)
    travel = None
    if with_travel_table and table is not None and table.travel is not None:
        travel = shipped.travel_at(table.travel.table, m.date)
    return m, table, travel


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(facts=meeting_mixes(), order=st.randoms(use_true_random=False), kept=st.sampled_from([PARTS_KEPT, 3, 0]))
def test_a_pricer_gives_what_calculate_gives(shipped, facts, order, kept):
    cases = [priced_with(shipped, m, with_travel) for m, with_travel in facts]
    expected = {i: calculate(*case) for i, case in enumerate(cases)}
    pricer = Pricer(kept)
    # every meeting twice, in an order of its own, so that parts made for one are asked
    # for by another
    asked = [*range(len(cases)), *range(len(cases))]
    order.shuffle(asked)
    for i in asked:
        got = pricer(*cases[i])
        assert got == expected[i]
        assert repr(got) == repr(expected[i])  # every amount written to the same digits


def test_a_part_is_made_once_for_every_meeting_that_shares_its_facts(shipped, fee_parts_made):
    made = fee_parts_made
    pricer = Pricer()
    for claimed in ("0", "900", "1200"):
        m = meeting(hours="2", agreement=True, lost_income=Decimal(claimed),
                    lost_income_documented=True)
        assert pricer(*priced_with(shipped, m)) == calculate(*priced_with(shipped, m))
    assert len(made) == 1
    # a pricer that keeps nothing makes the part again for every meeting, and holds none
    made.clear()
    forgetful = Pricer(0)
    for _ in range(2):
        assert forgetful(*priced_with(shipped, m)) == calculate(*priced_with(shipped, m))
    assert len(made) == 2
    assert len(forgetful._fees) == 0


@pytest.mark.slow
def test_a_table_dropped_is_not_mistaken_for_the_table_that_takes_its_place(shipped):
    """The pricer knows tables by identity; one that let a table go could see a new table
    at the same address and give it the old table's parts."""
    base = shipped.table_at("unn", dt.date(2022, 3, 15))
    m = meeting(hours="2")
    pricer = Pricer()
    for n in range(50):
        table = base.model_copy(update={"name": LocalText(f"Tabell {n}", f"Table {n}")})
        got = pricer(m, table)
        assert got == calculate(m, table)
        del table, got
        gc.collect()
