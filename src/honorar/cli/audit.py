"""`honorar audit`: every claim of a file recomputed and checked before it is paid."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from .collecting import collecting_rarely
from .errors import UsageProblem, output_problem, writing_report
from .ledger_options import LedgerOption, paid_claims
from .options import (
    XLSX_NEEDS_OUTPUT,
    FailOn,
    FailOnOption,
    Lang,
    LangOption,
    RatesDirOption,
    SheetOption,
    catalogue,
    check_output,
    choose,
    exit_code,
    rate_tables_read,
    table_problem,
)
from .reading import (
    DateOrderOption,
    DelimiterOption,
    EncodingOption,
    MappingOption,
    SchemeOption,
    claim_mapping,
    given_scheme,
    read_claim_file,
    reading_options,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None)

FORMATS = ("table", "json", "csv", "xlsx", "html")


@app.command(help="Audit a file of claims before they are paid: every claim recomputed, "
             "every deviation a finding.")
def audit(
    file: Annotated[str, typer.Argument(
        help="The claims file (CSV, or a workbook: .xlsx, .xlsm, .xls, .ods), or - for "
        "standard input.", metavar="FILE", show_default=False)],
    output_format: Annotated[str, typer.Option(
        "--format", help="table, json, csv, xlsx (a workbook; needs --output), or html (a page "
        "to print, with charts).")] = "table",
    output: Annotated[Path | None, typer.Option(
        help="Write the report here (atomically) instead of to standard output.",
        show_default=False)] = None,
    mapping: MappingOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    date_order: DateOrderOption = None,
    sheet: SheetOption = None,
    scheme: SchemeOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    fail_on: FailOnOption = FailOn.error,
) -> None:
    from ..tables.catalogue import TableError

    choose("--format", output_format, FORMATS)
    delimiter = reading_options(delimiter, date_order)
    if output_format == "xlsx" and output is None:
        raise UsageProblem(XLSX_NEEDS_OUTPUT)
    if output is not None:
        check_output(output, file, mapping,
                     [("ledger", ledger), *rate_tables_read(rates_dir)])
    tables = catalogue(rates_dir, lang.value)
    mapping_read = claim_mapping(mapping)
    try:
        activities = tables.activity_names()
        scheme = given_scheme(tables, scheme)
    except TableError as err:
        raise table_problem(err) from None
    reader = read_claim_file(file, mapping_read, encoding, delimiter, date_order, sheet,
                             activities, scheme)

    from ..audit.summary import Reading, run_audit
    from ..render.atomic import AtomicOutput

    reading = Reading.of(reader)
    sink = None
    try:
        if output is not None or output_format != "table":
            sink = AtomicOutput(output, binary=output_format in ("json", "xlsx"))
        with paid_claims(ledger) as paid:
            if paid is not None:  # every report names the ledger it was audited against
                reading = dataclasses.replace(reading, ledger=paid.path,
                                              ledger_batches=paid.batch_count())
            # a file gets the byte order mark Excel wants; standard output by any name not
            report = _report(output_format, sink, lang.value, reading,
                             sink is not None and sink.target is not None)
            with _Progress(reader) as progress, collecting_rarely():
                summary = run_audit(reader, tables, report, progress=progress,
                                    expected_rows=reader.expected_rows, paid=paid,
                                    today=dt.date.today())
            if sink is not None:
                sink.commit()
    except TableError as err:
        raise table_problem(err) from None
    except OSError as err:
        if not writing_report(err, output):
            raise  # standard output itself, or another file: the command line says so
        raise output_problem(err, output) from None
    finally:
        reader.close()
        if sink is not None:
            sink.discard()
    raise typer.Exit(exit_code(list(summary.severities), fail_on))


def _report(output_format: str, sink, lang: str, reading, to_file: bool):
    if output_format == "json":
        from ..render.audit.json import JsonReport

        return JsonReport(sink, lang, reading)
    if output_format == "xlsx":
        from ..render.audit.xlsx import XlsxReport

        return XlsxReport(sink, lang, reading)
    if output_format == "html":
        from ..render.audit.html import HtmlReport

        return HtmlReport(sink, lang, reading)
    if output_format == "csv":
        from ..render.audit.csv import CsvReport

        return CsvReport(sink, byte_order_mark=to_file, travel=reading.travel)
    from ..render.audit.table import TableReport
    from ..render.terminal import Console

    console = Console(highlight=False, soft_wrap=False) if sink is None else Console(
        file=sink.stream, width=120, color_system=None, highlight=False, soft_wrap=False)
    return TableReport(console, lang, reading)


class _Progress:
    """A progress bar on standard error while a long file is read, when that is a terminal."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.bar = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        from ..render.terminal import Console

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                            TextColumn("{task.fields[rows]} rows"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task(self.reader.name, total=self.reader.size, rows=0)
        reader, bar = self.reader, self.bar
        return lambda rows: bar.update(task, completed=reader.bytes_read, rows=rows)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
