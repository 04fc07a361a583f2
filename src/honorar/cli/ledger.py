"""`honorar ledger`: the claims already paid (SPEC §8), kept in one SQLite file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import UsageProblem
from .ledger_options import LedgerOption, WaitOption, ledger_problems, opened
from .options import (
    TABLE_OR_JSON,
    FormatOption,
    Lang,
    LangOption,
    RatesDirOption,
    SheetOption,
    catalogue,
    choose,
    read_date,
    table_problem,
)
from .reading import (
    DateOrderOption,
    DelimiterOption,
    EncodingOption,
    MappingOption,
    open_claims,
    reading_options,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                  help="The claims already paid, so that nothing is paid twice.")


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command("init", help="Create an empty ledger.")
def init(
    path: Annotated[Path | None, typer.Argument(
        help="Where to create it (else --ledger or HONORAR_LEDGER).", metavar="PATH",
        show_default=False)] = None,
    ledger: LedgerOption = None,
    lang: LangOption = Lang.nb,
) -> None:
    from ..render import messages

    target = path or ledger
    with opened(target, 5.0, create=True):
        pass
    print(messages.text("ledger_created", {"ledger": str(target)}, lang.value))


@app.command("record", help="Audit a file against the ledger and record its claims as paid "
             "(the amounts due), the whole batch or nothing.")
def record(
    file: Annotated[str, typer.Argument(help="The claims file (CSV or a workbook).", metavar="FILE",
                                        show_default=False)],
    batch: Annotated[str | None, typer.Option(
        "--batch", help="The batch's name (default: the file's name without extension).",
        show_default=False)] = None,
    paid_on: Annotated[str | None, typer.Option(
        "--paid-on", help="The day the batch is paid (default: today).",
        show_default=False)] = None,
    accept_findings: Annotated[bool, typer.Option(
        "--accept-findings", help="Record even when the audit finds errors (the rows "
        "not paid are still left out).")] = False,
    ledger: LedgerOption = None,
    mapping: MappingOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    date_order: DateOrderOption = None,
    sheet: SheetOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    wait: WaitOption = 30.0,
) -> None:
    from ..tables import TableError

    choose("--format", output_format, TABLE_OR_JSON)
    delimiter = reading_options(delimiter, date_order)
    if file == "-":
        raise UsageProblem("ledger record needs a file, not standard input: a batch is "
                           "known by its file's content")
    day = read_date("--paid-on", paid_on) or dt.date.today()
    name = batch if batch is not None else Path(file).stem
    if not name.strip():
        raise UsageProblem("--batch: a batch needs a name")
    if ledger is None:
        raise UsageProblem("no ledger given: use --ledger PATH or set HONORAR_LEDGER")
    tables = catalogue(rates_dir)

    from ..ledger import content_sha256, record_batch

    with ledger_problems(Path(file), wait):
        sha256 = content_sha256(file) if Path(file).is_file() else ""
    reader = open_claims(file, mapping, encoding, delimiter, date_order, sheet)
    recorded_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    try:
        with opened(ledger, wait) as book:
            recording = record_batch(
                book, reader, tables, name=name, file=Path(file).name, sha256=sha256,
                paid_on=day, recorded_at=recorded_at, accept_findings=accept_findings,
                expected_rows=reader.expected_rows)
    except TableError as err:
        raise table_problem(err) from None
    finally:
        reader.close()
    if output_format == "json":
        from ..render.ledger.recording import recording_json

        _print_json(recording_json(recording, name=name, file=Path(file).name, sha256=sha256))
    else:
        from ..render.ledger.recording import print_recording

        print_recording(recording, name=name, file=file, ledger=str(ledger), lang=lang.value,
                        console=_console())
    raise typer.Exit(1 if recording.refused else 0)


@app.command("list", help="The batches recorded: name, file, when, how many claims, how much.")
def list_batches(
    ledger: LedgerOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    wait: WaitOption = 30.0,
) -> None:
    choose("--format", output_format, TABLE_OR_JSON)
    with opened(ledger, wait) as book:
        batches = book.batches()
    from ..render.ledger.batches import batches_json, print_batches

    if output_format == "json":
        _print_json(batches_json(batches))
    else:
        print_batches(batches, str(ledger), lang.value, _console())
