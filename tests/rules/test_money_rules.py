"""The rules that decide what payroll is told to pay (issue 10): the UNN minimum hour, a full
day that must be one, FOUSAM's cap per person per day, plausibility, stale tables, teaching,
and activity words no table knows."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from honorar.audit.pipeline import audit
from honorar.audit.summary import Summary
from honorar.claims import read_claims
from honorar.parsing import parse_activity, parse_date
from honorar.render import messages
from honorar.rules.calculation import calculate
from honorar.tables.catalogue import Catalogue
from honorar.tables.schema import DEFAULT_IMPLAUSIBLE_HOURS

from ..conftest import meeting, run_cli

TABLES = Catalogue.from_options(environ={})
D = Decimal


def run(**kw):
    m = meeting(**kw)
    return calculate(m, TABLES.table_at(m.scheme, m.date))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def invoke(*args: str):
    return run_cli(*args, columns=160)


# ----------------------------------------------------------- UNN: at least one hour in person


@pytest.mark.parametrize(("attendance", "hours", "expected"), [
    ("physical", "0.25", D(392)), ("physical", "0.5", D(392)), ("physical", "1.1", D(588)),
    ("remote", "0.5", D(392)),  # by phone the tier pays 392 anyway: in person is no less
])
def test_unn_pays_at_least_one_hour_in_person(attendance, hours, expected):
    result = run(hours=hours, attendance=attendance)
    assert result.honorarium == expected
    assert codes(result) == []


def test_the_minimum_is_data_with_its_reason():
    rule = TABLES.table_at("unn", dt.date(2022, 3, 15)).activities["meeting"].physical
    assert rule.minimum.hours == 1 and "Helse Bergen" in rule.minimum.reason.en
    step = next(s for s in run(hours="0.5").steps if s.key == "hours_minimum")
    assert step.source.assumption == rule.minimum.assumption


# ----------------------------------------------------------------- a full day must be one


@pytest.mark.parametrize(("attendance", "hours", "expected", "found"), [
    ("physical", "3", D(1176), ["full_day_too_short"]),   # 3 h × 392
    ("physical", "4.75", D(1960), ["full_day_too_short"]),  # 5 h × 392, the cap
    ("physical", "5", D(1960), []),
    ("physical", None, D(1960), []),                       # no duration: a full day
    ("remote", "2", D(392), ["full_day_too_short"]),       # a remote meeting of 2 h
    ("remote", None, D(980), []),
])
def test_a_unn_full_day_shorter_than_five_hours_is_a_meeting(attendance, hours, expected, found):
    result = run(activity="full_day", attendance=attendance, hours=hours)
    assert (result.honorarium, codes(result)) == (expected, found)


def test_fousam_has_no_full_day_minimum():
    result = run(scheme="fousam", date="2022-03-15", activity="full_day", hours="3",
                 agreement=True)
    assert (result.honorarium, codes(result)) == (D(850), [])


# --------------------------------------------------------- FOUSAM: the cap per person per day

HEADER = ("claim_id,representative,scheme,date,start,end,attendance,activity,agreement,"
          "claimed_honorarium,lost_income,lost_income_documented")


def audited(*rows: str, today: dt.date | None = None) -> tuple[list, Summary]:
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    summary = Summary()
    run_ = audit(read_claims(io.BytesIO(data)), TABLES, today=today)
    results = []
    for result in run_:
        summary.add(result)
        results.append(result)
    summary.add_version_findings(run_.version_findings())
    return results, summary


def test_two_claims_of_one_person_on_one_day_share_fousams_lost_income_cap():
    results, summary = audited(
        "F-1,Lise Berg,fousam,2021-09-09,09:00,11:00,fysisk,møte,ja,850,1000,ja",
        "F-2,Ola Dahl,fousam,2021-09-09,09:00,11:00,fysisk,møte,ja,850,1500,ja",
        "F-3, lise  BERG ,fousam,2021-09-09,13:00,15:00,fysisk,møte,ja,850,1000,ja",
        "F-4,Lise Berg,fousam,2021-09-09,16:00,17:00,teams,møte,ja,500,200,ja",
        "F-5,Lise Berg,fousam,2021-09-10,09:00,11:00,fysisk,møte,ja,850,1500,ja")
    assert [r.calculation.lost_income for r in results] == [D(1000), D(1500), D(500), D(0),
                                                            D(1500)]
    assert [r.calculation.total for r in results] == [D(1850), D(2350), D(1350), D(500),
                                                      D(2350)]
    third = results[2].findings[0]
    assert (third.code, third.row, third.column) == ("lost_income_over_cap", 4, "lost_income")
    assert third.params["other_row"] == "2" and third.params["used_kr"] == D(1000)
    assert [f.code for f in results[3].findings] == ["lost_income_over_cap"]
    assert summary.due_total == D(1850 + 2350 + 1350 + 500 + 2350)


def test_the_cap_per_day_is_declared_in_the_table():
    fousam = TABLES.table_at("fousam", dt.date(2021, 9, 9))
    assert fousam.lost_income.cap_per_day.value is True
    assert fousam.lost_income.cap_per_day.assumption
    assert TABLES.table_at("unn", dt.date(2022, 3, 15)).lost_income.cap_per_day is None


# ------------------------------------------------------------------------ plausibility


def test_over_twelve_hours_is_implausible_but_priced_as_stated():
    assert DEFAULT_IMPLAUSIBLE_HOURS == 12
    assert codes(run(hours="12")) == []
    result = run(hours="12.5")
    assert codes(result) == ["implausible_duration"] and result.honorarium == D(1960)
    assert str(result.findings[0].severity) == "warning"


def test_a_meeting_in_the_future_is_an_audit_error_only_when_the_day_is_given():
    row = "K-1,Kari,unn,2022-03-16,09:00,10:00,fysisk,møte,,392,,"
    found, _ = audited(row, today=dt.date(2022, 3, 15))
    assert [(f.code, str(f.severity), f.column) for f in found[0].findings] == [
        ("meeting_in_future", "error", "date")]
    assert audited(row, today=dt.date(2022, 3, 16))[0][0].findings == ()
    assert audited(row)[0][0].findings == ()  # the checks read no clock


def test_calc_and_budget_price_a_future_meeting_without_a_finding():
    result = invoke("calc", "--scheme", "fousam", "--date", "2099-03-15", "--hours", "2",
                    "--agreement", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []
    budget = invoke("budget", "--scheme", "fousam", "--reps", "2", "--date", "2099-03-15",
                    "--format", "json")
    assert budget.exit_code == 0
    assert "meeting_in_future" not in budget.stdout


def test_the_audit_command_passes_today_in(tmp_path):
    path = tmp_path / "claims.csv"
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    path.write_text(f"{HEADER}\nK-1,Kari,fousam,{tomorrow},09:00,10:00,fysisk,møte,ja,850,,\n",
                    encoding="utf-8")
    data = json.loads(invoke("audit", str(path), "--format", "json").stdout)
    assert [f["code"] for f in data["claims"][0]["findings"]] == ["meeting_in_future"]


@pytest.mark.parametrize(("text", "expected"), [
    ("15.03.22", dt.date(2022, 3, 15)), ("1.2.99", dt.date(2099, 2, 1)),
    ("15.03.2022", dt.date(2022, 3, 15)),
])
def test_a_two_digit_year_is_20yy(text, expected):
    assert parse_date(text) == expected


def test_calc_reads_a_two_digit_year_as_20yy():
    data = json.loads(invoke("calc", "--scheme", "unn", "--date", "15.03.22", "--hours", "1",
                             "--format", "json").stdout)
    assert data["version"] == "2022-01-01" and data["total"] == "392.00"


# --------------------------------------------------------------------- stale tables


def test_a_calculation_after_the_review_date_says_once_that_the_table_may_be_outdated():
    assert codes(run(date="2023-01-01", hours="1")) == []
    result = run(date="2023-01-02", hours="1")
    assert codes(result) == ["rates_may_be_outdated"]
    assert result.findings[0].params["note"] == (
        "Satsene justeres i samsvar med Helse Nord RHFs satser")
    assert codes(run(scheme="fousam", date="2030-01-02", hours="1", agreement=True)) == []


def test_an_audit_says_it_once_per_version_in_its_summary_not_on_rows():
    results, summary = audited(
        "K-1,Kari,unn,2023-03-01,09:00,10:00,fysisk,møte,,392,,",
        "K-2,Ola,unn,2023-03-02,09:00,10:00,fysisk,møte,,392,,",
        "K-3,Per,unn,2022-03-02,09:00,10:00,fysisk,møte,,392,,")
    assert all(r.findings == () for r in results)
    assert [(f.code, t.label, rows) for f, t, rows in summary.version_findings] == [
        ("rates_may_be_outdated", "unn@2022-01-01", 2)]
    assert summary.findings == {"rates_may_be_outdated": 1}
    assert summary.severities == {"warning": 1} and summary.claims_with_findings == 0


def test_rates_show_shows_the_review_date_and_the_warning():
    out = invoke("rates", "show", "unn", "--lang", "en").stdout
    assert "the rates should be checked for meetings after 2023-01-01" in out
    assert "may be outdated for meetings after 2023-01-01" in out
    data = json.loads(invoke("rates", "show", "unn", "--format", "json").stdout)
    assert data["review_after"] == "2023-01-01"
    assert [f["code"] for f in data["findings"]] == ["rates_may_be_outdated"]


# --------------------------------------------------------------------------- teaching


def test_teaching_keeps_980_and_says_why():
    amount = TABLES.table_at("unn", dt.date(2022, 3, 15)).activities["teaching"].any.amount
    assert amount.kr == 980 and amount.quote and amount.assumption and amount.reason
    assert run(activity="teaching", hours="0.5").honorarium == D(980)


# ------------------------------------------------------------------ unknown activity words


def test_calc_refuses_an_activity_word_it_does_not_know_and_lists_the_known_ones():
    for lang, start in (("en", "--activity: 'meting' is not an activity (the rate table "
                                "unn@2022-01-01 knows meeting, full_day, teaching; or the "
                                "Norwegian møte, heldagsmøte"),
                        ("nb", "--activity: «meting» er ikke en aktivitet (satstabellen "
                               "unn@2022-01-01 kjenner meeting, full_day, teaching; eller skriv "
                               "møte, heldagsmøte")):
        result = invoke("calc", "--scheme", "unn", "--date", "2022-03-15", "--activity",
                        "meting", "--hours", "1", "--lang", lang)
        assert result.exit_code == 2
        line = result.stderr.strip()
        assert "\n" not in line and start in line, line


def test_calc_still_finds_a_known_activity_the_table_has_no_rule_for():
    result = invoke("calc", "--scheme", "unn", "--date", "2022-03-15", "--activity", "seminar",
                    "--hours", "1", "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["activity_not_in_table"]


def test_an_audit_row_with_an_unknown_activity_is_invalid_and_names_the_words(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + "\nK-1,Kari,unn,2022-03-02,09:00,10:00,fysisk,kaffeprat,,392,,\n",
                    encoding="utf-8")
    for lang, words in (("nb", "skriv møte, heldagsmøte"), ("en", "write meeting, full_day")):
        data = json.loads(invoke("audit", str(path), "--format", "json", "--lang", lang).stdout)
        finding = data["claims"][0]["findings"][0]
        assert (finding["code"], finding["column"]) == ("invalid_row", "activity")
        assert words in finding["message"] and "kaffeprat" in finding["message"]


def test_a_table_of_ones_own_may_add_an_activity():
    assert parse_activity("workshop", known={"workshop"}) == "workshop"
    assert parse_activity("workshop") == "workshop"  # no tables given: the table decides
    with pytest.raises(ValueError, match="not an activity"):
        parse_activity("workshop", known={"meeting"})


def test_the_day_cap_keeps_the_rest_of_the_total_travel_and_all():
    from dataclasses import replace

    from honorar.rules.calculation import lost_income_left_for_day

    fousam = TABLES.table_at("fousam", dt.date(2021, 9, 9))
    calculation = run(scheme="fousam", date="2021-09-09", hours="2", agreement=True,
                      lost_income=D(1000), lost_income_documented=True)
    with_travel = replace(calculation, travel=D("250.50"), total=calculation.total + D("250.50"))
    capped = lost_income_left_for_day(with_travel, fousam, D(1000), D(1000))
    assert (capped.lost_income, capped.travel, capped.total) == (D(500), D("250.50"),
                                                                 D("1600.50"))
    assert capped.steps[-1].key == "total" and capped.steps[-2].key == "lost_income_day_capped"
    assert (capped.steps[-2].amount, capped.steps[-1].amount) == (D(500), D("1600.50"))
    # what the steps say can be written out, as a calculation's steps are
    said = messages.text(capped.steps[-2].key, capped.steps[-2].params, "en")
    assert "1,000.00" in said and "500.00" in said


@settings(max_examples=200, deadline=None)
@given(first=st.dates(dt.date(2022, 1, 1), dt.date(2030, 12, 31)),
       second=st.dates(dt.date(2022, 1, 1), dt.date(2030, 12, 31)),
       hours=st.sampled_from([None, "0.5", "2", "4.75", "13"]),
       activity=st.sampled_from(["meeting", "full_day", "teaching"]),
       attendance=st.sampled_from(["physical", "remote"]))
def test_a_calculation_depends_on_the_date_only_by_its_table_and_whether_it_may_be_outdated(
        first, second, hours, activity, attendance):
    """The audit shares calculations between meetings on different dates on this ground."""
    unn = TABLES.table_at("unn", first)
    review = unn.review_after.date
    assume(TABLES.table_at("unn", second) is unn and (first > review) == (second > review))
    one = run(date=first.isoformat(), hours=hours, activity=activity, attendance=attendance)
    other = run(date=second.isoformat(), hours=hours, activity=activity, attendance=attendance)
    assert one == other
