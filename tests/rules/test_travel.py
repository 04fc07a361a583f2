"""Travel and stay (SPEC §6): the travel tables, the engine's parts, and calc's options.

The golden cases in `data/golden_travel.yaml` are computed by hand from the published
rates; each runs through the library and through `honorar calc`.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from honorar.cli import app
from honorar.domain import Attendance, Meeting, Trip
from honorar.rules.calculation import calculate
from honorar.rules.travel import price_trip
from honorar.tables.catalogue import Catalogue, TableError, read_table, shipped_rates_dir
from honorar.tripinput import TripError, read_trip

from ..conftest import DATA

CASES = yaml.safe_load((DATA / "golden_travel.yaml").read_text(encoding="utf-8"))
PARTS = ("km", "passenger", "kost", "night", "expenses")
TRAVEL_DIR = shipped_rates_dir() / "state-travel"
NBSP = "\u00a0"


def trip_of(case: dict) -> Trip:
    values = {k.replace("-", "_"): str(v) for k, v in case["trip"].items() if k != "receipts"}
    values["meals_provided"] = values.pop("meals", None)
    trip = read_trip(values)
    assert trip is not None
    if case["trip"].get("receipts"):
        from dataclasses import replace

        trip = replace(trip, expenses_documented=True)
    return trip


def meeting_of(case: dict) -> Meeting:
    return Meeting(case.get("scheme", "unn"), case["date"], Attendance.PHYSICAL, "meeting",
                   Decimal(3), agreement=case.get("agreement"), trip=trip_of(case))


def check(expect: dict, got: dict, codes: list[str], severities: dict[str, str]) -> None:
    for key, value in expect.items():
        if key != "findings":
            assert got[key] == value, key
    assert set(expect["findings"]) <= set(codes)
    assert [c for c in codes if severities[c] == "error" and c not in expect["findings"]] == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_library(case, shipped):
    m = meeting_of(case)
    table = shipped.table_at(m.scheme, m.date)
    result = calculate(m, table, shipped.travel_at(table.travel.table, m.date))
    parts = result.travel_parts
    got = {"honorarium": str(result.honorarium), "travel": _text(result.travel),
           "total": _text(result.total),
           **{p: str(getattr(parts, p)) if parts else None for p in PARTS}}
    check(case["expect"], got, [f.code for f in result.findings],
          {f.code: f.severity for f in result.findings})


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def as_options(case: dict) -> list[str]:
    args = ["calc", "--scheme", case.get("scheme", "unn"), "--date", str(case["date"]),
            "--hours", "3", "--format", "json"]
    if "agreement" in case:
        args.append("--agreement" if case["agreement"] else "--no-agreement")
    for key, value in case["trip"].items():
        if key == "receipts":
            args.append("--receipts")
        else:
            args += [f"--{key}", str(value)]
    return args


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_command_line(case):
    result = CliRunner().invoke(app, as_options(case), env={"HONORAR_RATES": ""})
    assert result.exit_code in (0, 1), result.output + result.stderr
    out = json.loads(result.stdout)
    parts = out["travel_parts"] or {}
    got = {**out, **{p: parts.get(p) for p in PARTS}}
    check(case["expect"], got, [f["code"] for f in out["findings"]],
          {f["code"]: f["severity"] for f in out["findings"]})
    if out["travel"] is not None:
        assert out["travel"] == str(sum(Decimal(v) for v in parts.values()))


def test_calc_json_without_travel_has_no_travel_keys():
    result = CliRunner().invoke(app, ["calc", "--scheme", "unn", "--date", "2024-06-04",
                                      "--hours", "3", "--format", "json"])
    assert "travel" not in json.loads(result.stdout)


def test_calc_shows_travel_steps_with_their_sources():
    result = CliRunner().invoke(app, ["calc", "--scheme", "unn", "--date", "2024-06-04",
                                      "--hours", "3", "--km", "120", "--travel-hours", "7.5",
                                      "--meals", "lunsj", "--lang", "en"],
                              env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    for words in ("Travel and stay", "120 km by car", "DFØ: Statens satser innenlands",
                  "Lunsj: 30 prosent av den aktuelle satsen", "Meal deduction for lunch",
                  "2,022.30"):
        assert words in out, words


# ------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("args", "words"), [
    (["--km", "-5"], "--km: '-5' is negative"),
    # passenger km are summed over the passengers: more than eight passengers' worth
    (["--km", "10", "--passenger-km", "81"], "--passenger-km: 81 passenger km is more "
                                             "than 8 passengers on the 10 km driven"),
    (["--km", "10", "--trailer-km", "11"], "--trailer-km: 11 km is more than the 10 km"),
    (["--travel-hours", "-1"], "--travel-hours: '-1' is negative"),
    # a return at or before the departure on the same day is the next day (issue 23 item
    # 5); one on an earlier day is an error
    (["--departure", "2024-06-04 18:00", "--return", "2024-06-03 08:00"],
     "--return: the return 2024-06-03 08:00 is before the departure 2024-06-04 18:00"),
    (["--meals", "2"], "--meals: '2' is not meals"),
    (["--vehicle", "fly"], "--vehicle: 'fly' is not a vehicle"),
    (["--meals", "kake"], "--meals: 'kake' is not meals"),
    # a meal given twice is one with a count: the message says how to count
    (["--meals", "lunsj,lunsj"], "--meals: 'lunsj,lunsj' is not meals (breakfast, lunch, "
                                 "dinner; several of a kind with a count before: "
                                 "'2 breakfast')"),
    (["--nights", "1", "--nights-without-receipt", "2"], "--nights-without-receipt:"),
    (["--departure", "2024-06-04 08:00"], "--return:"),
    (["--travel-hours", "7", "--departure", "2024-06-04 08:00", "--return",
      "2024-06-04 16:00"], "--travel-hours:"),
])
def test_bad_travel_options_are_one_line_and_exit_2(args, words):
    result = CliRunner().invoke(app, ["calc", "--scheme", "unn", "--date", "2024-06-04",
                                      "--hours", "3", *args, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("honorar: error:") and result.stderr.count("\n") == 1
    assert words in result.stderr
    norwegian = CliRunner().invoke(app, ["calc", "--scheme", "unn", "--date", "2024-06-04",
                                         "--hours", "3", *args]).stderr
    assert norwegian.startswith("honorar: feil:") and norwegian != result.stderr


# ---------------------------------------------------------------------- the engine


def _price(trip: Trip, date: dt.date = dt.date(2024, 6, 4)):
    table = Catalogue([shipped_rates_dir()]).travel_at("state-travel", date)
    return price_trip(trip, table)


@pytest.mark.parametrize(("hours", "kost"), [
    ("5.99", "0.00"), ("6", "369.00"), ("12", "369.00"), ("12.01", "686.00")])
def test_meal_allowance_boundaries(hours, kost):
    result = _price(Trip(distance_km=Decimal(50), hours=Decimal(hours)))
    assert str(result.parts.kost) == kost


@pytest.mark.parametrize(("distance", "kost"), [("15", "0.00"), ("15.01", "369.00")])
def test_the_15_km_boundary(distance, kost):
    assert str(_price(Trip(distance_km=Decimal(distance), hours=Decimal(8))).parts.kost) == kost


@pytest.mark.parametrize(("meals", "kost"), [
    ((), "369.00"), (("breakfast",), "295.20"), (("lunch",), "258.30"),
    (("dinner",), "184.50"), (("breakfast", "lunch", "dinner"), "0.00")])
def test_meals_served_reduce_the_applicable_rate(meals, kost):
    result = _price(Trip(distance_km=Decimal(50), hours=Decimal(8), meals=meals))
    assert str(result.parts.kost) == kost


def test_a_night_without_receipt_pays_the_night_allowance_and_with_receipt_the_bill():
    without = _price(Trip(distance_km=Decimal(50), hours=Decimal(30), nights=1,
                          nights_without_receipt=1))
    assert str(without.parts.night) == "435.00" and without.parts.expenses == 0
    with_receipt = _price(Trip(distance_km=Decimal(50), hours=Decimal(30), nights=1,
                               expenses=Decimal(1290), expenses_documented=True))
    assert with_receipt.parts.night == 0 and str(with_receipt.parts.expenses) == "1290.00"


def test_overnight_pays_at_least_one_24_hour_rate():
    assert str(_price(Trip(distance_km=Decimal(50), hours=Decimal(14), nights=1)).parts.kost) \
        == "940.00"


@pytest.mark.parametrize(("year", "car", "day"), [
    (2022, "4.03", "324"), (2023, "4.48", "342"), (2024, "4.90", "369"),
    (2025, "5.00", "384"), (2026, "5.30", "397")])
def test_each_year_changes_on_1_january(year, car, day):
    trip = Trip(km=Decimal(1), distance_km=Decimal(50), hours=Decimal(7))
    on_new_year = _price(trip, dt.date(year, 1, 1))
    day_before = _price(trip, dt.date(year - 1, 12, 31)) if year > 2022 else None
    assert on_new_year.parts.km == Decimal(car)
    assert on_new_year.parts.kost == Decimal(day)
    if day_before is not None:
        assert day_before.parts.km < on_new_year.parts.km
        assert day_before.parts.kost < on_new_year.parts.kost


def test_travel_is_rounded_to_ore_only_at_the_end_and_its_parts_add_up():
    """10.003 km at kr 4,90 and with a passenger at kr 1,00: 49.0147 + 10.003 is 59.0177,
    due 59.02; rounding each part first would give 49.01 + 10.00."""
    result = _price(Trip(km=Decimal("10.003"), passenger_km=Decimal("10.003")))
    assert str(result.amount) == "59.02"
    assert (str(result.parts.km), str(result.parts.passenger)) == ("49.01", "10.01")


@settings(max_examples=200, deadline=None)
@given(km=st.decimals(min_value=0, max_value=2000, places=3),
       share=st.decimals(min_value=0, max_value=1, places=2),
       hours=st.one_of(st.none(), st.decimals(min_value=0, max_value=60, places=2)),
       expenses=st.decimals(min_value=0, max_value=5000, places=2))
@pytest.mark.slow
def test_travel_due_is_the_exact_sum_of_its_parts_rounded(km, share, hours, expenses):
    trip = Trip(km=km, passenger_km=km * share, hours=hours, expenses=expenses,
                expenses_documented=True)
    result = _price(trip)
    # a trip whose distance (no km, no distance) or nights (over 24 hours) are unknown is
    # undecided, never priced (issue 23, items 3 and 11)
    undecided = hours is not None and (hours > 24 or (not km and hours >= 6))
    assert (result.parts is None) == undecided
    if undecided:
        assert "travel_undecided" in [f.code for f in result.findings]
        return
    # the steps' amounts, unrounded: no meals here, so none is a part of another
    exact = sum((s.amount for s in result.steps if s.amount is not None
                 and s.key != "travel_total"), Decimal(0))
    assert result.amount == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert sum(getattr(result.parts, part) for part in PARTS) == result.amount


def test_every_step_with_an_amount_cites_its_source():
    result = _price(Trip(km=Decimal(300), passenger_km=Decimal(100), hours=Decimal(40),
                         nights=1, nights_without_receipt=1, meals=("dinner",),
                         expenses=Decimal(100), expenses_documented=True))
    for step in result.steps:
        if step.amount is not None and step.key != "travel_total":
            assert step.source is not None and (step.source.quote or step.source.assumption)


kilometres = st.decimals(min_value=0, max_value=5000, places=1)


@settings(max_examples=200, deadline=None)
@given(km=kilometres, more=kilometres, vehicle=st.sampled_from(
    ["car", "motorcycle", "moped", "snowmobile", "boat", "bicycle", "walking"]),
    hours=st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)),
    year=st.integers(2022, 2026), passengers=st.booleans())
@pytest.mark.slow
def test_more_km_never_pays_less(km, more, vehicle, hours, year, passengers):
    date = dt.date(year, 6, 1)
    fewer = Trip(km=km, passenger_km=km if passengers else Decimal(0), vehicle=vehicle,
                 hours=hours)
    longer = Trip(km=km + more, passenger_km=km + more if passengers else Decimal(0),
                  vehicle=vehicle, hours=hours)
    short, long = _price(fewer, date).amount, _price(longer, date).amount
    if short is not None and long is not None:
        assert long >= short
    elif short is not None:  # only undecided for want of km: never with more km
        raise AssertionError("more km made a decided trip undecided")


# ------------------------------------------------------------------------ the tables


def test_every_travel_table_loads_and_each_names_its_pages():
    files = sorted(TRAVEL_DIR.glob("*.yaml"))
    # issue 23: the state's tables back to June 2018; none from March to December 2021
    assert [f.stem for f in files] == ["2018-06-22", "2019-01-01", "2020-06-01",
                                       *(f"{y}-01-01" for y in range(2022, 2027))]
    for path in files:
        table = read_table(path)
        assert table.regulation == "state-travel"
        for _, cited in table.cited_items():
            if cited.quote:
                assert table.page_of(cited) is not None


def test_the_2026_figures_from_one_source_are_assumptions():
    table = read_table(TRAVEL_DIR / "2026-01-01.yaml")
    for rate in (table.meals.day, table.meals.long_day, table.meals.overnight):
        assert rate.assumption and "one secondary source" in rate.reason.en
        assert "én sekundærkilde" in rate.reason.nb


def test_scheme_tables_name_the_travel_rules_with_their_source_line(shipped):
    unn = shipped.table_at("unn", dt.date(2024, 1, 1))
    fousam = shipped.table_at("fousam", dt.date(2024, 1, 1))
    assert (unn.travel.table, unn.travel.quote) == (
        "state-travel", "Reise og oppholdsutgifter dekkes etter statens satser")
    assert (fousam.travel.table, fousam.travel.quote) == (
        "state-travel", "Reiseutgifter etter statens regulativ")


def _write(tmp_path, text: str):
    folder = tmp_path / "state-travel"
    folder.mkdir(exist_ok=True)
    path = folder / "2027-01-01.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _2027(text: str | None = None) -> str:
    text = text or (TRAVEL_DIR / "2026-01-01.yaml").read_text(encoding="utf-8")
    return text.replace("effective: 2026-01-01", "effective: 2027-01-01").replace(
        "car: {kr: 5.30,", "car: {kr: 5.55,")


@pytest.mark.parametrize(("change", "words"), [
    (("  dfo:\n", "  dfo:\n    extra: 1\n"), "pages.dfo.extra"),
    (("page: easya, quote", "quote"), "needs the 'page'"),
    (("page: easya, quote", "page: nowhere, quote"), "page 'nowhere' is not one of"),
    (("over_limit: long_day", "over_limit: lunch"), "over_limit"),
    (("percent: 50", "percent: 150"), "percent"),
])
def test_a_travel_table_is_checked_strictly(tmp_path, change, words):
    path = _write(tmp_path, _2027().replace(*change))
    with pytest.raises(TableError) as err:
        read_table(path)
    assert words in str(err.value)


def test_a_2027_file_dropped_into_a_rates_dir_works_without_code(tmp_path):
    _write(tmp_path, _2027())
    result = CliRunner().invoke(app, ["calc", "--scheme", "unn", "--date", "2027-03-01",
                                      "--hours", "3", "--km", "100", "--format", "json",
                                      "--rates-dir", str(tmp_path)])
    out = json.loads(result.stdout)
    assert out["travel_parts"]["km"] == "555.00"
    shown = CliRunner().invoke(app, ["rates", "show", "state-travel@2027-06-01",
                                     "--rates-dir", str(tmp_path)])
    assert shown.exit_code == 0 and f"5,55{NBSP}kr" in shown.stdout
    checked = CliRunner().invoke(app, ["rates", "check", str(tmp_path / "state-travel" /
                                                             "2027-01-01.yaml")])
    assert checked.exit_code == 0, checked.output


def test_rates_show_diff_and_json_handle_travel_tables():
    shown = CliRunner().invoke(app, ["rates", "show", "state-travel@2024-06-01"])
    assert shown.exit_code == 0
    assert f"4,90{NBSP}kr" in shown.stdout and "arbeidsgiver.dfo.no" in shown.stdout
    data = json.loads(CliRunner().invoke(app, ["rates", "show", "state-travel@2024-06-01",
                                               "--format", "json"]).stdout)
    items = {i["item"]: i for i in data["items"]}
    assert items["km.vehicles.car"]["value"] == "4.90"
    assert items["meals.remaining_part.over_limit"]["value"] == "long_day"
    assert data["pages"]["dfo"]["url"].startswith("https://arbeidsgiver.dfo.no/")
    diff = json.loads(CliRunner().invoke(app, ["rates", "diff", "state-travel@2023-06-01",
                                               "state-travel@2024-06-01", "--format",
                                               "json"]).stdout)
    changed = {c["item"]: c for c in diff["changes"] if c["kind"] == "changed"}
    assert (changed["km.vehicles.car"]["old"], changed["km.vehicles.car"]["new"]) == (
        "4.48", "4.90")


def test_rates_show_gives_a_travel_tables_dates_with_their_sources_in_bokmal():
    """`valid_until` and `review_after` of a travel table are shown as dates people read,
    with the page or assumption they rest on, and the vehicles a supplement is for in
    bokmål, as a fee table's review date is."""
    shown = CliRunner().invoke(app, ["rates", "show", "state-travel@2020-07-01"],
                               env={"COLUMNS": "250"})
    assert shown.exit_code == 0
    line = next(x for x in shown.stdout.splitlines() if "Gyldig til" in x)
    assert "28.02.2021" in line and "2021-02-28" not in line
    assert "«De nye reiseavtalene i staten gjelder fra 1. juni 2020 til 28. februar 2021.»" \
        in line
    passenger = next(x for x in shown.stdout.splitlines() if "Passasjertillegg, for kjøretøy" in x)
    assert "│ bil " in passenger and " car " not in passenger
    later = CliRunner().invoke(app, ["rates", "show", "state-travel@2024-07-01"],
                               env={"COLUMNS": "250"}).stdout
    review = next(x for x in later.splitlines() if "Satsene bør kontrolleres etter" in x)
    assert "31.12.2024" in review and "[antakelse" in review


