"""The audit's checks as pure functions of claims and rate tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from honorar.audit.checks import (
    claim_age_limit,
    date_findings,
    duplicate_findings,
    group_findings,
    honorarium_findings,
)
from honorar.audit.checks.fingerprints import FingerprintMap
from honorar.audit.pipeline import audit
from honorar.claims import Claim, InvalidRow
from honorar.domain import Attendance, Meeting, Severity
from honorar.rules.calculation import calculate

D = dt.date.fromisoformat


def claim(row: int = 2, claim_id: str = "K-1", representative: str = "Kari Nordmann",
          group: str | None = None, scheme: str = "unn", date: str = "2023-03-02",
          start: str | None = "09:00", end: str | None = "12:00", attendance: str = "physical",
          activity: str = "meeting", agreement: bool | None = None, claimed: str = "1176",
          lost_income: str = "0", documented: bool = False, gift: str = "0",
          submitted: str | None = None, hours: str | None = None) -> Claim:
    begins = dt.time.fromisoformat(start) if start else None
    ends = dt.time.fromisoformat(end) if end else None
    length = Decimal(hours) if hours else (
        Decimal((ends.hour * 60 + ends.minute) - (begins.hour * 60 + begins.minute)) / 60
        if begins and ends else None)
    meeting = Meeting(scheme, D(date), Attendance(attendance), activity, length, agreement,
                      Decimal(lost_income), documented, Decimal(gift))
    return Claim(row, claim_id, representative, group, meeting, begins, ends, Decimal(claimed),
                 D(submitted) if submitted else None)


def codes(findings) -> list[str]:
    return [f.message_key for f in findings]


@pytest.fixture(scope="module")
def unn(shipped):
    return shipped.table_at("unn", D("2023-03-02"))


@pytest.fixture(scope="module")
def fousam(shipped):
    return shipped.table_at("fousam", D("2023-03-02"))


# ----------------------------------------------------------------------- honorarium


@pytest.mark.parametrize("claimed, expected", [
    ("1176", []), ("1176.00", []), ("1176.01", ["honorarium_overclaimed"]),
    ("1960", ["honorarium_overclaimed"]), ("1175.99", ["honorarium_underclaimed"]),
    ("0", ["honorarium_underclaimed"])])
def test_claimed_honorarium_against_what_the_rules_give(unn, claimed, expected):
    c = claim(claimed=claimed)
    found = honorarium_findings(c, calculate(c.meeting, unn), unn)
    assert codes(found) == expected
    if found:
        assert found[0].row == 2 and found[0].column == "claimed_honorarium"
        assert found[0].params == {"claimed_kr": Decimal(claimed), "due_kr": Decimal("1176.00")}
        assert found[0].severity == ("error" if expected[0].endswith("over") or "over" in
                                     expected[0] else "warning")


@pytest.mark.parametrize("kind", [
    dict(scheme="fousam", agreement=False),  # no_agreement: due 0
    dict(scheme="fousam", agreement=True, activity="org_information"),  # never payable: 0
    dict(activity="peer_assignment", start=None, end=None),  # not in UNN's table: undecided
    dict(date="2021-06-01"),  # no table: undecided
])
def test_a_fee_the_rules_explain_gets_no_over_or_under_finding(shipped, kind):
    c = claim(**kind)
    table = shipped.table_at(c.meeting.scheme, c.meeting.date)
    calculation = calculate(c.meeting, table)
    assert calculation.findings  # the finding that explains it
    assert honorarium_findings(c, calculation, table) == ()


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize("meeting, months, limit", [
    ("2022-11-30", 3, "2023-02-28"), ("2023-11-30", 3, "2024-02-29"),
    ("2023-01-31", 1, "2023-02-28"), ("2023-03-15", 3, "2023-06-15")])
def test_claim_age_counts_calendar_months(meeting, months, limit):
    assert claim_age_limit(D(meeting), months) == D(limit)


@pytest.mark.parametrize("submitted, expected", [
    ("2023-02-28", []), ("2023-03-01", ["claim_too_old"]), ("2022-11-30", []),
    ("2022-11-29", ["submitted_before_meeting"])])
def test_claim_age_is_inclusive_at_the_limit(fousam, submitted, expected):
    c = claim(scheme="fousam", date="2022-11-30", agreement=True, submitted=submitted)
    found = date_findings(c, fousam)
    assert codes(found) == expected
    if expected == ["claim_too_old"]:
        assert found[0].severity == "warning"  # "bør": should
        assert found[0].params["limit_date"] == D("2023-02-28")


def test_a_table_without_a_claim_age_rule_never_finds_a_claim_too_old(unn):
    assert date_findings(claim(date="2020-01-01", submitted="2023-03-01"), unn) == ()


def test_a_table_may_change_a_severity(fousam):
    strict = fousam.model_copy(update={"severities": {"claim_too_old": Severity.ERROR}})
    c = claim(scheme="fousam", date="2022-11-30", agreement=True, submitted="2023-03-01")
    assert date_findings(c, strict)[0].severity == "error"


# ------------------------------------------------------------------------ duplicates


def test_the_same_claim_id_twice_names_the_first_row():
    found = duplicate_findings([claim(row=2), claim(row=3, claim_id="K-2", date="2023-03-03"),
                                claim(row=9)])
    assert [(f.row, f.message_key, f.params["other_row"]) for f in found] == [
        (9, "duplicate_claim", "2")]


def test_overlapping_times_of_one_person_on_one_day_are_one_meeting():
    found = duplicate_findings([
        claim(row=2), claim(row=3, claim_id="K-2", start="11:00", end="13:00",
                            attendance="remote")])
    assert [(f.row, f.message_key, f.column) for f in found] == [
        (3, "duplicate_meeting", "representative")]
    assert found[0].params["other_row"] == "2"


@pytest.mark.parametrize("other", [
    dict(start="12:00", end="14:00"),  # right after: two meetings
    dict(representative="Ola Hansen"),  # someone else
    dict(date="2023-03-03"),  # another day
])
def test_not_the_same_meeting(other):
    assert duplicate_findings([claim(row=2), claim(row=3, claim_id="K-2", **other)]) == []


def test_the_same_person_is_found_whatever_the_case_and_spacing_of_the_name():
    found = duplicate_findings([claim(row=2), claim(row=3, claim_id="K-2",
                                                    representative=" kari  NORDMANN")])
    assert codes(found) == ["duplicate_meeting"]


def test_without_times_the_same_group_on_the_same_day_is_the_same_meeting():
    day = dict(start=None, end=None, activity="full_day", group="Kvalitetsutvalg")
    (found,) = duplicate_findings([claim(row=2, **day), claim(row=3, claim_id="K-2", **day)])
    assert (found.code, found.message_key, found.params["group"]) == (
        "duplicate_claim", "duplicate_meeting_group", "Kvalitetsutvalg")  # not "overlapping"
    other_group = dict(day, group="Fagråd")
    assert duplicate_findings([claim(row=2, **day),
                               claim(row=3, claim_id="K-2", **other_group)]) == []
    no_group = dict(day, group=None)  # identical rows are one meeting whatever is blank
    assert codes(duplicate_findings([claim(row=2, **no_group),
                                     claim(row=3, claim_id="K-2", **no_group)])) == [
        "duplicate_meeting_identical"]


def kinds(findings) -> list[tuple[int, str, str]]:
    return [(f.row, f.code, f.params.get("other_row", "")) for f in findings]


NO_TIMES = dict(start=None, end=None)


@pytest.mark.parametrize("first, second", [
    (dict(), dict(hours="3", **NO_TIMES)),  # 09:00–12:00 and 3 hours
    (dict(hours="3", **NO_TIMES), dict()),
    (dict(hours="3", **NO_TIMES), dict(hours="3", **NO_TIMES, claimed="1000")),
    (dict(group="Rus"), dict(hours="3", **NO_TIMES)),  # one group blank
    (dict(hours="3", group="Rus", **NO_TIMES), dict(hours="3", group=" RUS ", **NO_TIMES)),
])
def test_times_on_one_row_and_hours_on_the_other_are_one_meeting(first, second):
    assert kinds(duplicate_findings([claim(row=2, **first),
                                     claim(row=3, claim_id="K-2", **second)])) == [
        (3, "duplicate_claim", "2")]


@pytest.mark.parametrize("first, second", [
    (dict(), dict(hours="2", **NO_TIMES)),  # 09:00–12:00 and 2 hours
    (dict(hours="3", **NO_TIMES), dict(hours="2", **NO_TIMES)),
    (dict(group="Rus", hours="3", **NO_TIMES), dict(group="Rus", hours="2", **NO_TIMES)),
    (dict(group="Rus", activity="full_day", **NO_TIMES),  # no durations, not identical
     dict(group="Rus", activity="full_day", claimed="1000", **NO_TIMES)),
])
def test_rows_that_cannot_be_told_apart_are_a_possible_duplicate(first, second):
    found = duplicate_findings([claim(row=2, **first), claim(row=3, claim_id="K-2", **second)])
    assert kinds(found) == [(3, "possible_duplicate", "2")]
    assert found[0].severity == "error"


@pytest.mark.parametrize("first, second", [
    (dict(group="Rus", hours="3", **NO_TIMES), dict(group="Hjerte", hours="3", **NO_TIMES)),
    (dict(group="Rus"), dict(group="Hjerte", hours="3", **NO_TIMES)),
    (dict(start="09:00", end="11:00"), dict(start="13:00", end="15:00")),
])
def test_different_groups_or_times_are_different_meetings(first, second):
    assert duplicate_findings([claim(row=2, **first),
                               claim(row=3, claim_id="K-2", **second)]) == []


def test_a_claim_entered_twice_is_one_finding_not_two():
    assert codes(duplicate_findings([claim(row=2), claim(row=3)])) == ["duplicate_claim"]


def test_the_earliest_overlapping_row_is_named():
    found = duplicate_findings([
        claim(row=2, start="09:00", end="10:00"), claim(row=3, claim_id="K-2", start="13:00",
                                                        end="14:00"),
        claim(row=4, claim_id="K-3", start="09:30", end="13:30")])
    assert [f.params["other_row"] for f in found] == ["2"]


# ---------------------------------------------------------------------------- groups


def test_a_group_meeting_with_one_representative_gets_a_finding_on_each_row(shipped):
    claims = [claim(row=2, group="Rus", start="09:00", end="10:00"),
              claim(row=3, claim_id="K-2", group="Rus", start="13:00", end="14:00"),
              claim(row=4, claim_id="K-3", group="Hjerte", representative="Ola"),
              claim(row=5, claim_id="K-4", group="Hjerte", representative="Aisha"),
              claim(row=6, claim_id="K-5", group="Fagråd", scheme="fousam", agreement=True)]
    found = group_findings(claims, lambda c: shipped.table_at(c.meeting.scheme, c.meeting.date))
    assert [(f.row, f.column, f.params["count"], f.params["minimum"]) for f in found] == [
        (2, "group", 1, 2), (3, "group", 1, 2)]
    assert found[0].severity == "warning"


def test_a_larger_minimum_counts_distinct_representatives(unn):
    three = unn.model_copy(update={"representatives": unn.representatives.model_copy(
        update={"minimum": 3})})
    rows = [claim(row=2, group="G"), claim(row=3, claim_id="K-2", group="G"),
            claim(row=4, claim_id="K-3", group="G", representative="Ola")]
    found = group_findings(rows, lambda c: three)
    assert [(f.row, f.params["count"]) for f in found] == [(2, 2), (3, 2), (4, 2)]
    rows.append(claim(row=5, claim_id="K-4", group="g", representative="Per"))
    assert group_findings(rows, lambda c: three) == []


def test_rows_without_a_group_are_no_group_meeting(unn):
    assert group_findings([claim(row=2)], lambda c: unn) == []


# -------------------------------------------------------------------------- the join


def test_audit_joins_every_check_and_keeps_file_order(shipped):
    rows = [claim(row=2, group="Rus", claimed="1960"),
            InvalidRow(3, "date", "'x' is not a date", {"claim_id": "K-9"}, "cell_not_date",
                       {"text": "x"}),
            claim(row=4, scheme="helse-vest", claim_id="K-2", representative="Ola"),
            claim(row=5, group="Rus")]
    run = audit(rows, shipped)
    results = list(run)
    assert [r.row for r in results] == [2, 3, 4, 5]
    assert [codes(r.findings) for r in results] == [
        ["honorarium_overclaimed"], ["invalid_row"], ["unknown_scheme"], ["duplicate_claim"]]
    assert results[1].calculation is None and results[1].invalid is rows[1]
    assert results[2].calculation.total is None and results[2].table is None
    # row 5 repeats row 2 and is not paid: no representative of the meeting, no finding
    assert [(f.code, f.row) for f in run.late_findings()] == [("too_few_representatives", 2)]


def test_late_findings_are_known_only_after_the_last_row(shipped):
    run = audit([claim()], shipped)
    with pytest.raises(RuntimeError):
        run.late_findings()


@pytest.mark.parametrize("case", range(40))
def test_a_calculation_depends_on_the_date_only_through_the_table(shipped, case):
    """The audit shares one calculation among meetings that differ only in their date."""
    import random

    rng = random.Random(case)
    scheme = rng.choice(("unn", "fousam"))
    first = D("2023-01-02") + dt.timedelta(days=rng.randrange(300))
    other = first + dt.timedelta(days=rng.randrange(1, 400))
    table = shipped.table_at(scheme, first)
    meeting = Meeting(scheme, first, rng.choice(list(Attendance)),
                      rng.choice(("meeting", "full_day", "teaching", "peer_assignment",
                                  "org_information", "training", "tea")),
                      rng.choice((None, Decimal("1.5"), Decimal(3), Decimal("4.01"))),
                      rng.choice((None, True, False)), Decimal(rng.choice((0, 900, 2000))),
                      rng.choice((True, False)), Decimal(rng.choice((0, 250, 400))))
    assert calculate(meeting, table) == calculate(dataclasses.replace(meeting, date=other), table)


# ---------------------------------------------------------------------- fingerprints


def test_the_fingerprint_map_keeps_every_key_through_growth():
    fingerprints = FingerprintMap()
    keys = [hash(f"K-{n}") for n in range(20_000)] + [0, -1, 1 << 62]
    for value, key in enumerate(keys):
        assert fingerprints.setdefault(key, value) == value
    assert len(fingerprints) == len(keys)
    for value, key in enumerate(keys):
        assert fingerprints.setdefault(key, -5) == value
    assert fingerprints.setdefault(1, -5) == 20_000  # 0 marks an empty place: 0 is kept as 1
    assert fingerprints.setdefault(keys[123], -5) == 123
    assert fingerprints.swap(keys[7], 99) == 7 and fingerprints.swap(keys[7], 100) == 99
    assert fingerprints.swap(hash("new"), 1) == -1
