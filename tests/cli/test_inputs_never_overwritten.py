"""A report never replaces a file the command reads: a plan, a ledger, a mapping or a rate
table named beside the claims, not only the claims themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
SHIPPED_UNN = ROOT / "rates" / "unn" / "2022-01-01.yaml"


def run(*args: str):
    return run_cli(*args, "--lang", "en", columns=160, env={"HONORAR_LEDGER": ""})


def refused(result, what: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(("honorar: feil: --output: ", "honorar: error: --output: "))
    assert f"is {what}" in lines[0]
    assert lines[0].endswith("; the input is never overwritten")


def copy(source: Path, target: Path) -> tuple[Path, bytes]:
    shutil.copy(source, target)
    return target, target.read_bytes()


def test_budget_never_writes_its_workbook_over_the_plan(tmp_path):
    plan, before = copy(EXAMPLES / "plan.yaml", tmp_path / "plan.yaml")
    result = run("budget", "--reps", "2", "--plan", str(plan), "--format", "xlsx",
                 "--output", str(plan))
    refused(result, f"the plan '{plan}'")
    assert plan.read_bytes() == before


def test_rates_diff_never_writes_over_its_mapping_or_a_table_it_compares(tmp_path):
    mapping, before = copy(EXAMPLES / "mapping.yaml", tmp_path / "mapping.yaml")
    result = run("rates", "diff", "unn", "unn", "--impact", str(EXAMPLES / "payroll-export.csv"),
                 "--mapping", str(mapping), "--format", "xlsx", "--output", str(mapping))
    refused(result, f"the mapping '{mapping}'")
    assert mapping.read_bytes() == before

    table, before = copy(SHIPPED_UNN, tmp_path / "unn.yaml")
    result = run("rates", "diff", "unn@2022-01-01", str(table), "--impact",
                 str(EXAMPLES / "claims.csv"), "--format", "xlsx", "--output", str(table))
    refused(result, f"the rate table '{table}'")
    assert table.read_bytes() == before


@pytest.mark.parametrize("command", [
    ["ledger", "report", "--year", "2023", "--format", "csv"],
    ["audit", str(EXAMPLES / "claims.csv"), "--format", "csv"],
])
def test_a_report_never_replaces_the_ledger(tmp_path, command):
    ledger = tmp_path / "paid.db"
    assert run("ledger", "init", str(ledger)).exit_code == 0
    before = ledger.read_bytes()
    result = run(*command, "--ledger", str(ledger), "--output", str(ledger))
    refused(result, f"the ledger '{ledger}'")
    assert ledger.read_bytes() == before


def test_an_audit_never_replaces_a_table_in_its_rates_directory(tmp_path):
    table = tmp_path / "rates" / "unn" / "2022-01-01.yaml"
    table.parent.mkdir(parents=True)
    table, before = copy(SHIPPED_UNN, table)
    result = run("audit", str(EXAMPLES / "claims.csv"), "--rates-dir", str(tmp_path / "rates"),
                 "--format", "csv", "--output", str(table))
    refused(result, f"the rate table '{table}'")
    assert table.read_bytes() == before


def test_the_refusal_in_norwegian(tmp_path):
    plan, before = copy(EXAMPLES / "plan.yaml", tmp_path / "plan.yaml")
    result = run_cli("budget", "--reps", "2", "--plan", str(plan), "--format",
                                      "xlsx", "--output", str(plan))
    assert result.exit_code == 2
    assert result.stderr == (f"honorar: feil: --output: '{plan}' er planen '{plan}'; "
                             "inndata blir aldri overskrevet\n")
    assert plan.read_bytes() == before