def test_a_travel_folder_is_no_scheme_for_calc():
    result = CliRunner().invoke(app, ["calc", "--scheme", "state-travel", "--date",
                                      "2024-06-04", "--hours", "3", "--lang", "en"])
    assert result.exit_code == 2 and "unknown scheme 'state-travel' (known: fousam, neuro-sysmed, unn)" \
        in result.stderr


# ---------------------------------------------------------------------- reading trips


def test_read_trip_takes_norwegian_words_and_half_the_km_is_not_stored():
    trip = read_trip({"km": "120", "vehicle": "Bil", "meals_provided": "frokost og middag",
                      "nights": "", "departure": "15.03.2024 07:30",
                      "return": "15.03.2024 16:00"})
    assert trip == Trip(km=Decimal(120), vehicle="car", hours=Decimal("8.5"),
                        meals=("breakfast", "dinner"))


def test_no_travel_value_is_no_trip():
    assert read_trip({"km": "", "vehicle": " "}) is None


def test_a_bad_travel_value_names_its_column():
    with pytest.raises(TripError) as err:
        read_trip({"km": "10", "nights": "to"})
    assert err.value.column == "nights" and err.value.key == "cell_not_count"


# ------------------------------------------------------------------------------ audit

AUDIT_HEADER = ("claim_id,representative,scheme,date,hours,attendance,agreement,"
                "claimed_honorarium,km,passenger_km,vehicle,departure,return,meals_provided,"
                "travel_claimed\n")


