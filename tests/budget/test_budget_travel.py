"""Issue 23, item 11: `budget` takes every trip option `calc` has, and a plan file may give
travel per meeting and per representative."""

from __future__ import annotations

import json

import pytest

from ..conftest import run_cli

PLAN = """\
name: To langt borte
scheme: unn
representatives:
  - name: Tromsø
    travel: {km: 120, travel-hours: 7}
  - name: Kirkenes
    travel: {distance-km: 500, travel-hours: 30, nights: 1, nights-without-receipt: 1,
             expenses: 4000, receipts: true}
meetings:
  - {name: Møte, activity: meeting, hours: 3, count: 3}
"""


def _budget(tmp_path, *args: str, plan: str | None = None) -> tuple[int, dict]:
    extra: list[str] = []
    if plan is not None:
        path = tmp_path / "plan.yaml"
        path.write_text(plan, encoding="utf-8")
        extra = ["--plan", str(path)]
    result = run_cli("budget", *extra, *args, "--date", "2024-03-01",
                                      "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code, (json.loads(result.stdout) if result.exit_code != 2 else
                              {"error": result.stderr})


def test_a_plan_gives_each_representative_a_trip_of_their_own(tmp_path):
    _code, out = _budget(tmp_path, plan=PLAN)
    assert out["reps"] == 2
    # Tromsø: 120 × 4.90 = 588.00 + 369.00 (7 h) = 957.00
    # Kirkenes: 30 h with a night, 500 km one way: 940.00 + 369.00 (the 6 h past it) +
    # night without receipt 435.00 + expenses 4000.00 = 5744.00
    first = out["meetings"][0]
    assert first["travel_by_representative"] == [{"name": "Tromsø", "travel": "957.00"},
                                                 {"name": "Kirkenes", "travel": "5744.00"}]
    assert first["all_representatives"]["travel"] == "6701.00"
    # three meetings: travel 3 × 6701.00 = 20103.00; fees 3 × 2 × 1176.00 = 7056.00
    assert out["totals"]["travel"] == "20103.00" and out["total"] == "27159.00"


def test_reps_must_match_the_plans_representatives(tmp_path):
    code, out = _budget(tmp_path, "--reps", "3", plan=PLAN)
    assert code == 2 and "the plan names 2" in out["error"]


def test_a_meetings_travel_is_everyones_at_it(tmp_path):
    plan = PLAN.replace("count: 3}", "count: 2}\n  - {name: Oslo, activity: meeting, "
                                     "hours: 3, travel: {km: 40, travel-hours: 4}}")
    _code, out = _budget(tmp_path, plan=plan)
    last = out["meetings"][-1]
    # 40 × 4.90 = 196.00 each, under 6 hours: no kost
    assert last["all_representatives"]["travel"] == "392.00"


def test_budget_takes_nights_and_nights_without_receipt(tmp_path):
    _code, out = _budget(tmp_path, "--scheme", "unn", "--reps", "1", "--km", "600",
                        "--travel-hours", "30", "--nights", "1", "--nights-without-receipt",
                        "1", "--passenger-km", "600", "--meals", "2 frokost")
    # 600 × 4.90 = 2940.00; passenger 600.00; kost 940.00 + 369.00 = 1309.00, the breakfast
    # after the night without receipt not deducted, the second 20 % of 369.00 = 73.80:
    # 1235.20; night 435.00: 5210.20 a meeting
    assert out["meetings"][0]["per_representative"]["travel"] == "5210.20"
    assert out["totals"]["travel"] == "20840.80"  # the four meetings of the UNN plan


def test_budget_a_trip_over_24_hours_without_nights_is_undecided(tmp_path):
    code, out = _budget(tmp_path, "--scheme", "unn", "--reps", "1", "--km", "600",
                        "--travel-hours", "30")
    assert code == 1 and out["total"] is None
    assert "travel_undecided" in [f["code"] for f in out["findings"]]


def test_a_bad_travel_option_in_a_plan_names_its_place(tmp_path):
    plan = PLAN.replace("travel-hours: 7}", "travel-houres: 7}")
    code, out = _budget(tmp_path, plan=plan)
    assert code == 2 and "plan.yaml:5" in out["error"] and "travel-houres" in out["error"]


