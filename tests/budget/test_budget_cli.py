"""`honorar budget` as a user runs it: amounts, assumptions, exit codes, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ..conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
PLANS = Path(__file__).parent.parent / "data" / "plans"
EXAMPLE = ROOT / "examples" / "plan.yaml"
NBSP = "\u00a0"


def invoke(*args: str, columns: int = 160):
    return run_cli("budget", *args, columns=columns)


def as_json(*args: str) -> dict:
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(("honorar: feil: ", "honorar: error: "))
    for fragment in fragments:
        assert fragment in result.stderr


# ------------------------------------------------------------------------ JSON


def test_json_of_the_suggested_plan_under_unn():
    data = as_json("--scheme", "unn", "--reps", "2", "--date", "2025-09-01")
    assert {k: data[k] for k in ("scheme", "version", "reps", "total")} == {
        "scheme": "unn", "version": "2022-01-01", "reps": 2, "total": "7840.00"}
    # every meeting is after the UNN table's review date: said once, for the plan
    assert [(f["code"], f["severity"], f.get("meeting")) for f in data["findings"]] == [
        ("rates_may_be_outdated", "warning", None)]
    assert "kan være utdatert for møter etter 01.01.2023" in data["findings"][0]["message"]
    assert [(m["number"], m["hours"], m["per_representative"]["honorarium"],
             m["all_representatives"]["total"]) for m in data["meetings"]] == [
        (1, "3", "1176.00", "2352.00"), (2, "2", "784.00", "1568.00"),
        (3, "2", "784.00", "1568.00"), (4, "3", "1176.00", "2352.00")]
    assert data["meetings"][0]["source"].startswith("UNN veileder: «1 x 3-timers møte")
    assert data["meetings"][0]["steps"][1]["source"] == "UNN veileder: «Møter timesats  Kr. 392,-»"
    assert data["reminders"][0]["source"] == (
        "UNN veileder: «Husk å beregne tid til for- og etterarbeid»")


def test_json_remote_and_fousam():
    remote = as_json("--scheme", "unn", "--reps", "2", "--attendance", "remote",
                     "--date", "2025-09-01")
    assert remote["total"] == "5488.00"
    assert {m["attendance"] for m in remote["meetings"]} == {"remote"}
    fousam = as_json("--scheme", "fousam", "--reps", "3", "--date", "2025-09-01")
    assert (fousam["version"], fousam["total"], fousam["findings"]) == (
        "2018-06-01", "10200.00", [])
    texts = " ".join(a["text"] for a in fousam["assumptions"])
    assert "har ingen regel om antall brukerrepresentanter" in texts
    assert "krever det" in texts  # FOUSAM's written agreement, assumed in place


def test_json_amounts_are_strings_with_two_decimals():
    data = as_json("--scheme", "unn", "--reps", "2", "--date", "2025-09-01")
    line = data["meetings"][0]
    for part in ("per_representative", "all_representatives"):
        assert all(isinstance(v, str) and v.count(".") == 1 and len(v.split(".")[1]) == 2
                   for v in line[part].values())
    assert data["totals"] == {"honorarium": "7840.00", "lost_income": "0.00",
                              "total": "7840.00"}


def test_the_example_plan_names_its_scheme_and_costs_lost_income():
    data = as_json("--plan", str(EXAMPLE), "--reps", "2", "--lost-income", "1200",
                   "--date", "2025-10-01")
    assert data["scheme"] == "unn" and data["lost_income_per_meeting"] == "1200.00"
    assert [m["per_representative"]["honorarium"] for m in data["meetings"]] == [
        "1176.00", "392.00", "392.00", "1960.00", "980.00", "980.00"]
    assert [m["date"] for m in data["meetings"]][::5] == ["2025-09-01", "2026-01-12"]
    # honoraria 5 880 and lost income 1 200 × 6, for two representatives
    assert data["total"] == "26160.00"


def test_one_representative_is_a_warning_that_fails_only_when_asked():
    base = ["--scheme", "unn", "--reps", "1", "--date", "2022-09-01"]
    data = as_json(*base)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [
        ("too_few_representatives", "warning")]
    assert "minst 2" in data["findings"][0]["message"]
    assert invoke(*base).exit_code == 0
    assert invoke(*base, "--fail-on", "warning").exit_code == 1


def test_lost_income_over_fousams_cap_is_an_error_finding_per_meeting():
    base = ["--scheme", "fousam", "--reps", "2", "--date", "2025-09-01",
            "--lost-income", "2000"]
    data = as_json(*base)
    assert [(f["code"], f["meeting"]) for f in data["findings"]] == [
        ("lost_income_over_cap", n) for n in (1, 2, 3, 4)]
    assert data["meetings"][0]["per_representative"]["lost_income"] == "1500.00"
    assert invoke(*base).exit_code == 1
    assert invoke(*base, "--fail-on", "never").exit_code == 0


def test_the_date_defaults_to_today():
    data = as_json("--scheme", "unn", "--reps", "2")
    assert data["date"] in {dt.date.today().isoformat(),
                            (dt.date.today() - dt.timedelta(days=1)).isoformat()}


def test_a_meeting_before_the_scheme_fails_with_no_rate_table():
    result = invoke("--scheme", "unn", "--reps", "2", "--date", "2020-01-01")
    assert result.exit_code == 1
    assert "no_rate_table" in result.stdout


# ------------------------------------------------------------------------ tables


def test_table_in_bokmal_shows_amounts_assumptions_and_the_reminder():
    result = invoke("--scheme", "unn", "--reps", "2", "--date", "2025-09-01")
    assert result.exit_code == 0
    out = result.stdout
    for words in ("unn@2022-01-01", "Oppstartsmøte", f"1{NBSP}176,00{NBSP}kr",
                  f"7{NBSP}840,00{NBSP}kr", "Alle brukerrepresentantene (2) deltar på alle møtene",
                  "Det forutsettes skriftlig avtale", "Husk å beregne tid til for- og etterarbeid",
                  "«Det anbefales at arbeidsgruppene har minst to brukerrepresentanter»",
                  "gjelder 01.09.2025"):
        assert words in out, words


def test_table_in_english():
    result = invoke("--scheme", "unn", "--reps", "1", "--date", "2025-09-01", "--lang", "en")
    out = result.stdout
    for words in ("Start-up meeting", "NOK 3,920.00", "Remember to plan time",
                  "too_few_representatives", "recommends at least 2"):
        assert words in out, words


def test_amounts_are_never_cut_in_an_80_column_terminal():
    result = invoke("--plan", str(EXAMPLE), "--reps", "12", "--lost-income", "1200",
                    "--date", "2025-10-01", columns=80)
    assert result.exit_code == 0
    assert f"156{NBSP}960,00{NBSP}kr" in result.stdout  # (5 880 + 7 200) per rep × 12
    assert "…" not in result.stdout


# -------------------------------------------------------------------- bad input


@pytest.mark.parametrize("reps", ["0", "-1"])
def test_no_representatives_is_bad_input(reps):
    one_line_error(invoke("--scheme", "unn", "--reps", reps, "--lang", "en"), "--reps", "at least 1")


def test_reps_is_required():
    assert invoke("--scheme", "unn").exit_code == 2


def test_an_unknown_activity_in_a_plan_names_file_and_line():
    path = PLANS / "unknown_activity.yaml"
    one_line_error(invoke("--scheme", "unn", "--reps", "2", "--plan", str(path), "--lang", "en"),
                   f"{path}:5:5: meeting 2: activity 'meting'")


def test_negative_hours_in_a_plan_name_file_and_line():
    path = PLANS / "negative_hours.yaml"
    one_line_error(invoke("--scheme", "unn", "--reps", "2", "--plan", str(path), "--lang", "en"),
                   f"{path}:5:5: meeting 2: hours")


def test_several_problems_show_the_first_and_a_count():
    path = PLANS / "several_errors.yaml"
    one_line_error(invoke("--scheme", "unn", "--reps", "2", "--plan", str(path), "--lang", "en"),
                   f"{path}:3:5:", "(and 4 more)")


@pytest.mark.parametrize(("args", "fragment"), [
    (["--reps", "2"], "--scheme: give a scheme (known: fousam, neuro-sysmed, unn)"),
    (["--reps", "2", "--scheme", "helse_vest"], "unknown scheme 'helse_vest'"),
    (["--reps", "2", "--scheme", "_plans"], "unknown scheme '_plans'"),
    (["--reps", "2", "--scheme", "unn", "--date", "31.02.2025"], "--date"),
    (["--reps", "2", "--scheme", "unn", "--attendance", "bil"], "--attendance"),
    (["--reps", "2", "--scheme", "unn", "--lost-income", "mye"], "--lost-income"),
    (["--reps", "2", "--scheme", "unn", "--format", "csv"], "--format"),
    (["--reps", "2", "--scheme", "unn", "--plan", "no/such/plan.yaml"], "no/such/plan.yaml"),
])
def test_bad_options_are_one_line_and_exit_2(args, fragment):
    one_line_error(invoke(*args, "--lang", "en"), fragment)


@pytest.mark.parametrize(("content", "fragment"), [
    (None, "Is a directory"),
    (b"", "the file is empty"),
    (b"\x00\x01\xff\xfe", "not UTF-8 text"),
    ("- {activity: møte, hours: 2}\n".encode("cp1252"), "not UTF-8 text"),
    (b"- {activity: meeting, hours: 2, count: 100000000000}\n", "a plan holds at most"),
    (b"meetings:\n  - &a [*a]\n", "holds an alias to itself"),
    (b"meetings: [\n", "plan.yaml:2:1:"),
])
def test_an_unusable_plan_file_is_one_line_and_exit_2(tmp_path, content, fragment):
    path = tmp_path / "plan.yaml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    one_line_error(invoke("--scheme", "unn", "--reps", "2", "--plan", str(path), "--lang", "en"),
                   f"honorar: error: plan {path}", fragment)


def test_the_scheme_option_wins_over_the_plan_file():
    data = as_json("--plan", str(EXAMPLE), "--scheme", "fousam", "--reps", "2",
                   "--date", "2025-10-01")
    assert data["scheme"] == "fousam" and data["version"] == "2018-06-01"


def test_a_plan_spanning_a_new_version_in_a_rates_dir_lists_both_versions(tmp_path):
    from honorar.tables.catalogue import shipped_rates_dir

    shipped = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    (tmp_path / "unn").mkdir()
    (tmp_path / "unn" / "2026.yaml").write_text(
        shipped.replace("effective: 2022-01-01", "effective: 2026-01-01")
        .replace("rate: {kr: 392,", "rate: {kr: 400,"), encoding="utf-8")
    (tmp_path / "_plans").mkdir()  # plans beside the tables do not disturb them
    (tmp_path / "_plans" / "x.yaml").write_text("- {activity: meeting, hours: 1}\n")
    data = as_json("--plan", str(PLANS / "custom.yaml"), "--reps", "1", "--date", "2025-09-01",
                   "--rates-dir", str(tmp_path))
    assert (data["version"], data["versions"]) == ("2022-01-01", ["2022-01-01", "2026-01-01"])
    assert [m["version"] for m in data["meetings"]] == ["2022-01-01"] * 4 + ["2026-01-01"]