def _audit(tmp_path, rows: str) -> dict:
    path = tmp_path / "claims.csv"
    path.write_text(AUDIT_HEADER + rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(path), "--format", "json", "--lang", "en"])
    assert result.exit_code in (0, 1), result.output + result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(("cells", "column", "words"), [
    ("-5,,,,,,0", "km", "negative"),
    ("10,81,,,,,0", "passenger_km", "more than 8 passengers on the 10 km driven"),
    ("10,,fly,,,,0", "vehicle", "'fly' is not a vehicle"),
    ("10,,,,,kake,0", "meals_provided", "'kake' is not meals"),
    ("10,,,2024-06-04 18:00,2024-06-03 08:00,,0", "return", "before the departure"),
])
def test_bad_travel_cells_are_invalid_rows_naming_the_column(tmp_path, cells, column, words):
    data = _audit(tmp_path, f"B-1,Kari,unn,2024-06-04,3,fysisk,,1176,{cells}\n")
    (finding,) = data["claims"][0]["findings"]
    assert (finding["code"], finding["column"]) == ("invalid_row", column)
    assert words in finding["message"]


def test_travel_before_the_first_travel_table_is_undecided_and_the_fee_computed(tmp_path):
    # (2019 until issue 23 added the state's tables back to 22 June 2018)
    data = _audit(tmp_path, "F-1,Kari,fousam,2018-06-05,3,fysisk,ja,850,100,,,,,,400\n")
    claim = data["claims"][0]
    assert claim["due"]["honorarium"] == "850.00"
    assert claim["due"]["travel"] is None and claim["due"]["total"] is None
    assert [f["code"] for f in claim["findings"]] == ["no_rate_table"]
    assert "No travel table of the state travel regulation covers" in \
        claim["findings"][0]["message"]


