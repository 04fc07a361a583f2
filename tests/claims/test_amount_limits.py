"""Amounts and durations past anything a claim could be (SPEC §5: over kr 10 000 000, or not
finite) are an invalid row or a usage error, never a crash of the run."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.audit.checks.rows import claim_age_limit
from honorar.parsing import AMOUNT_LIMIT, parse_amount, parse_hours
from honorar.tables.catalogue import TableError, read_table, shipped_rates_dir

from ..conftest import run_cli

HUGE = "9" * 29  # past Decimal's 28 digits: the old code crashed computing with it
HEADER = "claim_id,representative,scheme,date,attendance,hours,claimed_honorarium,lost_income,gift"


def invoke(*args: str):
    return run_cli(*args, columns=160)


def test_the_limit_is_stated_once_and_is_ten_million_kroner():
    assert Decimal(10_000_000) == AMOUNT_LIMIT


@pytest.mark.parametrize("text", ["10000000", "10 000 000,00", "kr 10.000.000,-"])
def test_an_amount_at_the_limit_is_read(text):
    assert parse_amount(text) == AMOUNT_LIMIT


@pytest.mark.parametrize("text", ["10000000,01", "10 000 001", HUGE, HUGE + ",50", "1" + "0" * 60,
                                  "10000000.01", "99999999.99"])  # plain, as exports write
def test_an_amount_past_the_limit_is_refused(text):
    with pytest.raises(ValueError, match="more than any claim could be"):
        parse_amount(text)


def test_a_refused_amount_is_named_as_it_was_written():
    with pytest.raises(ValueError, match=r"^'12,000,000\.00' is more than any claim could be"):
        parse_amount("12,000,000.00")


@pytest.mark.parametrize("text", [HUGE, "10001", "99999:00"])
def test_hours_past_any_meeting_are_refused(text):
    with pytest.raises(ValueError, match="longer than any meeting"):
        parse_hours(text)


def claims(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("row, column", [
    (f"K2,Ola,unn,2022-03-15,physical,3,{HUGE},0,0", "claimed_honorarium"),
    (f"K2,Ola,unn,2022-03-15,physical,3,1176,{HUGE},0", "lost_income"),
    (f"K2,Ola,unn,2022-03-15,physical,3,1176,0,{HUGE}", "gift"),
    ("K2,Ola,unn,2022-03-15,physical,3,10000000.01,0,0", "claimed_honorarium"),
    (f"K2,Ola,unn,2022-03-15,physical,{HUGE},1176,0,0", "hours"),
])
@pytest.mark.parametrize("output_format", ["json", "table", "csv"])
def test_one_huge_cell_is_one_invalid_row_and_the_audit_goes_on(tmp_path, row, column,
                                                                output_format):
    path = claims(tmp_path, "K1,Kari,unn,2022-03-15,physical,3,1176,0,0", row,
                  "K3,Per,unn,2022-03-15,physical,3,1176,0,0")
    result = invoke("audit", str(path), "--format", output_format, "--lang", "en")
    assert result.exit_code == 1, result.stderr
    if output_format != "json":
        assert "invalid_row" in result.stdout
        return
    report = json.loads(result.stdout)
    assert [c["claim_id"] for c in report["claims"]] == ["K1", "K2", "K3"]
    invalid = report["claims"][1]
    assert invalid["due"] is None
    assert [(f["code"], f["column"]) for f in invalid["findings"]] == [("invalid_row", column)]
    assert report["claims"][2]["due"]["total"] == "1176.00"


def test_the_invalid_row_says_why_in_both_languages(tmp_path):
    path = claims(tmp_path, f"K1,Kari,unn,2022-03-15,physical,3,{HUGE},0,0")
    english = json.loads(invoke("audit", str(path), "--format", "json", "--lang", "en").stdout)
    norwegian = json.loads(invoke("audit", str(path), "--format", "json").stdout)
    assert "is more than any claim could be (over NOK 10,000,000.00)" \
        in english["claims"][0]["findings"][0]["message"]
    assert "er mer enn noe krav kan være (over 10\u00a0000\u00a0000,00\u00a0kr)" \
        in norwegian["claims"][0]["findings"][0]["message"]


CALC = ("calc", "--scheme", "unn", "--date", "2022-03-15")


@pytest.mark.parametrize("args, option", [
    (("--hours", "2", "--lost-income", HUGE, "--documented"), "--lost-income"),
    (("--hours", "2", "--lost-income", "10000000,01", "--documented"), "--lost-income"),
    (("--hours", "2", "--gift", HUGE), "--gift"),
    (("--hours", HUGE), "--hours"),
])
def test_calc_with_a_huge_number_is_a_usage_error(args, option):
    result = invoke(*CALC, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"honorar: feil: {option}: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [("--lost-income", HUGE), ("--reps", HUGE[:20]),
                                  ("--reps", "10001")])
def test_budget_with_a_huge_number_is_a_usage_error(args):
    extra = () if args[0] == "--reps" else ("--reps", "2")
    result = invoke("budget", "--scheme", "unn", *extra, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"honorar: feil: {args[0]}: ")


def test_a_plan_with_huge_hours_is_a_usage_error(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"meetings:\n  - {{activity: meeting, hours: {HUGE}}}\n", encoding="utf-8")
    result = invoke("budget", "--scheme", "unn", "--reps", "2", "--plan", str(plan), "--lang", "en")
    assert result.exit_code == 2 and "longer than any meeting" in result.stderr


@pytest.mark.parametrize("old, new", [("kr: 392,", f"kr: {HUGE},"),
                                      ("kr: 1960,", "kr: 10000000.01,"),
                                      ("hours: 2.5,", f"hours: {HUGE},")])
def test_a_table_with_a_huge_number_is_a_table_problem(tmp_path, old, new):
    text = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "unn" / "2022-01-01.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(TableError):
        read_table(path)
    result = invoke(*CALC, "--hours", "3", "--attendance", "remote", "--rates-dir", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2 and result.stderr.startswith("honorar: error: rate table ")


def test_a_claim_age_past_the_calendar_is_no_crash(tmp_path):
    import datetime as dt

    assert claim_age_limit(dt.date(9999, 12, 15), 3) == dt.date.max
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,representative,scheme,date,attendance,hours,claimed_honorarium,"
                    "agreement,submitted\nK1,Kari,fousam,9999-12-15,physical,3,850,ja,9999-12-31\n",
                    encoding="utf-8")
    result = invoke("audit", str(path), "--format", "json")
    # a meeting in the year 9999 is in the future: that finding, and no crash
    assert result.exit_code == 1, result.stderr
    import json

    findings = json.loads(result.stdout)["claims"][0]["findings"]
    assert [f["code"] for f in findings] == ["meeting_in_future"]
