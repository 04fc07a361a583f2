"""Problems as keys and values: every line in the reader's language, help too, a closed
pipe quiet, and a suggested command that works when pasted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from honorar.problem import Said, said

from ..conftest import claims_csv, run_cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "claims.csv"
ENGLISH = (" is ", " not ", "missing", "unknown", "must", "error:", " the ", "should",
           "Input ", "No such", "Usage:", "Options")


def _bad_inputs(tmp: Path) -> list[list[str]]:
    bad_table = tmp / "rates" / "unn"
    bad_table.mkdir(parents=True)
    (bad_table / "2023-01-01.yaml").write_text("scheme: unn\neffective: [\n", encoding="utf-8")
    plan = tmp / "plan.yaml"
    plan.write_text("meetings:\n  - activity: meeting\n    hours: -2\n", encoding="utf-8")
    folder = tmp / "folder"
    folder.mkdir()
    mapping = tmp / "mapping.yaml"
    mapping.write_text("columns:\n  Dato: when\nfarge: blå\n", encoding="utf-8")
    pdf = tmp / "krav.csv"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(200))
    broken_plan = tmp / "broken.yaml"
    broken_plan.write_text("meetings: [\n  {activity: meeting\n", encoding="utf-8")
    unknown_key = tmp / "keys.yaml"
    unknown_key.write_text("meetings:\n  - activity: meeting\n    hours: 2\n    farge: 1\n",
                           encoding="utf-8")
    tiers = tmp / "tiers" / "demo"
    tiers.mkdir(parents=True)
    (tiers / "2024-01-01.yaml").write_text(
        "scheme: demo\nname: Demo\neffective: 2024-01-01\ndocument: d\nactivities:\n"
        "  meeting:\n    any:\n      rule: hourly\n      rate: {kr: mange, quote: q}\n",
        encoding="utf-8")
    full = [["audit", str(EXAMPLE), "--format", "csv", "--output", "/dev/full"]] \
        if Path("/dev/full").exists() else []
    return [*full,
        ["audit", str(EXAMPLE), "--mapping", str(mapping)],
        ["audit", str(pdf)],
        ["audit", str(EXAMPLE), "--encoding", "klingon"],
        ["audit", str(EXAMPLE), "--sheet", "2"],
        ["audit", str(EXAMPLE), "--date-order", "ymd"],
        ["budget", "--reps", "2", "--scheme", "unn", "--plan", str(broken_plan)],
        ["budget", "--reps", "2", "--scheme", "unn", "--plan", str(unknown_key)],
        ["rates", "show", "demo", "--rates-dir", str(tmp / "tiers")],
        ["ledger", "list", "--ledger", str(tmp / "nowhere.db")],
        ["calc", "--bogus"],
        ["calc", "--scheme", "unn", "--date", "x", "--hours", "2"],
        ["calc", "--scheme", "nope", "--date", "2024-01-01", "--hours", "2"],
        ["calc", "--scheme", "unn", "--date", "2024-01-01", "--hours", "0"],
        ["calc", "--scheme", "unn", "--date", "2024-01-01", "--hours", "2", "--format", "xml"],
        ["calc", "--scheme", "unn", "--date", "2024-01-01", "--hours", "2", "--start", "9"],
        ["calc", "--scheme", "unn", "--date", "2024-01-01", "--hours", "2", "--km", "-1"],
        ["calc", "--date", "2024-01-01"],
        ["calx"],
        ["rates", "show", "unn", "extra"],
        ["rates", "show", "nope"],
        ["rates", "diff", "unn"],
        ["rates", "show", "unn", "--lang"],
        ["audit", str(tmp / "borte.csv")],
        ["audit", str(folder)],
        ["audit", str(EXAMPLE), "--format", "xlsx"],
        ["audit", str(EXAMPLE), "--output", str(tmp / "nowhere" / "x.json")],
        ["audit", str(EXAMPLE), "--rates-dir", str(tmp / "rates")],
        ["budget", "--reps", "x"],
        ["budget", "--reps", "0"],
        ["budget", "--reps", "2", "--plan", str(plan)],
        ["ledger", "report", "--year", "x"],
        ["ledger", "list"],
    ]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_bad_commands_and_files_say_no_english_word(tmp_path: Path, lang: str):
    for args in _bad_inputs(tmp_path / lang):
        result = run_cli(*args, env={"HONORAR_LANG": lang, "HONORAR_LEDGER": ""})
        assert result.exit_code in (2, 3), (args, result.stderr)
        line = result.stderr
        assert line.startswith("honorar: feil: ") and line.count("\n") == 1, (args, line)
        said_words = line.removeprefix("honorar: feil: ")
        for path in (str(tmp_path), str(EXAMPLE)):
            said_words = said_words.replace(path, "")
        assert not [w for w in ENGLISH if w in said_words], (args, line)


def test_honorar_lang_sets_the_language_of_what_a_command_prints(tmp_path: Path):
    ledger = tmp_path / "utbetalt.db"
    result = run_cli("ledger", "init", str(ledger), env={"HONORAR_LANG": "nn"})
    assert result.stdout == f"Oppretta utbetalingsregisteret {ledger}.\n"
    calc = ("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3")
    assert run_cli(*calc, env={"HONORAR_LANG": "en"}).stdout.startswith("Rate table: unn@")
    assert run_cli(*calc, "--lang", "nb", env={"HONORAR_LANG": "en"}).stdout.startswith(
        "Satstabell: unn@")
    assert run_cli(*calc, env={"HONORAR_LANG": None}).stdout.startswith("Satstabell: unn@")


def test_the_language_comes_from_the_command_line_before_the_variable():
    result = run_cli("calc", "--bogus", "--lang", "en", env={"HONORAR_LANG": "nn"})
    assert result.stderr == "honorar: error: no such option: --bogus (did you mean --hours?)\n"
    result = run_cli("calc", "--bogus", env={"HONORAR_LANG": "nn"})
    assert result.stderr == "honorar: feil: ukjent val: --bogus (meinte du --hours?)\n"


def test_an_argument_is_named_in_words_not_by_its_metavar():
    result = run_cli("rates", "diff", "unn")
    assert result.stderr == "honorar: feil: mangler den nye versjonen\n"
    result = run_cli("rates", "show", "nope@2024-01-01")
    assert result.stderr.startswith("honorar: feil: versjonen: ukjent ordning 'nope'")


@pytest.mark.parametrize(("lang", "words"), [
    (None, ("Bruk: honorar calc [VALG]", "Valg:", "Vis denne hjelpen og avslutt.",
            "--hours TIMER", "[påkrevd]")),
    ("nn", ("Bruk: honorar calc [VAL]", "Val:", "Vis denne hjelpa og avslutt.", "Varigheit")),
    ("en", ("Usage: honorar calc [OPTIONS]", "Options:", "Show this message and exit.",
            "--hours HOURS", "[required]")),
])
def test_help_is_in_the_reader_s_language(lang: str | None, words: tuple[str, ...]):
    args = ("calc", "--help") if lang is None else ("calc", "--help", "--lang", lang)
    result = run_cli(*args)
    assert result.exit_code == 0
    for word in words:
        assert word in result.stdout, word


def test_help_of_a_group_lists_its_commands_in_the_language():
    result = run_cli("rates", "--help", env={"HONORAR_LANG": "nn"})
    assert "Kommandoar:" in result.stdout and "Samanlikn to versjonar" in result.stdout


def test_a_problem_is_a_key_and_values_in_json():
    problem = said("usage.option", option="--date", reason=said("value.not_date", value="x"))
    assert problem.as_json() == {"code": "usage.option", "params": {
        "option": "--date", "reason": {"code": "value.not_date", "params": {"value": "x"}}}}
    assert str(problem) == "--date: 'x' is not a date (use 2022-03-15 or 15.03.2022)"
    assert Said("value.negative", {"value": "-1"}).say("nn") == "'-1' er negativt"


def test_a_table_problem_in_json_has_its_code_and_params(tmp_path: Path):
    table = tmp_path / "demo" / "2024-01-01.yaml"
    table.parent.mkdir()
    table.write_text("scheme: demo\nname: Demo\neffective: 2024-01-01\ncolour: blue\n",
                     encoding="utf-8")
    result = run_cli("rates", "check", str(table), "--format", "json")
    problems = json.loads(result.stdout)["files"][0]["problems"]
    assert {"code": "table.at", "params": {"where": "colour", "reason": {
        "code": "model.unknown_key", "params": {}}}}.items() <= problems[0].items() \
        or any(p["code"] == "table.at" and p["params"]["reason"]["code"] == "model.unknown_key"
               for p in problems), problems
    assert all("code" in p and "params" in p and p["message"] for p in problems)


def test_a_value_s_problem_is_chosen_by_its_key_not_its_words():
    from honorar.parsing import parse_amount

    with pytest.raises(ValueError) as caught:
        parse_amount("-5")
    assert caught.value.said.key == "value.negative"


def _first_line_then_close(*args: str) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-m", "honorar", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "HONORAR_RATES": "", "COLUMNS": "80"})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as `head -1` does once it has its line
    stderr = process.stderr.read()
    process.wait(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, b"", stderr)


@pytest.mark.parametrize("args", [
    (),  # a bare `honorar`: its help
    ("rates", "show", "unn"),
    ("audit", str(EXAMPLE)),
    ("ledger", "report", "--year", "2023", "--ledger", "{ledger}"),
])
def test_a_reader_that_closes_the_pipe_after_one_line_is_no_error(tmp_path: Path, args):
    ledger = tmp_path / "ledger.db"
    if "{ledger}" in args:
        assert run_cli("ledger", "init", str(ledger)).exit_code == 0
        recorded = run_cli("ledger", "record", str(EXAMPLE), "--ledger", str(ledger),
                           "--accept-findings", "--paid-on", "2023-06-01")
        assert recorded.exit_code == 0, recorded.stderr
    result = _first_line_then_close(*[a.format(ledger=ledger) for a in args])
    assert result.stderr == b""
    # 0 (2 for the bare help) when it was all out before the reader left
    assert result.returncode in ((0, 141) if args else (2, 141)), result.returncode


def test_a_refused_batch_suggests_a_command_that_works_when_pasted(tmp_path: Path):
    folder = tmp_path / "it's here"
    folder.mkdir()
    ledger = folder / "the ledger.db"
    assert run_cli("ledger", "init", str(ledger)).exit_code == 0
    claims = claims_csv(folder, "K1,unn,2023-03-02,physical,meeting,2.5,yes,0,no,0,0,"
                                "5000.00", )
    result = run_cli("ledger", "record", str(claims), "--ledger", str(ledger), "--lang", "en")
    assert result.exit_code == 1, result.stderr
    words = _suggested(result.stdout, "honorar audit")
    assert words[2] == str(claims) and words[4] == str(ledger), words


def test_a_broken_table_suggests_a_check_that_works_when_pasted(tmp_path: Path):
    folder = tmp_path / "it's mine" / "unn"
    folder.mkdir(parents=True)
    table = folder / "2023-01-01.yaml"
    table.write_text("scheme: unn\neffective: not a date\ncolour: blue\n", encoding="utf-8")
    result = run_cli("calc", "--scheme", "unn", "--date", "2023-03-01", "--hours", "2",
                     "--rates-dir", str(tmp_path / "it's mine"), "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert _suggested(result.stderr, "honorar rates check") == ["honorar", "rates", "check",
                                                                str(table)]


def _suggested(text: str, command: str) -> list[str]:
    """The words of the command `text` suggests, set off by marks a shell does not read."""
    import re
    import shlex

    found = re.search(r"[«“](" + re.escape(command) + r" [^»”]*)[»”]", text)
    assert found, text
    return shlex.split(found.group(1))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_suggested_command_is_set_off_by_marks_that_are_no_shell_quotes(tmp_path: Path,
                                                                              lang: str):
    """Inside '…' a quoted file name made 'honorar ledger init 'x y/reg.db'': where the
    command ends was for the reader to guess."""
    folder = tmp_path / "it's here"
    folder.mkdir()
    ledger = folder / "the ledger.db"
    result = run_cli("ledger", "list", "--ledger", str(ledger), "--lang", lang)
    assert result.exit_code == 2, result.stderr
    assert _suggested(result.stderr, "honorar ledger init") == ["honorar", "ledger", "init",
                                                                str(ledger)]
    rates = folder / "unn"
    rates.mkdir()
    (rates / "2023-01-01.yaml").write_text("scheme: unn\neffective: x\ncolour: blue\n",
                                           encoding="utf-8")
    result = run_cli("calc", "--scheme", "unn", "--date", "2023-03-01", "--hours", "2",
                     "--rates-dir", str(folder), "--lang", lang)
    assert result.exit_code == 2, result.stderr
    assert _suggested(result.stderr, "honorar rates check")[3] == str(rates / "2023-01-01.yaml")
    assert run_cli("ledger", "init", str(ledger)).exit_code == 0
    claims = claims_csv(folder, "K1,unn,2023-03-02,physical,meeting,2.5,yes,0,no,0,0,5000.00")
    result = run_cli("ledger", "record", str(claims), "--ledger", str(ledger), "--lang", lang,
                     columns=1000)
    assert result.exit_code == 1, result.stderr
    words = _suggested(result.stdout, "honorar audit")
    assert words[2] == str(claims) and words[4] == str(ledger), words


@pytest.mark.parametrize(("lang", "words"), [("nn", "Tapt arbeidsinntekt"),
                                             ("en", "Lost income"),
                                             ("nb", "Tapt arbeidsfortjeneste")])
def test_the_variable_chooses_the_language_of_what_a_command_writes_too(lang: str, words: str):
    """HONORAR_LANG=nn gave nynorsk help and errors, but a bokmål report."""
    args = ("calc", "--scheme", "unn", "--date", "2024-01-01", "--hours", "2")
    result = run_cli(*args, env={"HONORAR_LANG": lang})
    assert result.exit_code == 0 and words in result.stdout, result.stdout
    result = run_cli("rates", "show", "unn", env={"HONORAR_LANG": lang})
    assert ("Gjelder fra" in result.stdout) == (lang == "nb"), result.stdout[:200]
    # the command line wins
    result = run_cli(*args, "--lang", "nb", env={"HONORAR_LANG": lang})
    assert "Tapt arbeidsfortjeneste" in result.stdout
