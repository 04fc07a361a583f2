"""`honorar calc` as a user runs it: output, exit codes, and one clear line for bad input."""

from __future__ import annotations

import json

import pytest

from ..conftest import run_cli

BASE = ["calc", "--scheme", "unn", "--date", "2022-03-15"]


def invoke(*args: str, env: dict | None = None):
    return run_cli(*args, columns=160, env=env)


def test_table_output_shows_components_version_steps_and_sources():
    result = invoke(*BASE, "--hours", "3")
    assert result.exit_code == 0
    out = result.stdout
    assert "unn@2022-01-01" in out
    for words in ("Honorar", "Tapt arbeidsfortjeneste", "Gave", "Sum", "1\u00a0176,00\u00a0kr"):
        assert words in out
    assert "Møter timesats" in out  # the source line of the rate


def test_english_output_formats_money_the_english_way():
    result = invoke(*BASE, "--hours", "2.2", "--lang", "en")
    assert result.exit_code == 0
    assert "NOK 980.00" in result.stdout
    assert "Assumption:" in result.stdout  # the half-hour rounding is an assumption


def test_json_has_the_contract_shape():
    result = invoke("calc", "--scheme", "fousam", "--date", "2021-09-09", "--hours", "2",
                    "--agreement", "--lost-income", "2000", "--documented", "--format", "json")
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("scheme", "version", "honorarium", "lost_income", "gift",
                                 "total")} == {
        "scheme": "fousam", "version": "2018-06-01", "honorarium": "850.00",
        "lost_income": "1500.00", "gift": "0.00", "total": "2350.00"}
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [
        ("lost_income_over_cap", "error")]
    assert all(set(s) == {"text", "amount", "source"} for s in data["steps"])
    assert any("inntil kr 1.500" in (s["source"] or "") for s in data["steps"])
    assert result.exit_code == 1  # an error finding, as with --fail-on error


def test_fail_on_never_exits_zero_even_with_findings():
    result = invoke("calc", "--scheme", "fousam", "--date", "2021-09-09", "--hours", "2",
                    "--no-agreement", "--fail-on", "never")
    assert result.exit_code == 0
    assert "no_agreement" in result.stdout


def test_start_and_end_give_the_duration():
    result = invoke("calc", "--scheme", "fousam", "--date", "2019-04-02", "--attendance", "remote",
                    "--start", "09:00", "--end", "14:00", "--agreement", "--format", "json")
    assert json.loads(result.stdout)["total"] == "500.00"


def test_norwegian_words_and_dates_are_understood():
    result = invoke("calc", "--scheme", "UNN", "--date", "15.03.2022", "--attendance", "Teams",
                    "--activity", "møte", "--start", "9.00", "--end", "1130", "--format", "json")
    assert json.loads(result.stdout)["total"] == "392.00"


def test_a_date_without_a_table_is_a_finding_not_a_crash():
    result = invoke("calc", "--scheme", "unn", "--date", "2021-06-01", "--hours", "2",
                    "--format", "json")
    data = json.loads(result.stdout)
    assert data["total"] is None and data["findings"][0]["code"] == "no_rate_table"
    assert result.exit_code == 1


@pytest.mark.parametrize(("args", "says"), [
    (["--scheme", "nope", "--date", "2022-03-15", "--hours", "2"], "unknown scheme 'nope'"),
    (["--scheme", "unn", "--date", "2022-02-30", "--hours", "2"], "--date: '2022-02-30' is not a real date"),
    (["--scheme", "unn", "--date", "yesterday", "--hours", "2"], "--date: 'yesterday' is not a date"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "-1"], "--hours: '-1' is not a number of hours"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "0"], "--hours: a meeting of 0 hours is no meeting"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--start", "09:00"], "either --hours or --start"),
    (["--scheme", "unn", "--date", "2022-03-15", "--start", "09:00"], "--start and --end go together"),
    (["--scheme", "unn", "--date", "2022-03-15", "--start", "25:00", "--end", "26:00"], "--start: '25:00' is not a time"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--lost-income", "mye"], "--lost-income: 'mye' is not an amount"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--attendance", "brev"], "--attendance: 'brev' is not an attendance"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--format", "xml"], "--format: 'xml'"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--lang", "de"], "--lang"),
    (["--scheme", "unn", "--date", "2022-03-15", "--hours", "2", "--rates-dir", "/no/such/dir"], "is not a directory"),
    (["--date", "2022-03-15", "--hours", "2"], "--scheme"),
    (["--scheme", "unn", "--date", "2022-03-15", "--bogus"], "no such option: --bogus"),
])
def test_bad_input_is_one_line_and_exit_2(args, says):
    result = invoke("calc", "--lang", "en", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("honorar: error: "), result.stderr
    assert says in lines[0]


def test_a_broken_table_in_a_rates_dir_is_one_line_naming_file_and_line(tmp_path):
    (tmp_path / "unn").mkdir()
    (tmp_path / "unn" / "2025-01-01.yaml").write_text("scheme: unn\nname: [\n", encoding="utf-8")
    result = invoke(*BASE, "--hours", "2", "--rates-dir", str(tmp_path))
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "2025-01-01.yaml:" in line


def test_a_user_table_from_the_environment_is_used(tmp_path, shipped):
    (tmp_path / "unn").mkdir()
    text = shipped.versions("unn").files[0].path.read_text(encoding="utf-8")
    (tmp_path / "unn" / "2025.yaml").write_text(
        text.replace("effective: 2022-01-01", "effective: 2025-01-01").replace("kr: 392,", "kr: 400,"),
        encoding="utf-8")
    result = invoke("calc", "--scheme", "unn", "--date", "2025-02-01", "--hours", "1",
                    "--format", "json", env={"HONORAR_RATES": str(tmp_path)})
    data = json.loads(result.stdout)
    assert (data["version"], data["total"]) == ("2025-01-01", "400.00")


def test_help_lists_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("calc", "audit", "rates", "budget"):
        assert command in result.stdout


def test_python_dash_m_runs_the_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "honorar", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and "calc" in done.stdout
