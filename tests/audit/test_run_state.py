"""An audit keeps what it learns for its own run: no module of honorar holds anything a
run filled in (a cache of the process would outlive the run, and escape the plain-vs-fast
test, which turns off only what the runs' memos keep)."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import pytest

from ..conftest import CLAIMS_HEADER, claims_csv

TRAVEL_HEADER = CLAIMS_HEADER + ",km,travel_claimed"
FORMATS = ("csv", "json", "table")


def _state_of(value: object) -> object:
    """What a module's (or a class's) value holds, where it can hold more as a run goes."""
    if isinstance(value, dict):
        return ("dict", len(value), tuple(value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(value))
    if isinstance(value, (list, bytearray)):
        return ("list", len(value))
    if isinstance(value, functools._lru_cache_wrapper):
        return ("cache", value.cache_info().currsize)
    return None


def process_state() -> dict[tuple[str, str], object]:
    """Every mutable container (and functools cache) at the top of honorar's modules and
    their classes, with what it holds."""
    found: dict[tuple[str, str], object] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "honorar" or name.startswith("honorar.")):
            continue
        for attr, value in list(vars(module).items()):
            state = _state_of(value)
            if state is not None:
                found[(name, attr)] = state
            if isinstance(value, type) and value.__module__ == name:
                for class_attr, class_value in list(vars(value).items()):
                    state = _state_of(class_value)
                    if state is not None:
                        found[(name, f"{attr}.{class_attr}")] = state
    return found


def audit_all_formats(cli, claims: Path, tmp_path: Path) -> dict[str, bytes]:
    reports = {}
    for fmt in FORMATS:
        out = tmp_path / f"{claims.stem}-report.{fmt}"
        result = cli("audit", str(claims), "--format", fmt, "--output", str(out),
                     env={"HONORAR_LEDGER": ""}, columns=120)
        assert result.exit_code in (0, 1), result.output
        reports[fmt] = out.read_bytes()
    return reports


def claims_file(tmp_path: Path, name: str, person: str, group: str, first: str, times: str,
                submitted: str, km: int, travel: tuple[int, int], repeated: str) -> Path:
    """Six travel claims of one person, claiming travel far above and below what is due
    in turn, submitted late or in time; then a claim of another scheme made twice."""
    rows = [f"{name[0].upper()}-{n},{person},fousam,{group},{first}{n + 2:02d},{times},fysisk,"
            f"møte,ja,850,,,,{submitted}-{n % 3 + 1:02d},{km + n},{travel[n % 2] + n}"
            for n in range(6)]
    rows += [repeated] * 2
    return claims_csv(tmp_path, *rows, header=TRAVEL_HEADER, name=name)


def claims_files(tmp_path: Path) -> tuple[Path, Path]:
    """Two files alike in kind, different in every value: tables, dates, amounts, people;
    travel claimed above and below what is due, claims submitted too late, repeats."""
    return (claims_file(tmp_path, "a.csv", "Kari Nordmann", "Rus", "2024-05-", "09:00,11:00",
                        "2024-07", 40, (800, 100),
                        "A-9,Ola Hansen,unn,Rus,2023-03-01,09:00,11:00,fysisk,møte,ja,784,,,,"
                        "2023-12-24,,"),
            claims_file(tmp_path, "b.csv", "Per Olsen", "Ungdom", "2025-02-", "10:00,12:30",
                        "2025-09", 70, (900, 5),
                        "B-9,Aisha Khan,unn,Ungdom,2022-11-30,12:00,15:30,fysisk,møte,ja,1000,,,,"
                        "2023-09-09,,"))


@pytest.mark.slow
def test_an_audit_leaves_no_module_state_behind(cli, tmp_path):
    first, second = claims_files(tmp_path)
    audit_all_formats(cli, first, tmp_path)  # what loads once (tables, words) is loaded
    before = process_state()
    reports = audit_all_formats(cli, second, tmp_path)
    after = process_state()
    changed = sorted(key for key in before.keys() | after.keys()
                     if before.get(key) != after.get(key))
    assert changed == []
    # and what the run found is what it says: travel over and under, too late, a repeat
    codes = {f["code"] for claim in json.loads(reports["json"])["claims"]
             for f in claim["findings"]}
    assert {"travel_overclaimed", "travel_underclaimed", "claim_too_old",
            "duplicate_claim"} <= codes


@pytest.mark.slow
def test_a_file_audited_after_another_is_audited_as_if_alone(cli, tmp_path):
    first, second = claims_files(tmp_path)
    alone = audit_all_formats(cli, second, tmp_path)
    audit_all_formats(cli, first, tmp_path)
    assert audit_all_formats(cli, second, tmp_path) == alone
