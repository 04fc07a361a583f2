"""No YAML can make loading take more than time linear in its size (SPEC §5): aliases and
merge keys that stand for exponentially many values are refused, tables, plans and mappings
alike, and a command is never held up by such a file."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from honorar.tables.yamldoc import EXPANDS_TOO_FAR, parse

from ..conftest import run_cli

SECONDS = 20  # far beyond what a linear reading takes; the old reading took forever


class TookTooLong(Exception):
    pass


@contextmanager
def within(seconds: int):
    """Fail instead of hanging: what used to hang must now end."""
    def give_up(*_: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def merge_bomb(levels: int = 40) -> str:
    """About a kilobyte: each level merges the one before it twice."""
    lines = ["a0: &a0 {k0: 1}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], k{i}: 1}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_a_merge_key_bomb_is_one_problem_at_once():
    with within(SECONDS):
        doc = parse(merge_bomb(), "bomb.yaml")
    assert doc.data is None
    assert [p.message for p in doc.problems] == [EXPANDS_TOO_FAR]


def test_merges_that_stay_within_the_file_size_are_read_as_before():
    doc = parse(merge_bomb(levels=3), "small.yaml")
    assert doc.problems == ()
    assert doc.data["a3"] == {"k0": 1, "k1": 1, "k2": 1, "k3": 1}


@pytest.mark.slow
def test_a_long_chain_of_merges_is_refused_before_it_costs_quadratic_time():
    # each level copies every key of the level before it: n levels, n²/2 copies
    lines = ["a0: &a0 {k0: 1}"]
    lines += [f"a{i}: &a{i} {{<<: *a{i - 1}, k{i}: 1}}" for i in range(1, 20_001)]
    with within(SECONDS):
        doc = parse("\n".join(lines) + "\n", "chain.yaml")
    assert [p.message for p in doc.problems] in ([EXPANDS_TOO_FAR], ["nested too deeply"])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str):
    return run_cli(*args, columns=200)


def test_rates_check_of_a_merge_bomb_ends_with_the_problem(tmp_path):
    bomb = write(tmp_path / "unn" / "bomb.yaml", merge_bomb())
    with within(SECONDS):
        result = invoke("rates", "check", str(bomb), "--lang", "en")
    assert result.exit_code == 2
    assert f"{bomb}: {EXPANDS_TOO_FAR}" in result.stdout


@pytest.mark.parametrize("command", [
    ["calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3"],
    ["budget", "--scheme", "unn", "--reps", "2"],
])
def test_a_merge_bomb_in_a_rates_directory_is_one_line_not_a_hang(tmp_path, command):
    write(tmp_path / "rates" / "unn" / "2030-01-01.yaml", merge_bomb())
    with within(SECONDS):
        result = invoke(*command, "--rates-dir", str(tmp_path / "rates"), "--lang", "en")
    assert result.exit_code == 2
    assert EXPANDS_TOO_FAR in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_merge_bomb_elsewhere_does_not_touch_another_scheme(tmp_path):
    write(tmp_path / "rates" / "other" / "bomb.yaml", merge_bomb())
    with within(SECONDS):
        result = invoke("calc", "--scheme", "unn", "--date", "2022-03-15", "--hours", "3",
                        "--rates-dir", str(tmp_path / "rates"), "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_a_merge_bomb_as_a_plan_or_a_mapping_is_one_line(tmp_path):
    bomb = write(tmp_path / "bomb.yaml", merge_bomb())
    claims = write(tmp_path / "claims.csv", "claim_id,representative,scheme,date,attendance,"
                   "claimed_honorarium\nK1,Kari,unn,2022-03-15,physical,392\n")
    with within(SECONDS):
        plan = invoke("budget", "--scheme", "unn", "--reps", "2", "--plan", str(bomb), "--lang", "en")
        mapping = invoke("audit", str(claims), "--mapping", str(bomb), "--lang", "en")
    for result in (plan, mapping):
        assert result.exit_code == 2
        assert EXPANDS_TOO_FAR in result.stderr and len(result.stderr.splitlines()) == 1
