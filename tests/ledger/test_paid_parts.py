"""`ledger record` keeps what each part of a claim was paid (`claim.paid_parts`): what was
paid, not the full price, adding up exactly to the claim's paid amount."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from honorar.domain import Trip
from honorar.money import to_ore
from honorar.rules.calculation import calculate
from honorar.rules.paid_parts import from_json, paid_parts
from honorar.tables.catalogue import Catalogue, search_path

from ..conftest import meeting
from ..ledger_helpers import run

HEADER = ("claim_id,representative,scheme,group,date,start,end,hours,attendance,activity,"
          "agreement,claimed_honorarium,lost_income,lost_income_documented,gift,submitted")
TRAVEL = ("claim_id,representative,scheme,date,start,end,attendance,claimed_honorarium,"
          "km,passenger_km,travel_hours,nights,nights_without_receipt,meals_provided,expenses,"
          "expenses_documented,trailer_km,forest_road_km")


def write(directory: Path, name: str, header: str, *rows: str) -> Path:
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def record(tmp_path: Path, file: Path, paid_on: str = "2023-04-05") -> Path:
    ledger = tmp_path / "ledger.db"
    if not ledger.exists():
        assert run("ledger", "init", str(ledger)).exit_code == 0
    result = run("ledger", "record", str(file), "--ledger", str(ledger), "--paid-on", paid_on,
                 "--accept-findings")
    assert result.exit_code == 0, result.stdout + result.stderr
    return ledger


def kept(ledger: Path) -> dict[str, tuple[int, list[dict]]]:
    with sqlite3.connect(ledger) as connection:
        rows = connection.execute("SELECT claim_id, paid_ore, paid_parts FROM claim").fetchall()
    return {cid: (paid, json.loads(parts)["parts"]) for cid, paid, parts in rows}


def test_travel_is_kept_part_by_part_with_its_quantities(tmp_path):
    ledger = record(tmp_path, write(
        tmp_path, "mars.csv", TRAVEL,
        "T-1,Kari Nordmann,unn,2024-03-02,09:00,12:00,fysisk,1176,200,200,8,,,lunsj,350,ja,20,10",
        "T-2,Eva Lie,unn,2024-03-02,09:00,12:00,fysisk,1176,300,,30,1,1,frokost,,,,"),
        "2024-03-20")
    parts = kept(ledger)
    paid, first = parts["T-1"]
    assert first == [
        {"part": "fee", "ore": 117600},
        {"part": "km", "ore": 98000, "km": "200", "vehicle": "car"},  # 200 × 4.90
        {"part": "trailer", "ore": 2000, "km": "20"},
        {"part": "forest_road", "ore": 1000, "km": "10"},
        {"part": "passenger", "ore": 20000, "passenger_km": "200"},
        {"part": "kost", "ore": 25830, "days": ["day"], "meals": [["lunch"]]},  # 369 less 30 %
        {"part": "expenses", "ore": 35000}]
    assert paid == sum(p["ore"] for p in first)
    paid, second = parts["T-2"]
    # 30 h with a night: 940 for 24 h and 369 for the 6 h past it; no breakfast deducted
    # on a night paid by the night allowance
    assert second[-2:] == [{"part": "kost", "ore": 130900, "days": ["overnight", "day"],
                            "meals": [[], []]},
                           {"part": "night", "ore": 43500, "nights": 1}]
    assert paid == sum(p["ore"] for p in second)


def test_a_supplement_keeps_only_the_parts_it_paid(tmp_path):
    record(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,,,,fysisk,heldag,ja,1700,,,,2023-03-10"))
    ledger = record(tmp_path, write(
        tmp_path, "april.csv", HEADER,
        "A-1,Kari Nordmann,fousam,,2023-03-09,,,,fysisk,heldag,ja,,1500,ja,,2023-04-03"))
    assert kept(ledger)["A-1"] == (150000, [{"part": "lost_income", "ore": 150000}])


def test_lost_income_is_kept_as_capped_by_the_day(tmp_path):
    record(tmp_path, write(
        tmp_path, "mars.csv", HEADER,
        "P-1,Kari Nordmann,fousam,,2023-03-09,09:00,11:00,,fysisk,møte,ja,850,1000,ja,,",
        "P-2,Kari Nordmann,fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,850,,,,"))
    ledger = record(tmp_path, write(
        tmp_path, "april.csv", HEADER,
        "A-1,Kari Nordmann,fousam,,2023-03-09,13:00,15:00,,fysisk,møte,ja,0,900,ja,,"))
    # FOUSAM's kr 1 500 a day: 1 000 paid that day, 500 left of the 900 claimed
    assert kept(ledger)["A-1"] == (50000, [{"part": "lost_income", "ore": 50000}])


CATALOGUE = Catalogue(search_path(environ={}))


@settings(max_examples=150, deadline=None)
@given(km=st.integers(0, 900), passenger=st.integers(0, 3), hours=st.integers(0, 80),
       nights=st.integers(0, 3), free=st.integers(0, 3),
       meals=st.lists(st.sampled_from(["breakfast", "lunch", "dinner"]), max_size=4),
       trailer=st.integers(0, 50), expenses=st.integers(0, 900),
       vehicle=st.sampled_from(["car", "car", "motorcycle", "boat"]),
       date=st.sampled_from(["2022-06-01", "2023-06-01", "2024-06-01", "2025-06-01"]),
       tenth=st.integers(0, 9))
def test_the_parts_add_up_to_what_a_calculation_pays(km, passenger, hours, nights, free, meals,
                                                     trailer, expenses, vehicle, date, tenth):
    from decimal import Decimal

    kms = Decimal(km) + Decimal(tenth) / 10
    trip = Trip(kms, kms * passenger, vehicle, None, Decimal(hours) if hours else None,
                nights, min(free, nights), tuple(meals), Decimal(expenses), True,
                min(Decimal(trailer), kms), Decimal(0))
    m = meeting("unn", date, hours="3", trip=trip)
    table = CATALOGUE.table_at("unn", m.date)
    calculation = calculate(m, table, CATALOGUE.travel_for(table, m.date))
    if calculation.total is None:
        return
    parts = paid_parts(calculation)
    assert sum(p.ore for p in parts) == to_ore(calculation.total)
    assert all(p.ore > 0 for p in parts)
    if calculation.travel_parts is not None:
        assert sum(p.ore for p in parts if p.part in ("km", "trailer", "forest_road")) == \
            to_ore(calculation.travel_parts.km)
        kost = [p for p in parts if p.part == "kost"]
        assert all(len(p.days) == len(p.meals) and p.days for p in kost)
    from honorar.rules.paid_parts import to_json

    assert from_json(to_json(parts)) == parts


def test_the_parts_kept_are_the_same_with_the_speed_switch_off(tmp_path, monkeypatch):
    """Recording with every memo off (`honorar.memo.ON`) keeps the same parts, claim by
    claim, as the fast recording that shares them between claims of the same facts."""
    import honorar.memo

    rows = ["T-1,Kari Nordmann,unn,2024-03-02,09:00,12:00,fysisk,1176,200,200,8,,,lunsj,350,ja,"
            "20,10",
            "T-2,Ola Hansen,unn,2024-03-02,09:00,12:00,fysisk,1176,200,200,8,,,lunsj,350,ja,20,10",
            "T-3,Eva Lie,unn,2024-03-02,09:00,12:00,fysisk,1176,300,,30,1,1,frokost,,,,"]
    for folder in ("fast", "plain"):
        (tmp_path / folder).mkdir()
    fast = record(tmp_path / "fast", write(tmp_path, "mars.csv", TRAVEL, *rows), "2024-03-20")
    with monkeypatch.context() as patch:
        patch.setattr(honorar.memo, "ON", False)
        plain = record(tmp_path / "plain", write(tmp_path, "mars.csv", TRAVEL, *rows),
                       "2024-03-20")
    assert kept(fast) == kept(plain)
    assert kept(fast)["T-1"] == kept(fast)["T-2"]
