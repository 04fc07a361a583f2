"""The budget of a working group, worked out by hand from the two rate tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from honorar.budget.estimate import make_budget, plan_problems
from honorar.budget.plans import parse_plan, read_plan, suggested_plan
from honorar.domain import Attendance, Meeting
from honorar.rules.calculation import calculate
from honorar.tables.catalogue import TableFile, Versions, read_table, shipped_rates_dir

PLANS = Path(__file__).parent.parent / "data" / "plans"
DAY = dt.date(2025, 9, 1)
# the UNN table declares review_after 2023-01-01: a budget after it says so, once
OUTDATED = ("rates_may_be_outdated", "warning", None)
D = Decimal


@pytest.fixture(scope="module")
def unn(shipped):
    return shipped.versions("unn")


@pytest.fixture(scope="module")
def fousam(shipped):
    return shipped.versions("fousam")


def amounts(budget):
    """Per meeting: (fee for one representative, fee for all), and the total."""
    return ([(line.calculation.honorarium, line.total_all) for line in budget.lines],
            budget.total)


def codes(budget):
    return [(f.finding.code, str(f.finding.severity), f.meeting) for f in budget.findings]


# ---------------------------------------------------- the suggested plan, by hand


def test_unn_physical_is_paid_by_the_hour(unn):
    # 3 h × 392 = 1 176; 2 h × 392 = 784; for two representatives, twice that
    budget = make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY)
    assert amounts(budget) == ([(D(1176), D(2352)), (D(784), D(1568)), (D(784), D(1568)),
                                (D(1176), D(2352))], D(7840))
    assert budget.version == "2022-01-01" and codes(budget) == [OUTDATED]


def test_unn_remote_pays_392_up_to_two_and_a_half_hours_and_980_above(unn):
    budget = make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY,
                         attendance=Attendance.REMOTE)
    assert amounts(budget) == ([(D(980), D(1960)), (D(392), D(784)), (D(392), D(784)),
                                (D(980), D(1960))], D(5488))


def test_fousam_pays_850_for_meetings_up_to_four_hours(fousam):
    budget = make_budget(suggested_plan(), "fousam", 3, fousam.at, date=DAY)
    assert amounts(budget) == ([(D(850), D(2550))] * 4, D(10200))
    assert budget.version == "2018-06-01"


def test_fousam_remote_is_a_flat_500(fousam):
    budget = make_budget(suggested_plan(), "fousam", 2, fousam.at, date=DAY,
                         attendance=Attendance.REMOTE)
    assert amounts(budget) == ([(D(500), D(1000))] * 4, D(4000))


def test_fousam_is_budgeted_with_the_written_agreement_it_requires(fousam):
    budget = make_budget(suggested_plan(), "fousam", 2, fousam.at, date=DAY)
    [note] = [n for n in budget.assumptions if n.key == "budget_agreement_required"]
    assert "skriftlig avtale" in note.source.quote
    assert "no_agreement" not in [c for c, _, _ in codes(budget)]


# ------------------------------------------------------------------ representatives


def test_one_representative_is_fewer_than_unn_recommends(unn):
    budget = make_budget(suggested_plan(), "unn", 1, unn.at, date=DAY)
    assert codes(budget) == [OUTDATED, ("too_few_representatives", "warning", None)]
    assert budget.findings[1].finding.params == {"count": 1, "minimum": 2,
                                                 "table": "unn@2022-01-01"}
    assert budget.total == D(3920)


def test_two_representatives_are_enough_for_unn(unn):
    assert codes(make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY)) == [OUTDATED]


def test_fousam_has_no_rule_on_representatives_and_says_so(fousam):
    budget = make_budget(suggested_plan(), "fousam", 1, fousam.at, date=DAY)
    assert codes(budget) == []
    assert "budget_no_representatives_rule" in [n.key for n in budget.assumptions]


def test_no_representatives_is_no_budget(unn):
    with pytest.raises(ValueError, match="at least one"):
        make_budget(suggested_plan(), "unn", 0, unn.at, date=DAY)


# ------------------------------------------------------------------------ lost income


def test_lost_income_is_capped_by_fousams_table_meeting_by_meeting(fousam):
    budget = make_budget(suggested_plan(), "fousam", 2, fousam.at, date=DAY,
                         lost_income=D(2000))
    assert [line.calculation.lost_income for line in budget.lines] == [D(1500)] * 4
    assert codes(budget) == [("lost_income_over_cap", "error", n) for n in (1, 2, 3, 4)]
    assert budget.lost_income_total == D(12000)  # 1 500 × 4 meetings × 2 representatives
    assert budget.total == D(850 * 8 + 12000)


def test_lost_income_has_no_cap_under_unn(unn):
    budget = make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY, lost_income=D(1200))
    assert budget.lost_income_total == D(1200 * 4 * 2)
    assert budget.total == D(7840 + 9600)
    assert codes(budget) == [OUTDATED]
    keys = [n.key for n in budget.assumptions]
    assert "budget_lost_income" in keys and "budget_lost_income_no_cap" in keys


def test_without_lost_income_the_budget_says_it_is_left_out(unn):
    budget = make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY)
    assert budget.lost_income_total == 0
    assert "budget_no_lost_income" in [n.key for n in budget.assumptions]


# -------------------------------------------------------------------- the same engine


@given(reps=st.integers(1, 40), remote=st.booleans(),
       lost_income=st.decimals(0, 5000, places=2))
def test_each_meeting_is_the_engines_calculation_times_the_representatives(
        reps, remote, lost_income):
    versions = _shipped_unn()
    attendance = Attendance.REMOTE if remote else Attendance.PHYSICAL
    budget = make_budget(suggested_plan(), "unn", reps, versions.at, date=DAY,
                         attendance=attendance, lost_income=lost_income)
    for line, planned in zip(budget.lines, suggested_plan().meetings, strict=True):
        alone = calculate(Meeting("unn", DAY, attendance, planned.activity, planned.hours,
                                  agreement=True, lost_income=lost_income,
                                  lost_income_documented=True), versions.at(DAY))
        assert line.calculation == alone
        assert line.total_all == alone.total * reps
    assert budget.total == sum(line.calculation.total for line in budget.lines) * reps


_UNN: list[Versions] = []


def _shipped_unn() -> Versions:
    if not _UNN:  # hypothesis runs the test many times; read the table once
        path = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
        _UNN.append(Versions("unn", [TableFile(read_table(path), path)]))
    return _UNN[0]


# ----------------------------------------------------------------- custom plans, dates


@pytest.fixture(scope="module")
def unn_with_a_rate_change():
    """UNN as shipped, and a made-up 2026 version paying kr 400 an hour."""
    path = shipped_rates_dir() / "unn" / "2022-01-01.yaml"
    text = path.read_text(encoding="utf-8")
    newer = text.replace("effective: 2022-01-01", "effective: 2026-01-01").replace(
        "rate: {kr: 392,", "rate: {kr: 400,")
    assert newer.count("kr: 400") == 1
    return Versions("unn", [TableFile(read_table(path), path),
                            TableFile(read_table(path, text=newer), path)])


def test_custom_plan_by_hand_across_a_rate_change(unn_with_a_rate_change):
    plan = read_plan(PLANS / "custom.yaml")
    budget = make_budget(plan, "unn", 2, unn_with_a_rate_change.at, date=DAY)
    # 1: 3 h in person, 2025 → 3 × 392; 2–3: 2.5 h on Teams → 392 each;
    # 4: teaching → 980; 5: full day in person, 2026 → 1 960
    assert amounts(budget) == ([(D(1176), D(2352)), (D(392), D(784)), (D(392), D(784)),
                                (D(980), D(1960)), (D(1960), D(3920))], D(9800))
    assert [line.version for line in budget.lines] == ["2022-01-01"] * 4 + ["2026-01-01"]
    assert budget.versions == ("2022-01-01", "2026-01-01")
    assert budget.version == "2022-01-01"


def test_the_date_option_picks_the_version_for_undated_meetings(unn_with_a_rate_change):
    budget = make_budget(suggested_plan(), "unn", 1, unn_with_a_rate_change.at,
                         date=dt.date(2026, 3, 1))
    assert budget.versions == ("2026-01-01",)
    assert budget.lines[0].calculation.honorarium == D(1200)  # 3 h × 400


def test_a_meeting_before_the_first_version_leaves_the_total_undecided(unn):
    plan = parse_plan("- {activity: meeting, hours: 2, date: 2021-06-01}\n"
                      "- {activity: meeting, hours: 2}\n", "p.yaml")
    budget = make_budget(plan, "unn", 2, unn.at, date=DAY)
    assert codes(budget) == [("no_rate_table", "error", 1), OUTDATED]
    assert budget.lines[1].total_all == D(1568)
    assert budget.total is None  # never quietly too low


def test_a_plans_own_attendance_wins_over_the_default(unn):
    plan = parse_plan("- {activity: meeting, hours: 3, attendance: video}\n"
                      "- {activity: meeting, hours: 3}\n", "p.yaml")
    budget = make_budget(plan, "unn", 2, unn.at, date=DAY, attendance=Attendance.PHYSICAL)
    assert [line.attendance for line in budget.lines] == [Attendance.REMOTE,
                                                          Attendance.PHYSICAL]
    assert [line.calculation.honorarium for line in budget.lines] == [D(980), D(1176)]


# ---------------------------------------------------------------- activities in a plan


def test_an_activity_the_table_does_not_know_is_a_problem_at_its_line(unn):
    plan = read_plan(PLANS / "unknown_activity.yaml")
    [problem] = plan_problems(plan, unn.at, DAY)
    assert (problem.line, problem.column) == (5, 5)
    assert problem.message.startswith("meeting 2: activity 'meting' is not in the rate table "
                                      "unn@2022-01-01 (it has: meeting, full_day, teaching")


def test_unns_table_has_no_peer_assignments(unn, fousam):
    plan = parse_plan("- {activity: likemannsoppdrag, hours: 1}\n", "p.yaml")
    assert len(plan_problems(plan, unn.at, DAY)) == 1
    assert plan_problems(plan, fousam.at, DAY) == []


def test_a_never_payable_activity_passes_the_check_and_is_a_finding(fousam):
    plan = parse_plan("- {activity: informasjon, hours: 1}\n", "p.yaml")
    assert plan_problems(plan, fousam.at, DAY) == []
    budget = make_budget(plan, "fousam", 2, fousam.at, date=DAY)
    assert codes(budget) == [("not_payable_activity", "error", 1)]
    assert budget.total == 0


def test_the_suggested_plan_passes_the_check_under_both_schemes(unn, fousam):
    assert plan_problems(suggested_plan(), unn.at, DAY) == []
    assert plan_problems(suggested_plan(), fousam.at, DAY) == []


def test_a_table_that_may_be_outdated_is_said_once_per_version(unn):
    """Every meeting is after UNN's review date, yet the warning comes once, for the plan."""
    budget = make_budget(suggested_plan(), "unn", 2, unn.at, date=DAY)
    outdated = [f for f in budget.findings if f.finding.code == "rates_may_be_outdated"]
    assert len(outdated) == 1 and outdated[0].meeting is None
    assert outdated[0].finding.params["table"] == "unn@2022-01-01"
    before = make_budget(suggested_plan(), "unn", 2, unn.at, date=dt.date(2022, 12, 31))
    assert codes(before) == []