def test_travel_claimed_without_trip_facts_is_due_nothing(tmp_path):
    data = _audit(tmp_path, "N-1,Kari,unn,2024-06-04,3,fysisk,,1176,,,,,,,300\n")
    claim = data["claims"][0]
    assert claim["due"]["travel"] == "0.00"
    assert [f["code"] for f in claim["findings"]] == ["travel_overclaimed"]


def test_a_repeated_claim_is_due_no_travel_either(tmp_path):
    data = _audit(tmp_path, "D-1,Kari,unn,2024-06-04,3,fysisk,,1176,120,,,,,,588\n"
                            "D-1,Kari,unn,2024-06-04,3,fysisk,,1176,120,,,,,,588\n")
    first, repeat = data["claims"]
    assert first["due"]["travel"] == "588.00" and first["due"]["total"] == "1764.00"
    assert repeat["claimed"]["travel"] == "588.00"
    assert (repeat["due"]["travel"], repeat["due"]["total"]) == ("0.00", "0.00")
    assert [f["code"] for f in repeat["findings"]] == ["duplicate_claim"]
    assert data["summary"]["travel_due"] == "588.00"


@pytest.mark.parametrize("stray_first", [True, False])
def test_a_row_naming_the_travel_rules_as_its_scheme_is_an_unknown_scheme(tmp_path, stray_first):
    # 'state-travel' names travel rules, no scheme: the row is unknown, and the claims
    # beside it on the same date are priced for travel as ever
    stray = "S-1,Kari,state-travel,2024-06-04,3,fysisk,,1176,,,,,,,\n"
    travelled = "S-2,Ola,unn,2024-06-04,3,fysisk,,1176,120,,,,,,588\n"
    data = _audit(tmp_path, stray + travelled if stray_first else travelled + stray)
    by_id = {c["claim_id"]: c for c in data["claims"]}
    assert [f["code"] for f in by_id["S-1"]["findings"]] == ["no_rate_table"]
    claim = by_id["S-2"]
    assert claim["due"]["travel"] == "588.00" and claim["due"]["total"] == "1764.00"
    assert claim["findings"] == []


