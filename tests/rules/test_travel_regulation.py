"""Issue 23: travel as the regulation pays it, through `calc` and `audit` (the engine's
cases by hand are in `data/golden_travel.yaml`)."""

from __future__ import annotations

import json

from ..conftest import run_cli

CALC = ["calc", "--scheme", "unn", "--date", "2024-05-06", "--format", "json", "--lang", "en"]


def _calc(*args: str) -> tuple[int, dict]:
    result = run_cli(*CALC, *args)
    assert result.exit_code in (0, 1), result.output + result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_two_passengers_on_200_km_are_not_refused():
    code, out = _calc("--hours", "3", "--km", "200", "--passenger-km", "400")
    assert out["travel_parts"]["km"] == "980.00" and out["travel_parts"]["passenger"] == "400.00"
    assert code == 0 and out["total"] == "2556.00"


def test_a_bus_trip_is_undecided_in_calc_with_a_null_total():
    code, out = _calc("--hours", "3", "--travel-hours", "8", "--expenses", "400", "--receipts")
    assert code == 1 and out["travel"] is None and out["total"] is None
    (finding,) = [f for f in out["findings"] if f["code"] == "travel_undecided"]
    assert "--distance-km" in finding["message"] and finding["severity"] == "error"


def test_calc_travel_hours_30_without_nights_is_undecided():
    code, out = _calc("--hours", "3", "--km", "300", "--travel-hours", "30")
    assert code == 1 and out["total"] is None
    assert "--nights" in next(f for f in out["findings"] if f["code"] == "travel_undecided")[
        "message"]


def test_a_remote_meeting_with_a_trip_is_left_for_a_person():
    code, out = _calc("--hours", "2", "--attendance", "teams", "--km", "100",
                      "--travel-hours", "7")
    assert code == 1 and out["honorarium"] == "392.00"
    assert out["travel"] is None and out["total"] is None
    codes = [f["code"] for f in out["findings"] if f["code"] != "rates_may_be_outdated"]
    assert codes == ["travel_for_remote_meeting"]


def test_a_meeting_past_midnight_is_priced_on_its_start_date():
    code, out = _calc("--start", "22:00", "--end", "01:00")
    assert code == 0 and out["honorarium"] == "1176.00"  # 3 h × 392


def _audit(tmp_path, text: str) -> dict:
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    result = run_cli("audit", str(path), "--format", "json", "--lang", "en", env={"HONORAR_LEDGER": ""})
    assert result.exit_code in (0, 1), result.output + result.stderr
    return json.loads(result.stdout)


def test_the_audit_reads_a_meeting_past_midnight(tmp_path):
    data = _audit(tmp_path, "claim_id,representative,scheme,date,start,end,attendance,"
                            "claimed_honorarium\nM-1,Kari,unn,2024-05-06,22:00,01:00,fysisk,"
                            "1176\n")
    (claim,) = data["claims"]
    assert claim["findings"] == [] and claim["due"]["total"] == "1176.00"


def test_a_correct_bus_claim_is_not_overclaimed_but_undecided(tmp_path):
    data = _audit(tmp_path, "claim_id,representative,scheme,date,hours,attendance,"
                            "claimed_honorarium,travel_hours,expenses,expenses_documented,"
                            "travel_claimed\nB-1,Kari,unn,2024-05-06,3,fysisk,1176,8,400,ja,"
                            "769.00\n")
    (claim,) = data["claims"]
    assert [f["code"] for f in claim["findings"]] == ["travel_undecided"]


def test_a_remote_meeting_with_a_trip_in_the_audit(tmp_path):
    data = _audit(tmp_path, "claim_id,representative,scheme,date,hours,attendance,"
                            "claimed_honorarium,km,travel_claimed\n"
                            "T-1,Kari,unn,2024-05-06,2,teams,392,100,490\n")
    (claim,) = data["claims"]
    assert [f["code"] for f in claim["findings"]] == ["travel_for_remote_meeting"]


def test_a_remote_meeting_whose_travel_columns_hold_zeros_has_no_trip(tmp_path):
    """A sheet that fills its travel columns with 0 on every row: a meeting attended from
    home with 0 km, 0 hours and nothing else is no trip, not `travel_for_remote_meeting`;
    one with a km or an hour is still left for a person."""
    data = _audit(tmp_path, "claim_id,representative,scheme,date,hours,attendance,"
                            "claimed_honorarium,km,travel_hours,nights,expenses,"
                            "meals_provided,vehicle,travel_claimed\n"
                            "Z-1,Kari,unn,2024-05-06,2,teams,392,0,0,0,0,ingen,bil,0\n"
                            "Z-2,Ola,unn,2024-05-06,2,teams,392,0,,,,,,\n"
                            "Z-3,Per,unn,2024-05-06,2,teams,392,0,1,,,,,0\n")
    first, second, third = data["claims"]
    for claim in (first, second):
        assert claim["findings"] == [], claim["claim_id"]
        assert claim["due"]["travel"] == "0.00" and claim["due"]["total"] == "392.00"
    assert [f["code"] for f in third["findings"]] == ["travel_for_remote_meeting"]


