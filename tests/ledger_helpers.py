"""Claims files and command runs the ledger tests share."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import CLAIMS_HEADER, claims_csv, run_cli

HEADER = CLAIMS_HEADER

# UNN in person, 3 h: kr 1 176 due
MARCH = [
    "K-1,Kari Nordmann,unn,Rus,2023-03-02,09:00,12:00,fysisk,møte,,1176,,,,2023-03-06",
    "K-2,Ola Hansen,unn,Rus,2023-03-02,09:00,12:00,fysisk,møte,,1176,,,,2023-03-06",
    "K-3,Per Olsen,unn,Hjerte,2023-03-09,10:00,11:30,fysisk,undervisning,,980,,,,2023-03-10",
    "K-4,Kari Nordmann,unn,Hjerte,2023-03-09,10:00,11:30,fysisk,undervisning,,980,500,ja,,2023-03-10",
]


def claims_file(directory: Path, *rows: str, name: str = "claims.csv") -> Path:
    return claims_csv(directory, *rows, name=name)


def run(*args: str, env: dict | None = None, input: str | None = None):
    return run_cli(*args, columns=160, env={"HONORAR_LEDGER": "", **(env or {})}, input=input)


def as_json(result) -> dict:
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith(("honorar: feil: ", "honorar: error: ")) and result.stderr.count("\n") == 1
    return result.stderr


def rows_in(ledger: Path, sql: str = "SELECT count(*) FROM claim") -> object:
    with sqlite3.connect(ledger) as connection:
        return connection.execute(sql).fetchone()[0]


def write_claims(directory: Path, name: str, header: str, *rows: str) -> Path:
    """A claims file of `header` and `rows`, as a user saves one."""
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def record_paid(ledger: Path, file: Path, paid_on: str, *extra: str) -> None:
    """`file` recorded as paid on `paid_on`, its findings accepted or not as `extra` says."""
    result = run("ledger", "record", str(file), "--ledger", str(ledger), "--paid-on", paid_on,
                 *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
