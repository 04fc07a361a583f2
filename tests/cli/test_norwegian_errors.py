"""With --lang nb (the default) every problem is said in bokmål: usage errors (click's own
too), table and plan problems (pydantic's and PyYAML's words too), files that cannot be read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from honorar.cli.app import language
from honorar.problem import said

from ..conftest import run_cli

DATA = Path(__file__).parent.parent / "data"
MALFORMED = sorted((DATA / "rates" / "malformed").glob("*.yaml"))
PLANS = sorted(p for p in (DATA / "plans").glob("*.yaml")
               if p.stem not in ("custom", "list"))
CALC = ["calc", "--scheme", "unn", "--date", "2022-03-15"]

# words of English problems that bokmål does not have
ENGLISH = re.compile(r"\b(is|not|the|should|must|needs?|missing|unknown|invalid|give|expected|"
                     r"found|while|required|input|field|has|have|cannot|does|than|more|"
                     r"least|most|and|or|with|of|an?|no|such|empty|directory|did)\b",
                     re.IGNORECASE)


def invoke(*args: str):
    return run_cli(*args, columns=200)


def words_of(line: str) -> str:
    """The line without what is data: quoted values, paths, options, item paths, codes."""
    line = re.sub(r"'[^']*'|«[^»]*»|\([^()]*\.yaml[^()]*\)", " ", line)
    return " ".join(w for w in line.split()
                    if not re.search(r"[/\\]|\.yaml|^--|^-\w$|\w\.\w|_|^[A-Z.]+$|^\w+:\d", w))


def english_in(line: str) -> list[str]:
    return ENGLISH.findall(words_of(line.removeprefix("honorar: feil: ")))


BAD_COMMANDS = [
    ["calc", "--bogus"],
    # issue 23: passenger km are summed over at most eight passengers; trailer km within km
    [*CALC, "--hours", "2", "--km", "10", "--passenger-km", "90"],
    [*CALC, "--hours", "2", "--km", "10", "--trailer-km", "20"],
    ["budget", "--scheme", "unn", "--reps", "1", "--km", "10", "--forest-road-km", "20"],
    ["calc", "--date", "2022-03-15"],
    ["calc", "--scheme"],
    [*CALC, "--hours", "2", "--lang", "de"],
    [*CALC, "--hours", "2", "--fail-on", "sometimes"],
    [*CALC, "--hours", "x"],
    [*CALC, "--hours", "-1"],
    [*CALC, "--hours", "0"],
    [*CALC, "--hours", "99999"],
    ["calc", "--scheme", "unn", "--date", "yesterday", "--hours", "2"],
    ["calc", "--scheme", "unn", "--date", "2022-02-30", "--hours", "2"],
    [*CALC, "--start", "25:00", "--end", "26:00"],
    # an end at or before the start is the next day (issue 23), no longer a usage error
    [*CALC, "--start", "12:00"],
    [*CALC, "--hours", "2", "--start", "12:00", "--end", "13:00"],
    [*CALC, "--hours", "2", "--lost-income", "mye"],
    [*CALC, "--hours", "2", "--lost-income", "-5"],
    [*CALC, "--hours", "2", "--lost-income", "99999999999"],
    [*CALC, "--hours", "2", "--attendance", "brev"],
    [*CALC, "--hours", "2", "--format", "xml"],
    [*CALC, "--hours", "2", "--rates-dir", "/no/such/dir"],
    [*CALC, "--hours", "2", "extra"],
    ["calc", "--scheme", "nope", "--date", "2022-03-15", "--hours", "2"],
    ["audit"],
    ["audit", "missing.csv"],
    ["audit", str(DATA / "rates" / "claims.csv"), "--format", "xml"],
    ["audit", str(DATA / "rates" / "claims.csv"), "--date-order", "ymd"],
    ["audit", str(DATA / "rates" / "claims.csv"), "--delimiter", "ab"],
    ["audit", str(DATA / "rates" / "claims.csv"), "--encoding", "klingon"],
    ["audit", str(DATA / "rates" / "claims.csv"), "--output", str(DATA)],
    ["audit", str(DATA / "rates" / "claims.csv"), "--mapping", str(DATA / "plans" / "list.yaml")],
    ["audit", str(DATA / "golden_calc.yaml")],
    ["budget", "--scheme", "unn", "--reps", "0"],
    ["budget", "--scheme", "unn", "--reps", "many"],
    ["budget", "--scheme", "unn"],
    ["budget", "--reps", "2"],
    ["budget", "--scheme", "helse_vest", "--reps", "2"],
    ["budget", "--scheme", "unn", "--reps", "2", "--plan", str(DATA)],
    ["rates", "show", "nope"],
    ["rates", "show", "unn@2021-12-31"],
    ["rates", "diff", "unn"],
    ["rates", "diff", "unn", "fousam", "--impact", str(DATA / "rates" / "claims.csv")],
    ["rates", "diff", "unn", "unn", "--by", "group"],
    ["rates", "diff", "unn", "unn", "--impact", str(DATA / "rates" / "claims.csv"), "--top", "-1"],
    ["rates", "list", "--rates-dir", str(DATA / "rates" / "duplicate")],
    ["bogus"],
] + [["budget", "--scheme", "unn", "--reps", "2", "--plan", str(p)] for p in PLANS]


@pytest.mark.parametrize("args", BAD_COMMANDS, ids=lambda a: " ".join(a)[-60:])
def test_every_usage_error_is_said_in_bokmal(args):
    result = invoke(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith("honorar: feil: ")]
    assert lines, result.stderr
    for line in lines:
        assert not english_in(line), (line, english_in(line))


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_every_table_problem_is_said_in_bokmal(path):
    result = invoke("rates", "check", str(path))
    assert result.exit_code == 2
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]
    assert problems
    for line in problems:
        assert not english_in(line.removeprefix(f"{path}:")), line


def test_a_table_problem_stops_calc_in_bokmal(tmp_path):
    folder = tmp_path / "unn"
    folder.mkdir()
    (folder / "2024-01-01.yaml").write_text(
        (DATA / "rates" / "malformed" / "three_decimals.yaml").read_text(encoding="utf-8")
        .replace("scheme: demo", "scheme: unn"), encoding="utf-8")
    result = invoke(*CALC, "--hours", "2", "--rates-dir", str(tmp_path))
    assert result.exit_code == 2
    (error,) = result.stderr.splitlines()
    assert error.startswith("honorar: feil: satstabell ")
    assert "et beløp har høyst to desimaler (øre)" in error


@pytest.mark.parametrize(("args", "line"), [
    (["--lang", "de"], "--lang: 'de' er ikke en av nb, nn, en"),
    (["--fail-on", "x"], "--fail-on: 'x' er ikke en av error, warning, never"),
    (["--format", "xml"], "--format: 'xml' er ikke en av table, json"),
    (["--hours", "x"], "--hours: 'x' er ikke et antall timer"),
])
def test_choice_errors_of_click_and_of_honorar_read_alike(args, line):
    result = invoke(*CALC, "--hours", "2", *args)
    assert result.exit_code == 2 and result.stderr == f"honorar: feil: {line}\n"


def test_click_errors_in_english_read_like_honorar_s_own():
    result = invoke(*CALC, "--hours", "2", "--lang", "en", "--fail-on", "x")
    assert result.stderr == "honorar: error: --fail-on: 'x' is not one of error, warning, never\n"
    result = invoke("budget", "--scheme", "unn", "--reps", "x", "--lang", "en")
    assert result.stderr == "honorar: error: --reps: 'x' is not a whole number\n"
    result = invoke("calc", "--date", "2022-03-15", "--lang", "en")
    assert result.stderr == "honorar: error: missing option --scheme\n"


def test_the_language_of_an_error_is_the_last_lang_given():
    assert language(["calc"]) == "nb"
    assert language(["calc", "--lang", "en"]) == "en"
    assert language(["calc", "--lang=en", "--lang", "nb"]) == "nb"
    assert language(["calc", "--lang", "xx"]) == "nb"
    assert language(["audit", "--", "--lang", "en"]) == "nb"


def test_a_problem_is_worded_from_its_key_in_every_language():
    problem = said("env.file", file="x.yaml", reason=said("file.empty"))
    assert problem.say("nb") == "x.yaml: filen er tom"
    assert problem.say("nn") == "x.yaml: fila er tom"
    assert problem.say("en") == "x.yaml: the file is empty"


@pytest.mark.parametrize("text", [
    "a: [" * 2000, "a: b: c", "- a\nb: c", "a:\n\tb: 1", "a: *x", "a: \"\\q\"", "a: \x07",
    "a: 'x", "{a: 1", "[1, 2", "a:\n  - 1\n b: 2", "a: @x", "a: &x 1\nb: &x 2\nc: *y",
], ids=range(13))
def test_yaml_syntax_problems_are_said_in_bokmal(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("rates", "check", str(path))
    assert result.exit_code == 2
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{path}")]
    assert problems
    for line in problems[:-1]:  # the last line is the verdict
        assert not english_in(line.removeprefix(f"{path}:")), line


def test_a_sheet_is_named_in_bokmal(tmp_path):
    import xlsxwriter

    book = tmp_path / "krav.xlsx"
    workbook = xlsxwriter.Workbook(str(book))
    workbook.add_worksheet("Tom")
    workbook.close()
    result = invoke("audit", str(book))
    assert result.exit_code == 2
    assert result.stderr == f"honorar: feil: {book}, ark 'Tom': arket er tomt\n"
    english = run_cli("audit", str(book), "--lang", "en")
    assert english.stderr == f"honorar: error: {book}, sheet 'Tom': the sheet is empty\n"


def test_ledger_record_from_standard_input_keeps_the_command_s_name(tmp_path):
    result = run_cli("ledger", "record", "-", "--ledger",
                                      str(tmp_path / "paid.db"), env={"HONORAR_LEDGER": ""}, input="")
    assert result.exit_code == 2
    assert result.stderr == ("honorar: feil: «honorar ledger record» trenger en fil, ikke "
                             "standard inn: en bunke kjennes på innholdet i filen\n")


@pytest.mark.parametrize(("name", "content", "command", "said"), [
    ("krav.xlsx", (DATA.parent.parent / "examples" / "claims.xlsx").read_bytes()[:3000],
     ["audit", "{path}"],
     "{path}: kan ikke åpnes som arbeidsbok (xlsx): den er skadet eller ikke en arbeidsbok"),
    ("plan.yaml", b"meetings: \xff\n", ["budget", "--reps", "2", "--scheme", "unn", "--plan",
                                        "{path}"],
     "plan {path}: ikke UTF-8-tekst (byte 11)"),
    ("betalt.db", b"\x00" * 2048, ["ledger", "list", "--ledger", "{path}"],
     "{path} er ikke et honorar-register (eller er skadet)"),
])
def test_what_the_libraries_refuse_is_said_in_bokmal_by_its_kind(tmp_path, name, content, command, said):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli(*(part.format(path=path) for part in command), env={"HONORAR_LEDGER": ""})
    assert result.exit_code == 2
    assert result.stderr == f"honorar: feil: {said.format(path=path)}\n"