def test_the_impact_of_a_fee_table_keeps_travel_at_its_price_and_says_so(tmp_path):
    """Issue 29: a fee table's impact holds each claim's travel at its price under the
    travel table in force (the same under both versions): the totals are what the audit
    says is due (1 176 + 120 km × 4.90), and the report says travel is included."""
    path = tmp_path / "claims.csv"
    path.write_text(AUDIT_HEADER + "I-1,Kari,unn,2024-06-04,3,fysisk,,1176,120,,,,,,588\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["rates", "diff", "unn@2024-01-01", "unn@2024-01-01",
                                      "--impact", str(path), "--format", "json"])
    impact = json.loads(result.stdout)["impact"]
    assert impact["undecided"] == {"old": 0, "new": 0} and impact["due_old"] == "1764.00"
    assert impact["travel"] == {"included": "unchanged", "old": "588.00",
                                "new": "588.00"}


# ----------------------------------------------------------------------------- budget


def _budget_json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["budget", "--scheme", "unn", "--format", "json", *args])
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def test_budget_adds_each_representatives_travel_per_meeting():
    data = _budget_json("--reps", "3", "--date", "2024-03-01", "--km", "120",
                        "--travel-hours", "7", "--meals", "lunsj")
    # per meeting: 120 × 4.90 = 588.00; kost 369 − 30 % = 258.30; 846.30 a representative
    for line in data["meetings"]:
        assert line["per_representative"]["travel"] == "846.30"
        assert line["all_representatives"]["travel"] == "2538.90"
    # four meetings, three representatives: 12 × 846.30 = 10155.60; fees 11760.00
    assert data["totals"]["travel"] == "10155.60"
    assert data["totals"]["total"] == "21915.60"
    texts = " ".join(a["text"] for a in data["assumptions"])
    assert "120 km" in texts and "lunsj" in texts


