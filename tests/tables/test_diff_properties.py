"""Properties of the table comparison over generated tables.

The generators draw from small domains on purpose, so that two tables drawn apart are often
equal, or nearly: the comparison must then find exactly the parts that differ.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from honorar.domain import DEFAULT_SEVERITY
from honorar.tables.diff import compare, flatten
from honorar.tables.schema import RateTable

ACTIVITIES = ["meeting", "full_day", "teaching"]
NOT_PAYABLE = ["org_information", "peer_work"]

words = st.sampled_from(["a", "b"])
amounts = st.sampled_from([Decimal("0"), Decimal("392"), Decimal("980.50")])
hours = st.sampled_from([Decimal("0.5"), Decimal("2.5"), Decimal("4")])


@st.composite
def cited(draw) -> dict:
    if draw(st.booleans()):
        return {"quote": draw(words)} | ({"reason": draw(words)} if draw(st.booleans()) else {})
    return {"assumption": draw(words), "reason": draw(words)}


def amount(kr=amounts):
    return st.builds(lambda kr, c: {"kr": kr, **c}, kr, cited())


@st.composite
def tiered(draw) -> dict:
    limits = sorted(draw(st.sets(hours, max_size=2)))
    values = sorted(draw(st.lists(amounts, min_size=len(limits) + 1, max_size=len(limits) + 1)))
    tiers = [{"up_to_hours": {"hours": h, **draw(cited())}, "amount": {"kr": v, **draw(cited())}}
             for h, v in zip(limits, values, strict=False)]
    tiers.append({"amount": {"kr": values[-1], **draw(cited())}})
    rule = {"rule": "tiered", "tiers": tiers}
    if draw(st.booleans()):
        rule["without_duration"] = {"tier": draw(st.sampled_from(["first", "last"])), **draw(cited())}
    return rule


@st.composite
def hourly(draw) -> dict:
    rule = {"rule": "hourly", "rate": draw(amount())}
    if draw(st.booleans()):
        rule["rounding"] = {"step_hours": draw(hours),
                            "direction": draw(st.sampled_from(["up", "nearest", "down"])),
                            **draw(cited())}
    if draw(st.booleans()):
        rule["cap"] = draw(amount(st.one_of(st.none(), amounts)))
    return rule


price_rules = st.one_of(
    st.builds(lambda a: {"rule": "flat", "amount": a}, amount()),
    hourly(),
    tiered(),
    st.builds(lambda c: {"rule": "gift_only", **c}, cited()),
)

pytestmark = pytest.mark.slow  # generated input, many runs each: see pyproject's markers


@st.composite
def activity_rules(draw) -> dict:
    shape = draw(st.sampled_from(["any", "physical", "remote", "both"]))
    if shape == "both":
        return {"physical": draw(price_rules), "remote": draw(price_rules)}
    return {shape: draw(price_rules)}


@st.composite
def table_data(draw) -> dict:
    activities = draw(st.dictionaries(st.sampled_from(ACTIVITIES), activity_rules(),
                                      min_size=1, max_size=2))
    data: dict = {
        "scheme": draw(st.sampled_from(["unn", "demo"])),
        "name": draw(words),
        "effective": draw(st.sampled_from([dt.date(2022, 1, 1), dt.date(2024, 1, 1)])),
        "document": {"title": draw(words), "short": draw(words),
                     **({"validity": draw(words)} if draw(st.booleans()) else {})},
        "activities": activities,
        "lost_income": {"documentation_required": {"value": draw(st.booleans()), **draw(cited())},
                        "cap": draw(amount(st.one_of(st.none(), amounts)))},
    }
    optional = {
        "not_payable": st.dictionaries(st.sampled_from(NOT_PAYABLE), cited(), max_size=2),
        "attendance": cited(),
        "agreement": st.builds(lambda r, c: {"required": r, **c}, st.booleans(), cited()),
        "gift": st.builds(lambda picked, cap: {"activities": sorted(picked), "cap": cap},
                          st.sets(st.sampled_from(sorted(activities)), max_size=1), amount()),
        "claim_age": st.builds(lambda m, c: {"months": m, **c}, st.sampled_from([3, 6]), cited()),
        "representatives": st.builds(lambda m, c: {"minimum": m, **c}, st.sampled_from([1, 2]),
                                     cited()),
        "severities": st.dictionaries(st.sampled_from(sorted(DEFAULT_SEVERITY)[:2]),
                                      st.sampled_from(["error", "warning"]), max_size=1),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    return data


tables = table_data().map(RateTable.model_validate)


def same_but_date(a: RateTable, b: RateTable) -> bool:
    return a == b.model_copy(update={"effective": a.effective})


@settings(max_examples=100, deadline=None)
@given(tables)
def test_a_table_compared_with_itself_has_no_differences(table):
    assert compare(table, table) == []


@settings(max_examples=150, deadline=None)
@given(tables, tables)
def test_no_differences_exactly_when_the_tables_are_equal(a, b):
    forth, back = compare(a, b), compare(b, a)
    assert (forth == []) == same_but_date(a, b)
    # each item once, and only items one of the tables has
    items = [c.item for c in forth]
    assert len(items) == len(set(items))
    assert set(items) <= set(flatten(a)) | set(flatten(b))
    # the other way round, old and new trade places
    swap = {"added": "removed", "removed": "added", "changed": "changed",
            "source_changed": "source_changed"}
    assert sorted((c.item, swap[c.kind], str(c.new), str(c.old)) for c in forth) == sorted(
        (c.item, c.kind, str(c.old), str(c.new)) for c in back)
    differences = {c.item: c.difference for c in back}
    for c in forth:
        if c.difference is not None:
            assert differences[c.item] == -c.difference


ALTERNATIVES = [("up", "nearest", "down"), ("first", "last"), ("error", "warning"),
                tuple(ACTIVITIES), tuple(NOT_PAYABLE), ("unn", "demo")]


def leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, (*path, i))
    elif path not in (("effective",),) and "rule" not in path[-1:]:
        yield path, data


def other_than(value):
    """A different value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | Decimal):
        return value + 1
    if value is None:
        return Decimal("100")
    for choices in ALTERNATIVES:
        if value in choices:
            return next(c for c in choices if c != value)
    return value + "x"


@settings(max_examples=200, deadline=None)
@given(table_data(), st.data())
def test_one_value_changed_in_the_file_is_found_where_it_stands(data, draw):
    path, value = draw.draw(st.sampled_from(list(leaves(data))))
    changed = copy.deepcopy(data)
    holder = changed
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = other_than(value)
    try:
        before, after = RateTable.model_validate(data), RateTable.model_validate(changed)
    except ValidationError:
        assume(False)  # the change broke a rule of the table (tiers out of order, say)
        return
    changes = compare(before, after)
    assert changes, path
    container = ".".join(str(part) for part in path[:-1])
    assert all(c.item.startswith(container) for c in changes), (path, changes)
