"""`honorar ledger`: the claims already paid (SPEC §8), kept in one SQLite file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..problem import said
from .collecting import collecting_rarely
from .errors import UsageProblem, option_problem, reason_of
from .ledger_options import (
    LedgerOption,
    WaitOption,
    ledger_given,
    ledger_problems,
    opened,
    report_console,
)
from .options import (
    TABLE_OR_JSON,
    XLSX_NEEDS_OUTPUT,
    FormatOption,
    Lang,
    LangOption,
    RatesDirOption,
    SheetOption,
    catalogue,
    check_output,
    choose,
    read,
    read_date,
    table_problem,
    write_report,
    write_workbook,
)
from .payroll import payroll as payroll_command
from .reading import (
    DateOrderOption,
    DelimiterOption,
    EncodingOption,
    MappingOption,
    SchemeOption,
    given_scheme,
    open_claims,
    reading_options,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                  help="The claims already paid, so that nothing is paid twice.")


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
    scheme: SchemeOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    wait: WaitOption = 30,
) -> None:
    from ..tables.catalogue import TableError

    choose("--format", output_format, TABLE_OR_JSON)
    delimiter = reading_options(delimiter, date_order)
    if file == "-":
        raise UsageProblem(said("ledger.record_needs_file"))
    day = read_date("--paid-on", paid_on) or dt.date.today()
    name = batch if batch is not None else Path(file).stem
    if not name.strip():
        raise option_problem("--batch", said("ledger.batch_needs_name"))
    ledger = ledger_given(ledger)  # before the claims are read
    tables = catalogue(rates_dir, lang.value)

    from ..ledger import content_sha256, record_batch

    _regular_file(Path(file))
    with ledger_problems(Path(file), wait):
        sha256 = content_sha256(file) if Path(file).is_file() else ""
    try:  # the activity words the audit knows, so that a row is read as the audit reads it
        activities = tables.activity_names()
        scheme = given_scheme(tables, scheme)
    except TableError as err:
        raise table_problem(err) from None
    reader = open_claims(file, mapping, encoding, delimiter, date_order, sheet, activities,
                         scheme)
    recorded_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    try:
        with opened(ledger, wait) as book, collecting_rarely():
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
                        console=report_console())
    raise typer.Exit(1 if recording.refused else 0)


@app.command("list", help="The batches recorded: name, file, when, how many claims, how much.")
def list_batches(
    ledger: LedgerOption = None,
    log: Annotated[bool, typer.Option(
        "--log", help="The ledger's log instead: every batch recorded or undone.")] = False,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    wait: WaitOption = 30,
) -> None:
    choose("--format", output_format, TABLE_OR_JSON)
    with opened(ledger, wait) as book:
        entries = book.log() if log else book.batches()
    from ..render.ledger import batches as render

    if output_format == "json":
        _print_json(render.log_json(entries) if log else render.batches_json(entries))
    elif log:
        render.print_log(entries, str(ledger), lang.value, report_console())
    else:
        render.print_batches(entries, str(ledger), lang.value, report_console())


@app.command("show", help="One batch and the claims it paid.")
def show(
    batch: Annotated[str, typer.Argument(help="The batch's name.", metavar="BATCH",
                                         show_default=False)],
    ledger: LedgerOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    wait: WaitOption = 30,
) -> None:
    choose("--format", output_format, TABLE_OR_JSON)
    from ..render.ledger import batches as render

    with opened(ledger, wait) as book:
        found = book.batch(batch)
        if found is None:
            raise UsageProblem(said("ledger.no_batch_see_list", batch=batch, ledger=str(ledger)))
        claims = book.claims_of(found)
        if output_format == "json":
            _write_json_stream(render.batch_json(found), map(render.claim_json, claims))
        else:
            render.print_batch(found, claims, lang.value, report_console())


def _write_json_stream(batch: dict, claims) -> None:
    """`{"batch": …, "claims": [...]}` written a claim at a time (a batch may be large)."""
    write = sys.stdout.write
    write('{\n  "batch": ' + json.dumps(batch, ensure_ascii=False) + ',\n  "claims": [')
    separator = "\n"
    for claim in claims:
        write(separator + "    " + json.dumps(claim, ensure_ascii=False))
        separator = ",\n"
    write("\n  ]\n}\n")


@app.command("undo", help="Remove a batch recorded by mistake (the removal stays in the "
             "ledger's log).")
def undo(
    batch: Annotated[str, typer.Argument(help="The batch's name.", metavar="BATCH",
                                         show_default=False)],
    ledger: LedgerOption = None,
    lang: LangOption = Lang.nb,
    wait: WaitOption = 30,
) -> None:
    from ..render import messages

    at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with opened(ledger, wait) as book:
        removed = book.undo(batch, at)
    print(messages.text("ledger_undone", {"batch": removed.name, "claims": removed.claims,
                                          "paid_kr": removed.paid}, lang.value))


REPORT_FORMATS = ("table", "json", "csv", "xlsx", "html")


@app.command("report", help="What was paid in a calendar year, per representative (also in G), "
             "month, scheme or group.")
def report(
    year: Annotated[int, typer.Option("--year", help="The calendar year the batches were "
                                      "paid in.", show_default=False)],
    by: Annotated[str, typer.Option(
        "--by", help="representative, month, scheme or group.")] = "representative",
    flag_above: Annotated[str | None, typer.Option(
        "--flag-above", help="Mark rows above this: an amount (50000) or a multiple of the "
        "year's G (0.4G).", show_default=False)] = None,
    ledger: LedgerOption = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="table, json, csv, xlsx (a workbook; needs --output), or html (a "
        "page to print, with a chart).")] = "table",
    output: Annotated[Path | None, typer.Option(
        "--output", help="Write the report here (atomically) instead of to standard output.",
        show_default=False)] = None,
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    wait: WaitOption = 30,
) -> None:
    from ..ledger.year import BY, read_limit, year_report
    from ..tables.catalogue import TableError

    choose("--format", output_format, REPORT_FORMATS)
    choose("--by", by, BY)
    if not 1900 <= year <= 9999:
        raise option_problem("--year", said("ledger.not_a_year", year=str(year)))
    if output_format == "xlsx" and output is None:
        raise UsageProblem(XLSX_NEEDS_OUTPUT)
    if output is not None:
        if output_format == "table":
            raise UsageProblem(said("ledger.output_goes_with_format"))
        check_output(output, None, others=[("ledger", ledger)])
    limit = read("--flag-above", flag_above, read_limit)
    g_table = _g_table()
    tables = catalogue(rates_dir, lang.value)  # the tax-free tables: income is taxable pay
    with opened(ledger, wait) as book:
        try:
            result = year_report(book, year, by, g_table, limit, tables.tax_free_at)
        except TableError as err:
            raise table_problem(err) from None

    from ..render.ledger import year as render

    if output_format == "table":
        render.print_report(result, lang.value, report_console())
        return
    if output_format == "xlsx":
        write_workbook(output, lambda sink: render.write_report_xlsx(sink, result, lang.value))  # type: ignore[arg-type]
        return
    if output_format == "html":
        from ..render.ledger.html import report_html

        text = report_html(result, lang.value, None if ledger is None else str(ledger))
    else:
        text = (json.dumps(render.report_json(result, lang.value), ensure_ascii=False,
                           indent=2) + "\n") if output_format == "json" else render.report_csv(result)
    if output is None:
        sys.stdout.write(text)
        return
    # a CSV for Excel starts with a byte order mark, as the audit's does
    write_report(output, lambda sink: sink.stream.write(  # type: ignore[attr-defined]
        ("\ufeff" if output_format == "csv" else "") + text))


app.command("payroll", help="A paid batch as payroll lines: each claim's pay and travel split "
            "into a-melding descriptions, tax-free and taxable, by the tax-free rates in force "
            "on the payment date.")(payroll_command)


def _g_table():
    from ..ledger.grunnbelop import GError, read_g

    try:
        return read_g()
    except GError as err:
        raise UsageProblem(said("ledger.g_problem", reason=reason_of(err))) from None


def _regular_file(path: Path) -> None:
    """A batch is known by its file's content: a pipe or a device read once has none to
    know it by (its checksum would be of nothing, and every other pipe 'recorded')."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return  # the reader says why it cannot be read
    if not stat.S_ISREG(mode):
        kind = "directory" if stat.S_ISDIR(mode) else "device"
        raise UsageProblem(said(f"ledger.record_needs_regular_file_{kind}", file=str(path)))