def test_a_meetings_findings_are_every_representatives(tmp_path):
    """Where the representatives' trips differ, a meeting's findings in JSON are those of
    every representative's trip, not only the first one's: a meeting whose total is null
    says why."""
    plan = PLAN.replace("travel-hours: 30, nights: 1, nights-without-receipt: 1,",
                        "travel-hours: 30,")
    code, out = _budget(tmp_path, plan=plan)
    first = out["meetings"][0]
    assert code == 1 and first["all_representatives"]["total"] is None
    assert first["travel_by_representative"][0] == {"name": "Tromsø", "travel": "957.00"}
    codes = [f["code"] for f in first["findings"]]
    assert codes.count("travel_undecided") == 1


def test_a_remote_meeting_with_a_trip_of_its_own_is_left_for_a_person(tmp_path):
    """Issue 23, item 4, in a plan: a meeting attended remotely that gives a trip of its
    own (someone may travel to a video room) is `travel_for_remote_meeting`, as in `calc`
    and the audit, not a trip dropped in silence; the representatives' own trips are to
    meetings in person only."""
    plan = PLAN.replace("count: 3}", "count: 1}\n  - {name: Video, activity: meeting, "
                                     "hours: 3, attendance: remote}\n"
                                     "  - {name: Videorom, activity: meeting, hours: 3, "
                                     "attendance: remote, travel: {km: 40, travel-hours: 4}}")
    code, out = _budget(tmp_path, plan=plan)
    _, video, room = out["meetings"]
    assert video["all_representatives"]["travel"] == "0.00"
    assert "travel_for_remote_meeting" not in [f["code"] for f in video["findings"]]
    assert room["all_representatives"]["honorarium"] == "1960.00"  # 2 × 980.00, remote
    assert room["all_representatives"]["travel"] is None
    assert "travel_for_remote_meeting" in [f["code"] for f in room["findings"]]
    assert code == 1 and out["total"] is None
    assert [f["meeting"] for f in out["findings"]
            if f["code"] == "travel_for_remote_meeting"] == [3]


def test_a_representatives_bad_trip_is_said_in_bokmal(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("{km: 120,", "{km: -120,"), encoding="utf-8")
    result = run_cli("budget", "--plan", str(path), "--date", "2024-03-01")
    assert result.exit_code == 2
    assert "brukerrepresentant 1: travel: km:" in result.stderr
    assert "representative 1" not in result.stderr


@pytest.mark.parametrize(("trip", "said"), [
    ("vehicle: fly", "vehicle: 'fly' er ikke et kjøretøy (bil, motorsykkel"),
    ("meals: 'lunsj, lunsj'", "meals: 'lunsj' står to ganger (oppgi et antall: '2 lunsj')"),
    ("meals: '2'", "meals: antallet 2 gjelder ikke noe måltid (f.eks. '2 frokost')"),
    ("meals: '2 3 lunsj'", "meals: '3' følger et annet antall; skriv et måltid etter et antall"),
    ("meals: '100 middag'", "meals: '100' måltider av et slag er flere enn 99"),
    ("meals: kake", "meals: 'kake' er ikke et måltid (frokost, lunsj, middag)"),
    ("expenses: 5, receipts: kanskje", "receipts: 'kanskje' er ikke ja eller nei"),
    ("nights: 1, nights-without-receipt: 2",
     "nights-without-receipt: 2 netter uten kvittering er flere enn de 1 nettene"),
    ("departure: '2024-03-01 10:00'", "return: en avreise trenger en hjemkomst"),
    ("return: '2024-03-01 10:00'", "departure: en hjemkomst trenger en avreise"),
    ("travel-hours: 3, departure: '2024-03-01 10:00', return: '2024-03-01 12:00'",
     "travel-hours: oppgi reisetid eller avreise og hjemkomst, ikke begge"),
    ("departure: '2024-03-02 10:00', return: '2024-03-01 12:00'",
     "return: hjemkomst 2024-03-01 12:00 er før avreise 2024-03-02 10:00"),
])
def test_a_bad_trip_in_a_plan_is_said_in_bokmal(tmp_path, trip, said):
    """A plan's travel options are the plan's keys ('meals', 'receipts'), and what is
    wrong with them is said in bokmål, as `calc` says it of its options."""
    path = tmp_path / "plan.yaml"
    path.write_text("scheme: unn\nmeetings:\n  - {name: M, activity: meeting, hours: 3, "
                    f"travel: {{{trip}}}}}\n", encoding="utf-8")
    result = run_cli("budget", "--plan", str(path), "--reps", "2",
                                      "--date", "2024-03-01")
    assert result.exit_code == 2
    # the words are those `calc` says of its options; the plan names its own key
    key = said.split(":")[0]
    assert f"møte 1: travel: {key}: " in result.stderr, result.stderr
    assert " is " not in result.stderr and " not " not in result.stderr, result.stderr
