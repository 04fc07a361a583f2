"""The worked cases from the two source documents, through the library and through the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml
from typer.testing import CliRunner

from honorar.cli import app
from honorar.domain import Attendance, Meeting
from honorar.parsing import hours_between, parse_time
from honorar.rules.calculation import calculate

from ..conftest import DATA

CASES = yaml.safe_load((DATA / "golden_calc.yaml").read_text(encoding="utf-8"))
AMOUNTS = ("honorarium", "lost_income", "gift", "total")


def as_meeting(case: dict) -> Meeting:
    if "hours" in case:
        hours = Decimal(str(case["hours"]))
    elif "start" in case:
        hours = hours_between(parse_time(case["start"]), parse_time(case["end"]))
    else:
        hours = None
    return Meeting(
        scheme=case["scheme"], date=case["date"], attendance=Attendance(case["attendance"]),
        activity=case["activity"], hours=hours, agreement=case.get("agreement"),
        lost_income=Decimal(case.get("lost_income", "0")),
        lost_income_documented=case.get("documented", False),
        gift=Decimal(case.get("gift", "0")),
    )


def as_options(case: dict) -> list[str]:
    args = ["calc", "--scheme", case["scheme"], "--date", str(case["date"]),
            "--attendance", case["attendance"], "--activity", case["activity"],
            "--format", "json"]
    if "hours" in case:
        args += ["--hours", str(case["hours"])]
    if "start" in case:
        args += ["--start", case["start"], "--end", case["end"]]
    if "agreement" in case:
        args.append("--agreement" if case["agreement"] else "--no-agreement")
    for key in ("lost_income", "gift"):
        if key in case:
            args += [f"--{key.replace('_', '-')}", case[key]]
    if case.get("documented"):
        args.append("--documented")
    return args


def check(expect: dict, amounts: dict, codes: list[str], severities: dict[str, str]) -> None:
    for key in AMOUNTS:
        if key in expect:
            assert amounts[key] == expect[key], key
    assert set(expect["findings"]) <= set(codes)
    unexpected_errors = [c for c in codes if severities[c] == "error" and c not in expect["findings"]]
    assert unexpected_errors == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_library(case, shipped):
    m = as_meeting(case)
    result = calculate(m, shipped.table_at(m.scheme, m.date))
    amounts = {k: None if getattr(result, k) is None else str(getattr(result, k)) for k in AMOUNTS}
    check(case["expect"], amounts, [f.code for f in result.findings],
          {f.code: f.severity for f in result.findings})


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_command_line(case):
    result = CliRunner().invoke(app, as_options(case), env={"HONORAR_RATES": ""})
    assert result.exit_code in (0, 1), result.output
    out = json.loads(result.stdout)
    findings = out["findings"]
    check(case["expect"], out, [f["code"] for f in findings],
          {f["code"]: f["severity"] for f in findings})
    has_error = any(f["severity"] == "error" for f in findings)
    assert result.exit_code == (1 if has_error else 0)


def test_an_audit_prices_neuro_sysmed_claims_by_the_table_alone(cli, tmp_path):
    from ..conftest import claims_csv

    path = claims_csv(
        tmp_path,
        "N-1,Kari,neuro-sysmed,,2025-06-02,09:00,10:10,fysisk,møte,,355.00,,,,2025-06-10",
        "N-2,Ola,Neuro-SysMed,,2025-06-02,09:00,10:20,video,møte,,500.00,,,,2025-06-10",
        "N-3,Per,neuro-sysmed,,2025-06-03,09:00,09:40,fysisk,møte,,355.00,,,,2025-06-10")
    result = cli("audit", str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    claims = {c["claim_id"]: c for c in json.loads(result.stdout)["claims"]}
    assert claims["N-1"]["due"]["honorarium"] == "355.00" and claims["N-1"]["findings"] == []
    assert claims["N-2"]["due"]["honorarium"] == "532.50"  # 1 h 20 min by video: 1.5 h
    assert [f["code"] for f in claims["N-2"]["findings"]] == ["honorarium_underclaimed"]
    assert claims["N-3"]["due"]["honorarium"] == "355.00"  # 40 minutes in person: 1 h
