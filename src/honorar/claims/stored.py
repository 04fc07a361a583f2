"""A claim's facts as kept (JSON text), and the claim made again from them.

The ledger keeps, beside what a claim was paid, the claim as the audit read it, so that it
can be priced again under other rates (`rates diff --impact-ledger`). The JSON is stable:
keys sorted, amounts and hours as exact decimal strings, dates and times in ISO form, and a
version (`v`) that a later change of the layout raises. Who the claim is from, its group,
claim id and row are the ledger's own columns; they are given back when the claim is made.

    {"v": 1, "scheme": "unn", "date": "2025-03-04", "attendance": "physical",
     "activity": "meeting", "hours": "3", "start": "09:00:00", "end": "12:00:00",
     "agreement": null, "lost_income": "0", "lost_income_documented": false, "gift": "0",
     "claimed_honorarium": "1176.00", "travel_claimed": null, "submitted": "2025-03-10",
     "trip": {"km": "120", "passenger_km": "0", "vehicle": "car", "distance_km": null,
              "hours": "7.5", "nights": 0, "nights_without_receipt": 0, "meals": ["lunch"],
              "expenses": "0", "expenses_documented": false, "trailer_km": "0",
              "forest_road_km": "0"}}
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ..domain import Attendance, Meeting, Trip
from ..problem import Problem, said
from .records import Claim

VERSION = 1

_TRIP_AMOUNTS = ("km", "passenger_km", "expenses", "trailer_km", "forest_road_km")
_TRIP_OPTIONAL = ("distance_km", "hours")


class StoredFactsError(Problem, ValueError):
    """Kept facts that cannot be read (a newer layout, or damaged), raised as what it says
    (`stored_facts.*`)."""


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _trip(trip: Trip) -> dict:
    out: dict = {name: str(getattr(trip, name)) for name in _TRIP_AMOUNTS}
    out.update({name: _number(getattr(trip, name)) for name in _TRIP_OPTIONAL})
    out.update(vehicle=trip.vehicle, nights=trip.nights,
               nights_without_receipt=trip.nights_without_receipt, meals=list(trip.meals),
               expenses_documented=trip.expenses_documented)
    return out


def facts_json(claim: Claim) -> str:
    """The claim's facts, as the ledger keeps them."""
    m = claim.meeting
    facts = {
        "v": VERSION, "scheme": m.scheme, "date": m.date.isoformat(),
        "attendance": m.attendance.value, "activity": m.activity, "hours": _number(m.hours),
        "start": None if claim.start is None else claim.start.isoformat(),
        "end": None if claim.end is None else claim.end.isoformat(),
        "agreement": m.agreement, "lost_income": str(m.lost_income),
        "lost_income_documented": m.lost_income_documented, "gift": str(m.gift),
        "claimed_honorarium": str(claim.claimed_honorarium),
        "travel_claimed": _number(claim.travel_claimed),
        "submitted": None if claim.submitted is None else claim.submitted.isoformat(),
        "trip": None if m.trip is None else _trip(m.trip),
    }
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def claim_from_facts(text: str, *, row: int, claim_id: str, representative: str,
                     representative_id: str | None, group: str | None) -> Claim:
    """The claim the facts were kept of, with the ledger's own columns given back."""
    try:
        facts = json.loads(text)
        if facts.get("v") != VERSION:
            raise StoredFactsError(said("stored_facts.layout", layout=repr(facts.get("v"))[:20],
                                         version=VERSION))
        trip = facts["trip"]
        if trip is not None:
            trip = Trip(**{name: Decimal(trip[name]) for name in _TRIP_AMOUNTS},
                        **{name: _decimal(trip[name]) for name in _TRIP_OPTIONAL},
                        vehicle=trip["vehicle"], nights=int(trip["nights"]),
                        nights_without_receipt=int(trip["nights_without_receipt"]),
                        meals=tuple(trip["meals"]),
                        expenses_documented=bool(trip["expenses_documented"]))
        meeting = Meeting(
            facts["scheme"], dt.date.fromisoformat(facts["date"]),
            Attendance(facts["attendance"]), facts["activity"], _decimal(facts["hours"]),
            facts["agreement"], Decimal(facts["lost_income"]),
            bool(facts["lost_income_documented"]), Decimal(facts["gift"]), trip)
        return Claim(
            row, claim_id, representative, group, meeting,
            None if facts["start"] is None else dt.time.fromisoformat(facts["start"]),
            None if facts["end"] is None else dt.time.fromisoformat(facts["end"]),
            Decimal(facts["claimed_honorarium"]),
            None if facts["submitted"] is None else dt.date.fromisoformat(facts["submitted"]),
            representative_id, _decimal(facts["travel_claimed"]))
    except StoredFactsError:
        raise
    except (ValueError, KeyError, TypeError, ArithmeticError):
        raise StoredFactsError(said("stored_facts.unreadable")) from None