def test_budget_prices_travel_at_the_rates_of_each_meetings_date(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("scheme: unn\nmeetings:\n"
                    "  - {activity: meeting, hours: 3, date: 2023-12-31}\n"
                    "  - {activity: meeting, hours: 3, date: 2024-01-01}\n"
                    "  - {activity: meeting, hours: 2, attendance: teams, date: 2024-02-01}\n",
                    encoding="utf-8")
    data = _budget_json("--reps", "2", "--plan", str(plan), "--km", "100")
    travel = [m["per_representative"]["travel"] for m in data["meetings"]]
    # 100 × 4.48 and 100 × 4.90; a Teams meeting has no travel
    assert travel == ["448.00", "490.00", "0.00"]
    assert data["totals"]["travel"] == "1876.00"


def test_a_budget_without_travel_options_is_as_before():
    data = _budget_json("--reps", "2", "--date", "2024-03-01")
    assert "travel" not in data["totals"]
    assert "travel" not in data["meetings"][0]["per_representative"]


@pytest.mark.parametrize(("args", "words"), [
    (["--km", "-3"], "--km: '-3' is negative"),
    (["--travel-hours", "x"], "--travel-hours:"),
    (["--meals", "kake"], "--meals: 'kake' is not meals"),
])
def test_bad_budget_travel_options_are_one_line(args, words):
    result = CliRunner().invoke(app, ["budget", "--scheme", "unn", "--reps", "2", *args,
                                      "--lang", "en"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert words in result.stderr


def test_travel_values_may_carry_their_unit():
    trip = read_trip({"km": "120 km", "travel_hours": "7,5 t", "distance_km": "60km"})
    assert (trip.km, trip.hours, trip.distance_km) == (Decimal(120), Decimal("7.5"),
                                                       Decimal(60))


def test_a_workbook_with_travel_columns_is_audited_with_travel(tmp_path):
    import xlsxwriter

    path = tmp_path / "travel.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Krav-ID", "Navn", "Ordning", "Dato", "Timer", "Oppmøte",
                           "Honorar", "Kilometer", "Avreise", "Hjemkomst", "Måltider", "Reise"])
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(1, 0, ["X-1", "Kari", "unn", "04.06.2024", 3, "fysisk", 1176, 120])
    sheet.write_datetime(1, 8, dt.datetime(2024, 6, 4, 8, 0), stamp)
    sheet.write_datetime(1, 9, dt.datetime(2024, 6, 4, 15, 30), stamp)
    sheet.write_row(1, 10, ["lunsj", 846.3])
    book.close()
    result = CliRunner().invoke(app, ["audit", str(path), "--format", "json"])
    claim = json.loads(result.stdout)["claims"][0]
    # 120 × 4.90 = 588.00; 7.5 h: 369.00 less lunch 110.70; 846.30 as claimed
    assert claim["due"]["travel"] == "846.30" and claim["findings"] == []


def _travel_impact_2023_to_2024(tmp_path, rows: str) -> dict:
    """The JSON impact of the 2024 travel rates against 2023's on the claims `rows`."""
    path = tmp_path / "claims.csv"
    path.write_text(AUDIT_HEADER + rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["rates", "diff", "state-travel@2023-06-01",
                                      "state-travel@2024-06-01", "--impact", str(path),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)["impact"]


def test_the_impact_of_new_travel_rates_on_a_month_of_claims(tmp_path):
    impact = _travel_impact_2023_to_2024(tmp_path,
                                         "T-1,Kari,unn,2023-03-02,3,fysisk,,1176,100,,,,,,448\n"
                                         "T-2,Ola,fousam,2023-03-02,3,fysisk,ja,850,,,,,,,\n"
                                         "T-1,Kari,unn,2023-03-02,3,fysisk,,1176,100,,,,,,448\n")
    # 100 km × 4.48 = 448.00 under 2023, × 4.90 = 490.00 under 2024; no trip: 0 under both;
    # the repeated claim is not counted
    assert (impact["claims"], impact["changed"], impact["duplicates"]) == (2, 1, 1)
    assert (impact["due_old"], impact["due_new"]) == ("448.00", "490.00")


def test_the_impact_of_new_travel_rates_leaves_a_trip_to_a_remote_meeting_undecided(tmp_path):
    """Issue 23, item 4: the audit leaves the travel to a meeting attended remotely for a
    person (`travel_for_remote_meeting`); the impact of new travel rates does not price it
    under either version, but counts it undecided."""
    impact = _travel_impact_2023_to_2024(tmp_path,
                                         "T-1,Kari,unn,2023-03-02,3,fysisk,,1176,100,,,,,,448\n"
                                         "T-2,Ola,unn,2023-03-02,3,teams,,980,100,,,,,,448\n")
    assert impact["undecided"] == {"old": 1, "new": 1}
    assert (impact["claims"], impact["due_old"], impact["due_new"]) == (1, "448.00", "490.00")


@pytest.mark.parametrize(("values", "expected"), [
    ({"meals_provided": "ingen", "km": "10"}, ()),
    ({"meals_provided": "Lunsj og middag", "km": "10"}, ("lunch", "dinner")),
    ({"meals_provided": "breakfast+lunch", "km": "10"}, ("breakfast", "lunch")),
    # counted meals as people write them: the plural after a count (issue 23, item 6)
    ({"meals_provided": "2 frokoster og 2 middager", "km": "10"},
     ("breakfast", "breakfast", "dinner", "dinner")),
    ({"meals_provided": "3 lunsjer", "km": "10"}, ("lunch",) * 3),
    ({"meals_provided": "2 frukostar, 2 middagar", "km": "10"},
     ("breakfast", "breakfast", "dinner", "dinner")),
    ({"meals_provided": "2 breakfasts, 2 lunches and 2 dinners", "km": "10"},
     ("breakfast", "breakfast", "lunch", "lunch", "dinner", "dinner")),
])
def test_meal_words(values, expected):
    assert read_trip(values).meals == expected


def test_a_departure_may_say_kl():
    trip = read_trip({"departure": "14.03.2024 kl. 08:00", "return": "14.03.2024 kl 15.30"})
    assert trip.hours == Decimal("7.5")


@settings(max_examples=150, deadline=None)
@given(km=kilometres, hours=st.one_of(st.none(), st.decimals(min_value=0, max_value=80,
                                                              places=2)),
       nights=st.integers(0, 3), meals=st.sets(st.sampled_from(["breakfast", "lunch",
                                                                "dinner"])),
       expenses=st.decimals(min_value=0, max_value=5000, places=2), receipts=st.booleans(),
       year=st.integers(2022, 2026))
@pytest.mark.slow
def test_the_parts_add_up_to_the_travel_and_the_travel_to_the_total(
        km, hours, nights, meals, expenses, receipts, year):
    order = ("breakfast", "lunch", "dinner")
    trip = Trip(km=km, hours=hours, nights=nights, nights_without_receipt=nights,
                meals=tuple(m for m in order if m in meals), expenses=expenses,
                expenses_documented=receipts)
    catalogue = Catalogue([shipped_rates_dir()])
    date = dt.date(year, 5, 5)
    result = calculate(Meeting("unn", date, Attendance.PHYSICAL, "meeting", Decimal(3),
                               trip=trip),
                       catalogue.table_at("unn", date), catalogue.travel_at("state-travel", date))
    parts = result.travel_parts
    if result.travel is None:  # undecided: no parts, no total
        assert parts is None and result.total is None
        assert "travel_undecided" in [f.code for f in result.findings]
        return
    assert result.travel == parts.km + parts.passenger + parts.kost + parts.night + \
        parts.expenses
    assert all(getattr(parts, p) >= 0 for p in PARTS)
    assert result.total == result.honorarium + result.travel
