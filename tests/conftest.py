"""Shared test helpers: the command line run in-process (`run_cli`, the `cli` fixture), the
shipped catalogue, and a quick way to describe a meeting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from honorar.domain import Attendance, Meeting
from honorar.tables.catalogue import Catalogue

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent  # the repository: README, rates/, examples/
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, env: dict | None = None, input: str | bytes | None = None,
            columns: int | None = None):
    """`honorar ARGS` run in-process (typer's CliRunner), with the shipped rate tables only
    (none of the user's: HONORAR_RATES empty), `env` on top, and given `columns` a terminal
    that wide."""
    from typer.testing import CliRunner

    from honorar.cli import app

    environ = {"HONORAR_RATES": ""}
    if columns is not None:
        environ["COLUMNS"] = str(columns)
    environ.update(env or {})
    return CliRunner().invoke(app, list(args), input=input, env=environ)


# a claims file's columns, every one the contract names but travel's
CLAIMS_HEADER = ("claim_id,representative,scheme,group,date,start,end,attendance,activity,agreement,"
                 "claimed_honorarium,lost_income,lost_income_documented,gift,submitted")


def claims_csv(directory: Path, *rows: str, header: str = CLAIMS_HEADER,
               name: str = "claims.csv") -> Path:
    """A claims file as people export one: `header`, then `rows`, in UTF-8."""
    path = directory / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def cli():
    """`run_cli` as a fixture: `cli("audit", str(path), "--format", "json")`."""
    return run_cli


@pytest.fixture(scope="session", autouse=True)
def table_cache(tmp_path_factory) -> Path:
    """Commands under test keep their table cache here, never in the user's own."""
    directory = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HONORAR_CACHE_DIR", str(directory))
        yield directory


@pytest.fixture
def fee_parts_made(monkeypatch) -> list[tuple]:
    """The facts of every fee part the engine makes from now on, in the order made."""
    import honorar.rules.calculation

    made: list[tuple] = []
    fee_part = honorar.rules.calculation.fee_part

    def counting(*facts):
        made.append(facts)
        return fee_part(*facts)

    monkeypatch.setattr(honorar.rules.calculation, "fee_part", counting)
    return made


@pytest.fixture(scope="session")
def shipped() -> Catalogue:
    return Catalogue.from_options(environ={})


def meeting(scheme: str = "unn", date: str = "2022-03-15", attendance: str = "physical",
            activity: str = "meeting", hours: str | None = None, **extra) -> Meeting:
    return Meeting(scheme, dt.date.fromisoformat(date), Attendance(attendance), activity,
                   None if hours is None else Decimal(hours), **extra)
