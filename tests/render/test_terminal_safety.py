"""Human output never passes a control character from the data to the terminal (SPEC §5):
a name cannot clear the screen, move the cursor or plant a hyperlink."""

from __future__ import annotations

from pathlib import Path

import pytest

from honorar.render.terminal import plain
from honorar.tables.catalogue import shipped_rates_dir

from ..conftest import run_cli

CLEAR = "\x1b[2J"
LINK = "\x1b]8;;https://evil.example\x1b\\klikk her\x1b]8;;\x1b\\"
NASTY = [CLEAR, LINK, "\x07", "\x9b31m", "\r", "\x08", "\u202e", "\x00"]


def invoke(*args: str, env: dict | None = None):
    return run_cli(*args, columns=200, env=env)


def assert_no_control_from(data: str, output: str) -> None:
    for sequence in (CLEAR, "\x1b]8", "\x07", "\x9b", "\r", "\x08", "\u202e", "\x00"):
        if sequence in data:
            assert sequence not in output, repr(sequence)


@pytest.mark.parametrize("text, expected", [
    (f"Kari{CLEAR} Nordmann", "Kari[2J Nordmann"),
    (f"Ola {LINK}", "Ola ]8;;https://evil.example\\klikk her]8;;\\"),
    ("Per\rOlsen\x08\x07", "PerOlsen"),
    ("Åse \u202eesÅ", "Åse esÅ"),
    ("ØØ\n", "ØØ\n"),
    ("Kari Nordmann – 1\u00a0960,00\u00a0kr", "Kari Nordmann – 1\u00a0960,00\u00a0kr"),
])
def test_plain_keeps_the_text_and_drops_the_controls(text, expected):
    assert plain(text) == expected


def claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    rows = [f'K{i}{c},"Person {i} {c}",unn,2022-03-15,physical,3,1960,"Gruppe{c}"'
            for i, c in enumerate(NASTY)]
    rows.append(f'K-x,"Kari",unn,2022-03-15,physical,{CLEAR},1176,')  # an unreadable cell
    path.write_text("claim_id,representative,scheme,date,attendance,hours,claimed_honorarium,"
                    "group\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}])
def test_the_audit_table_shows_names_without_their_escapes(tmp_path, env):
    result = invoke("audit", str(claims(tmp_path)), env=env)
    assert result.exit_code == 1, result.stderr
    assert "Person 0 \\x1b[2J" in result.stdout  # shown, not acted on
    assert_no_control_from("".join(NASTY), result.stdout)


def test_the_audit_table_written_to_a_file_is_as_plain(tmp_path):
    report = tmp_path / "report.txt"
    result = invoke("audit", str(claims(tmp_path)), "--output", str(report))
    assert result.exit_code == 1
    assert_no_control_from("".join(NASTY), report.read_text(encoding="utf-8"))


def test_json_keeps_the_data_as_it_is_escaped_by_json(tmp_path):
    result = invoke("audit", str(claims(tmp_path)), "--format", "json")
    assert "\\u001b[2J" in result.stdout and "\x1b" not in result.stdout


def test_rates_show_and_calc_leave_out_escapes_in_a_tables_own_words(tmp_path):
    text = (shipped_rates_dir() / "unn" / "2022-01-01.yaml").read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    path = tmp_path / "unn" / "2022-01-01.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(name, 'name: "UNN \\e[2J \\e]8;;https://evil.example\\a'
                                 'lenke\\e]8;;\\a"'), encoding="utf-8")
    shown = invoke("rates", "show", str(path))
    assert shown.exit_code == 0, shown.stderr
    assert "UNN \\x1b[2J" in shown.stdout
    assert_no_control_from(CLEAR + LINK + "\x07", shown.stdout)
    calc = invoke("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3",
                  "--rates-dir", str(tmp_path))
    assert calc.exit_code == 0, calc.stderr
    assert_no_control_from(CLEAR + LINK + "\x07", calc.stdout)


def test_a_budget_plan_with_escapes_in_its_names(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text('name: "Gruppe \\e[2J"\nmeetings:\n'
                    '  - {name: "Møte \\e]8;;https://evil.example\\aher\\e]8;;\\a", '
                    'activity: meeting, hours: 2}\n', encoding="utf-8")
    result = invoke("budget", "--scheme", "unn", "--reps", "2", "--plan", str(plan))
    assert result.exit_code == 0, result.stderr
    assert "Gruppe \\x1b[2J" in result.stdout
    assert_no_control_from(CLEAR + LINK + "\x07", result.stdout)


def test_an_error_line_leaves_out_escapes_in_what_was_typed():
    result = invoke("calc", "--scheme", f"unn{CLEAR}", "--date", "2022-03-15", "--hours", "3")
    assert result.exit_code == 2
    assert "unn[2J" in result.stderr and "\x1b" not in result.stderr
