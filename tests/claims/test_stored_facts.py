"""A claim's facts as the ledger keeps them (`claims.stored`): the same claim back."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from honorar.claims import Claim
from honorar.claims.stored import StoredFactsError, claim_from_facts, facts_json
from honorar.domain import Trip

from ..conftest import meeting


def _claim(**changes) -> Claim:
    trip = Trip(km=Decimal("120.5"), passenger_km=Decimal("40"), vehicle="car",
                distance_km=Decimal("60.25"), hours=Decimal("7.5"), nights=1,
                nights_without_receipt=1, meals=("breakfast", "lunch", "lunch"),
                expenses=Decimal("89.90"), expenses_documented=True,
                trailer_km=Decimal("10"), forest_road_km=Decimal("5"))
    values = dict(row=7, claim_id="K-7", representative="Kari Nordmann", group="Rus",
                  meeting=meeting(date="2025-03-04", hours="2.75", attendance="physical",
                                  lost_income=Decimal("1500"), lost_income_documented=True,
                                  agreement=True, trip=trip),
                  start=dt.time(9, 0), end=dt.time(11, 45), claimed_honorarium=Decimal("0"),
                  submitted=dt.date(2025, 3, 10), representative_id="1001",
                  travel_claimed=Decimal("1234.50"))
    values.update(changes)
    return Claim(**values)


def _back(claim: Claim, text: str) -> Claim:
    return claim_from_facts(text, row=claim.row, claim_id=claim.claim_id,
                            representative=claim.representative,
                            representative_id=claim.representative_id, group=claim.group)


@pytest.mark.parametrize("claim", [
    _claim(),
    _claim(meeting=meeting(date="2025-01-02", activity="full_day", attendance="remote"),
           start=None, end=None, submitted=None, representative_id=None, group=None,
           travel_claimed=None, claimed_honorarium=Decimal("1960.00")),
])
def test_the_kept_facts_give_the_same_claim_back(claim):
    text = facts_json(claim)
    assert _back(claim, text) == claim
    facts = json.loads(text)
    assert facts["v"] == 1 and list(facts) == sorted(facts)  # stable: keys sorted
    assert facts_json(_back(claim, text)) == text


def test_facts_of_a_later_layout_or_damaged_are_refused_in_one_line():
    claim = _claim()
    facts = json.loads(facts_json(claim))
    with pytest.raises(StoredFactsError, match="layout 2"):
        _back(claim, json.dumps({**facts, "v": 2}))
    with pytest.raises(StoredFactsError, match="cannot be read"):
        _back(claim, json.dumps({**facts, "date": "2025-02-30"}))
    with pytest.raises(StoredFactsError):
        _back(claim, "not json")


def test_facts_that_cannot_be_read_are_said_by_a_key_in_every_language():
    claim = _claim()
    facts = json.loads(facts_json(claim))
    with pytest.raises(StoredFactsError) as raised:
        _back(claim, json.dumps({**facts, "v": 2}))
    assert raised.value.said.key == "stored_facts.layout"
    assert "har format 2, ikkje" in raised.value.words("nn")
    with pytest.raises(StoredFactsError) as raised:
        _back(claim, "not json")
    assert raised.value.said.key == "stored_facts.unreadable"
    assert raised.value.words("nb").startswith("opplysningene registeret har lagret om kravet")
