"""The rules of both shipped tables at and around every threshold, and the engine's edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from honorar.parsing import hours_between, parse_time
from honorar.rules.calculation import calculate

from ..conftest import meeting


def run(shipped, **kw):
    m = meeting(**kw)
    return calculate(m, shipped.table_at(m.scheme, m.date))


def hhmm(start: str, end: str) -> str:
    return str(hours_between(parse_time(start), parse_time(end)))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


# ------------------------------------------------------------------------------------ UNN

@pytest.mark.parametrize(("hours", "expected"), [
    ("0.25", "392.00"),            # a started half hour, and at least one hour in person
    ("0.5", "392.00"),
    ("1", "392.00"),
    (hhmm("10:00", "11:10"), "588.00"),   # 1 h 10 min → 1.5 h
    ("2", "784.00"),
    (hhmm("10:00", "12:10"), "980.00"),   # 2 h 10 min → 2.5 h
    ("2.5", "980.00"),
    (hhmm("10:00", "12:31"), "1176.00"),  # one minute over → 3 h
    ("3", "1176.00"),
    ("4.5", "1764.00"),
    (hhmm("09:00", "13:31"), "1960.00"),  # 4 h 31 min → 5 h → 1960, exactly the cap
    ("5", "1960.00"),
    ("7.5", "1960.00"),
])
def test_unn_physical_is_hourly_by_started_half_hour_capped_at_full_day(shipped, hours, expected):
    result = run(shipped, hours=hours)
    assert str(result.honorarium) == expected
    assert result.findings == ()


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("10:00", "11:00", "392.00"),
    ("10:00", "12:30", "392.00"),    # "inntil 2,5 timer" includes 2.5
    ("10:00", "12:31", "980.00"),    # one minute over
    ("08:00", "16:00", "980.00"),
])
def test_unn_remote_boundary_at_two_and_a_half_hours(shipped, start, end, expected):
    result = run(shipped, attendance="remote", hours=hhmm(start, end))
    assert str(result.honorarium) == expected


def test_unn_full_day_remote_is_a_long_remote_meeting(shipped):
    assert str(run(shipped, attendance="remote", activity="full_day").honorarium) == "980.00"


def test_unn_teaching_is_flat_whatever_the_attendance(shipped):
    for attendance in ("physical", "remote"):
        result = run(shipped, attendance=attendance, activity="teaching", hours="6")
        assert str(result.honorarium) == "980.00"


def test_unn_has_no_rule_for_peer_assignments_and_does_not_guess(shipped):
    result = run(shipped, activity="peer_assignment", hours="2")
    assert codes(result) == ["activity_not_in_table"]
    assert result.honorarium is None and result.total is None


def test_unn_pays_no_gift(shipped):
    result = run(shipped, hours="2", gift=Decimal(200))
    assert str(result.gift) == "0.00"
    assert codes(result) == ["gift_over_cap"]


def test_unn_needs_no_agreement(shipped):
    assert str(run(shipped, hours="2", agreement=False).total) == "784.00"


def test_hourly_meeting_without_duration_is_a_finding_not_a_guess(shipped):
    result = run(shipped)
    assert codes(result) == ["duration_missing"]
    assert result.honorarium is None


def test_undocumented_lost_income_is_not_paid(shipped):
    result = run(shipped, hours="2", lost_income=Decimal(900))
    assert str(result.lost_income) == "0.00"
    assert codes(result) == ["lost_income_undocumented"]
    assert str(result.total) == "784.00"


def test_before_the_first_version_there_is_no_table(shipped):
    result = run(shipped, date="2021-12-31", hours="2")
    assert codes(result) == ["no_rate_table"]
    assert result.version is None and result.total is None
    assert str(run(shipped, date="2022-01-01", hours="2").total) == "784.00"


# --------------------------------------------------------------------------------- FOUSAM

def fousam(shipped, **kw):
    kw.setdefault("agreement", True)
    return run(shipped, scheme="fousam", date="2022-05-05", **kw)


@pytest.mark.parametrize(("hours", "expected"), [
    ("0.5", "850.00"),
    ("4", "850.00"),                   # "Til og med fire timar" includes 4
    (hhmm("09:00", "13:01"), "1700.00"),  # one minute over
    ("9", "1700.00"),
])
def test_fousam_ordinary_meeting_boundary_at_four_hours(shipped, hours, expected):
    assert str(fousam(shipped, hours=hours).honorarium) == expected


@pytest.mark.parametrize("activity", ["meeting", "teaching", "training", "seminar", "full_day"])
def test_fousam_remote_is_flat(shipped, activity):
    assert str(fousam(shipped, attendance="remote", activity=activity, hours="6").honorarium) == "500.00"


def test_fousam_full_day_without_duration_counts_as_over_four_hours(shipped):
    result = fousam(shipped, activity="full_day")
    assert str(result.honorarium) == "1700.00"
    assert any(s.key == "tier_without_duration" and s.source.assumption for s in result.steps)


def test_fousam_ordinary_meeting_without_duration_is_a_finding(shipped):
    assert codes(fousam(shipped)) == ["duration_missing"]


@pytest.mark.parametrize("activity", ["org_information", "peer_work"])
def test_fousam_never_pays_some_activities(shipped, activity):
    result = fousam(shipped, activity=activity, hours="2", lost_income=Decimal(500),
                    lost_income_documented=True)
    assert codes(result) == ["not_payable_activity"]
    assert str(result.total) == "0.00"


@pytest.mark.parametrize("agreement", [False, None])
def test_fousam_without_a_written_agreement_pays_nothing(shipped, agreement):
    result = fousam(shipped, hours="2", agreement=agreement, lost_income=Decimal(500),
                    lost_income_documented=True)
    assert codes(result) == ["no_agreement"]
    assert str(result.total) == "0.00"


def test_fousam_training_is_paid_with_an_agreement(shipped):
    assert str(fousam(shipped, activity="training", hours="3").total) == "850.00"


def test_fousam_gift_is_capped(shipped):
    result = fousam(shipped, activity="peer_assignment", gift=Decimal(450))
    assert (str(result.honorarium), str(result.gift)) == ("0.00", "300.00")
    assert codes(result) == ["gift_over_cap"]


def test_fousam_gift_at_the_cap_is_fine(shipped):
    result = fousam(shipped, activity="peer_assignment", gift=Decimal(300))
    assert str(result.gift) == "300.00" and result.findings == ()


@pytest.mark.parametrize(("claimed", "paid", "findings"), [
    ("1500", "1500.00", []),
    ("1500.01", "1500.00", ["lost_income_over_cap"]),
    ("1499.99", "1499.99", []),
])
def test_fousam_lost_income_cap_boundary(shipped, claimed, paid, findings):
    result = fousam(shipped, hours="2", lost_income=Decimal(claimed), lost_income_documented=True)
    assert str(result.lost_income) == paid
    assert codes(result) == findings


# ------------------------------------------------------------------------- every result

def test_every_step_with_an_amount_cites_its_source(shipped):
    result = fousam(shipped, hours="5", lost_income=Decimal(2000), lost_income_documented=True)
    for step in result.steps:
        if step.amount is not None and step.key != "total":
            assert step.source is not None and (step.source.quote or step.source.assumption)
    assert [s.key for s in result.steps][-1] == "total"
    assert result.steps[-1].amount == result.total


def test_an_assumption_is_named_as_one(shipped):
    result = run(shipped, hours="2.2")
    rounding = next(s for s in result.steps if s.key == "hours_rounded")
    assert rounding.source.assumption and rounding.source.reason and not rounding.source.quote


def test_severity_can_be_changed_by_a_table(shipped, tmp_path):
    from honorar.tables.catalogue import Catalogue

    text = (shipped.versions("fousam").files[0].path).read_text(encoding="utf-8")
    folder = tmp_path / "fousam"
    folder.mkdir()
    (folder / "2024-01-01.yaml").write_text(
        text.replace("effective: 2018-06-01", "effective: 2024-01-01")
        + "\nseverities:\n  lost_income_over_cap: warning\n", encoding="utf-8")
    table = Catalogue([tmp_path]).table_at("fousam", dt.date(2024, 3, 1))
    result = calculate(meeting("fousam", "2024-03-01", hours="2", agreement=True,
                               lost_income=Decimal(2000), lost_income_documented=True), table)
    assert [(f.code, f.severity) for f in result.findings] == [("lost_income_over_cap", "warning")]
