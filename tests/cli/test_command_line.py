"""The command line itself: --version, shell completion, help that names values rather than
Python types, whole command summaries, and rates diff --impact reading files as audit does."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from honorar.cli.app import COMMANDS

from ..conftest import run_cli

DATA = Path(__file__).parent.parent / "data" / "rates"
CLAIMS = DATA / "claims.csv"
NEW = DATA / "my-rates" / "unn" / "2024-01-01.yaml"
TYPE_NAMES = re.compile(r"<(?:str|int|float|path|bool|list\[\w+\]|[\w ]+ range)>|\{[A-Z.]+\}"
                        r"|\bTEXT\b|\bINTEGER\b|\bFLOAT\b")


def invoke(*args: str, columns: int = 100):
    return run_cli(*args, columns=columns)


def every_command() -> list[list[str]]:
    found = [[]]
    for name in COMMANDS:
        found.append([name])
        text = invoke(name, "--help").stdout
        if "Commands:" in text:
            for line in text.split("Commands:")[1].splitlines():
                if re.match(r"^  \w", line):
                    found.append([name, line.split()[0]])
    return found


def test_version_names_the_installed_release():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"honorar {version('honorar')}\n"


@pytest.mark.parametrize("command", every_command(), ids=lambda c: " ".join(c) or "honorar")
def test_help_names_values_not_python_types(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert not TYPE_NAMES.findall(result.stdout), TYPE_NAMES.findall(result.stdout)


def test_help_calls_values_by_what_they_are():
    calc = invoke("calc", "--help", "--lang", "en", columns=200).stdout
    for words in ("--hours HOURS", "--start HH:MM", "--lost-income KR", "--lang nb|nn|en",
                  "--fail-on error|warning|never", "--rates-dir DIR", "--date DATE"):
        assert words in calc, words
    diff = invoke("rates", "diff", "--help", "--lang", "en").stdout
    assert "Usage: honorar rates diff [OPTIONS] OLD NEW" in diff
    assert "Usage: honorar rates check [OPTIONS] FILE..." in invoke("rates", "check", "--help",
                                                                    "--lang", "en").stdout


def test_command_summaries_are_whole():
    rates = " ".join(invoke("rates", "--help", "--lang", "en", columns=200).stdout.split())
    assert "Show one version: every rule, its source quote, and the assumptions." in rates
    assert "Validate table files strictly (exit 2 on any problem) and warn about what is " \
           "legal but suspicious." in rates
    assert "..." not in rates.split("Commands:")[1]


def test_completion_is_offered_and_documented():
    top = invoke("--help").stdout
    assert "--install-completion" in top and "--show-completion" in top
    readme = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "honorar --install-completion" in readme


@pytest.mark.parametrize(("words", "index", "expected"), [
    ("honorar ca", 1, ["calc"]),
    ("honorar rates d", 2, ["diff"]),
    ("honorar calc --lang ", 3, ["nb", "nn", "en"]),
])
def test_the_shell_completes_commands_and_choices(words, index, expected):
    env = {**os.environ, "_HONORAR_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(index), "HONORAR_RATES": ""}
    done = subprocess.run([sys.executable, "-m", "honorar"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected


def _semicolon_cp1252_dmy(tmp_path: Path) -> Path:
    """The claims file as a Norwegian Excel saves it, with its dates written day/month/year
    where every one of them could be read either way."""
    text = CLAIMS.read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = line.split(",")
        cells = [re.sub(r"^(\d{4})-(\d\d)-(\d\d)$", lambda m: f"{m[3]}/{m[2]}/{m[1]}", c)
                 for c in cells]
        rows.append(";".join(cells))
    path = tmp_path / "krav.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def test_diff_impact_takes_the_reading_options_of_audit(tmp_path):
    path = _semicolon_cp1252_dmy(tmp_path)
    expected = json.loads(invoke("rates", "diff", "unn@2022-01-01", str(NEW), "--impact",
                                 str(CLAIMS), "--format", "json").stdout)["impact"]
    result = invoke("rates", "diff", "unn@2022-01-01", str(NEW), "--impact", str(path),
                    "--encoding", "cp1252", "--delimiter", ";", "--date-order", "dmy",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    impact = json.loads(result.stdout)["impact"]
    for key in ("rows", "claims", "due_old", "due_new", "difference_kr"):
        assert impact[key] == expected[key], key
    wrong = invoke("rates", "diff", "unn@2022-01-01", str(NEW), "--impact", str(path),
                   "--date-order", "mdy", "--format", "json", "--lang", "en")
    assert json.loads(wrong.stdout)["impact"]["claims"] != expected["claims"]


@pytest.mark.parametrize("option", [["--encoding", "cp1252"], ["--delimiter", ";"],
                                    ["--date-order", "dmy"]])
def test_reading_options_go_with_impact(option):
    result = invoke("rates", "diff", "unn", "unn", *option, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"honorar: error: {option[0]} goes with --impact\n"


def test_a_bad_reading_option_of_impact_is_one_line():
    result = invoke("rates", "diff", "unn", "unn", "--impact", str(CLAIMS), "--date-order",
                    "ymd", "--lang", "en")
    assert result.stderr == "honorar: error: --date-order: 'ymd' is not dmy or mdy\n"
