"""The ledger options (`--ledger`, `--wait`) and the ledger's failures as the CLI's own."""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from ..problem import said
from .errors import EnvironmentProblem, UsageProblem, option_problem, reason_of

LedgerOption = Annotated[Path | None, typer.Option(
    "--ledger", envvar="HONORAR_LEDGER", show_envvar=False, readable=False,
    help="The ledger of claims already paid (also HONORAR_LEDGER).", show_default=False)]
WaitOption = Annotated[float, typer.Option(
    "--wait", help="Seconds to wait for another honorar writing the ledger.")]


def check_wait(wait: float) -> float:
    """`--wait` as seconds: 0 or more, and finite (SQLite cannot wait forever)."""
    if not 0 <= wait < math.inf:
        raise option_problem("--wait", said("usage.bad_wait", seconds=f"{wait:g}"))
    return wait


@contextlib.contextmanager
def ledger_problems(path: Path, wait: float) -> Iterator[None]:
    """A ledger that cannot be used is a usage problem; a machine that refuses it, an
    environment problem: one line each."""
    from ..ledger import LedgerError, LedgerUnavailable, guarded

    check_wait(wait)
    try:
        with guarded(path, wait):
            yield
    except LedgerError as err:
        raise UsageProblem(reason_of(err)) from None
    except LedgerUnavailable as err:
        raise EnvironmentProblem(reason_of(err)) from None


def ledger_given(path: Path | None) -> Path:
    """`--ledger` (or HONORAR_LEDGER), which a command that uses the ledger cannot do without."""
    if path is None:
        raise UsageProblem(said("usage.no_ledger"))
    return path


@contextlib.contextmanager
def opened(path: Path | None, wait: float, create: bool = False,
           read_only: bool = False) -> Iterator:
    """The ledger at `path`, open for the duration of the block (`read_only`: to read
    only, as it is)."""
    path = ledger_given(path)
    from ..ledger import create_ledger, open_ledger

    with ledger_problems(path, wait):
        ledger = create_ledger(path, wait) if create else open_ledger(path, wait,
                                                                      read_only=read_only)
        try:
            yield ledger
        finally:
            ledger.close()


@contextlib.contextmanager
def paid_claims(path: Path | None, wait: float = 30.0) -> Iterator:
    """What the audit asks about claims paid before: None without a ledger."""
    if path is None:
        yield None
        return
    from ..ledger.paid import LedgerPaidClaims

    with opened(path, wait) as ledger:
        yield LedgerPaidClaims(ledger)


def report_console():
    """The console a ledger report is printed on: a terminal's own width; written to a file
    or a pipe, as wide as the audit's reports."""
    from ..render.terminal import Console

    return Console(highlight=False, soft_wrap=False,
                   width=None if sys.stdout.isatty() else 120)