def test_calc_a_remote_meeting_with_no_km_is_no_trip():
    code, out = _calc("--hours", "2", "--attendance", "teams", "--km", "0")
    assert code == 0 and out["travel"] == "0.00" and out["total"] == "392.00"
    # no trip is priced by any travel table: none may be outdated for it
    later = run_cli("calc", "--scheme", "unn", "--date", "2027-03-01",
                                     "--hours", "2", "--attendance", "teams", "--km", "0",
                                     "--format", "json")
    codes = [f["code"] for f in json.loads(later.stdout)["findings"]]
    assert "travel_rates_may_be_outdated" not in codes


def test_an_overclaim_is_blamed_on_the_meal_allowance_only_where_it_is_a_meal_rate(tmp_path):
    """A trip that pays no meal allowance and is overclaimed for another reason (here 200
    kr the rules do not give) is not explained as a meal allowance that is not due; an
    overclaim of exactly the day rate on a trip of 15 km one way still is."""
    data = _audit(tmp_path, "claim_id,representative,scheme,date,hours,attendance,"
                            "claimed_honorarium,km,passenger_km,travel_hours,travel_claimed\n"
                            "W-1,Kari,unn,2024-05-06,3,fysisk,1176,200,400,5,1580\n"
                            "W-2,Ola,unn,2024-05-06,3,fysisk,1176,30,,8,516\n")
    first, second = data["claims"]
    (over,) = first["findings"]
    # 200 × 4.90 + 400 × 1.00 = 1380.00, under 6 hours: the 200.00 more is no meal rate
    assert over["code"] == "travel_overclaimed" and "meal allowance" not in over["message"]
    (near,) = second["findings"]
    # 30 × 4.90 = 147.00; 15 km one way is not over 15 km: the 369.00 more is the day rate
    assert "the difference is a meal allowance of NOK 369.00 that is not due" in near["message"]


def _steps(*args: str) -> list[str]:
    result = run_cli("calc", "--scheme", "unn", "--date", "2024-05-06",
                                      "--format", "json", "--hours", "3", *args)
    return [s["text"] for s in json.loads(result.stdout)["steps"]]


def test_the_deduction_steps_name_the_rates_they_are_taken_of():
    """Counted meals are taken of their day's rate: the step that names the rate names the
    one used (369 for the second day's breakfast, not the first day's 940), or says each
    day's where there are several; and one night is 'natt', not 'netter'."""
    trip = ["--km", "100", "--travel-hours", "36", "--nights", "1",
            "--nights-without-receipt", "1"]
    steps = _steps(*trip, "--meals", "2 frokost")
    assert "Ingen måltidstrekk for 1 frokost: ulegitimert nattillegg for 1 natt" in steps
    assert "Måltidstrekk regnes av satsen 369,00\u00a0kr" in steps
    assert not any("940,00" in s for s in steps if s.startswith("Måltidstrekk regnes"))
    both = _steps(*trip, "--meals", "2 lunsj")
    assert "Måltidstrekk regnes av hver dags sats" in both


def test_the_figures_no_page_prints_are_marked_unconfirmed():
    """Item 10: the 2026 kost rates (397 / 736 / 1 012) and the 2025 and 2026 night
    allowance trace to no page; the sourced years have none unconfirmed."""
    from honorar.tables.catalogue import read_table, shipped_rates_dir

    def unconfirmed(stem: str) -> set[str]:
        table = read_table(shipped_rates_dir() / "state-travel" / f"{stem}.yaml")
        return {".".join(p) for p, c in table.cited_items() if getattr(c, "unconfirmed", False)}

    assert {"meals.day", "meals.long_day", "meals.overnight",
            "night_without_receipt"} <= unconfirmed("2026-01-01")
    assert unconfirmed("2025-01-01") == {"night_without_receipt"}
    for stem in ("2018-06-22", "2019-01-01", "2020-06-01", "2022-01-01", "2023-01-01",
                 "2024-01-01"):
        assert unconfirmed(stem) == set(), stem


def test_rate_unconfirmed_names_the_figure_on_every_amount_using_it():
    code, out = _calc("--date", "2025-06-02", "--hours", "3", "--km", "200",
                      "--travel-hours", "30", "--nights", "1", "--nights-without-receipt", "1")
    (finding,) = [f for f in out["findings"] if f["code"] == "rate_unconfirmed"]
    assert code == 0  # a warning: the amount is computed, for a person to check
    assert finding["severity"] == "warning" and "night_without_receipt = 435" in \
        finding["message"]
    # without the night allowance no unconfirmed figure is used
    _, out = _calc("--date", "2025-06-02", "--hours", "3", "--km", "200", "--travel-hours", "7")
    assert "rate_unconfirmed" not in [f["code"] for f in out["findings"]]
