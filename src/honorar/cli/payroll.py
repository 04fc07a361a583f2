"""`honorar ledger payroll`: a paid batch as payroll lines (its work in `ledger.payroll`,
its output in `render/ledger/payroll*`). Registered on the `ledger` command group."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..problem import Day, said
from .errors import UsageProblem, option_problem
from .ledger_options import LedgerOption, WaitOption, opened, report_console
from .options import (
    XLSX_NEEDS_OUTPUT,
    Lang,
    LangOption,
    RatesDirOption,
    catalogue,
    check_output,
    choose,
    table_problem,
    write_report,
    write_workbook,
)

PAYROLL_FORMATS = ("table", "json", "csv", "xlsx")
LODGING_WORDS = {"hotel": "hotel", "hotell": "hotel", "pensjonat": "pensjonat",
                 "brakke": "pensjonat", "hybel-uten-kok": "pensjonat", "private": "private",
                 "privat": "private", "hybel-med-kok": "private"}


def payroll(
    batch: Annotated[str, typer.Option("--batch", help="The batch's name (see 'honorar "
                                       "ledger list').", show_default=False)],
    ledger: LedgerOption = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="table, json, csv (semicolons, a decimal point) or xlsx (a "
        "workbook; needs --output).")] = "table",
    output: Annotated[Path | None, typer.Option(
        "--output", help="Write it here (atomically) instead of to standard output.",
        show_default=False)] = None,
    wage_types: Annotated[Path | None, typer.Option(
        "--wage-types", help="A YAML file from a-melding description to your wage type "
        "(lønnsart).", show_default=False)] = None,
    lodging: Annotated[str, typer.Option(
        "--lodging", help="Where overnight stays were spent: hotel, pensjonat (also "
        "hybel-uten-kok, brakke) or private (also hybel-med-kok).")] = "hotel",
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    wait: WaitOption = 30,
) -> None:
    from ..ledger.payroll import NoTaxFreeTable, WageTypesError, batch_payroll, read_wage_types
    from ..tables.catalogue import TableError

    choose("--format", output_format, PAYROLL_FORMATS)
    where = LODGING_WORDS.get(lodging.strip().lower())
    if where is None:
        raise option_problem("--lodging", said("payroll.lodging", given=lodging,
                                               choices="hotel, pensjonat, private"))
    if output_format == "xlsx" and output is None:
        raise UsageProblem(XLSX_NEEDS_OUTPUT)
    if output is not None:
        if output_format == "table":
            raise UsageProblem(said("payroll.output_goes_with_format"))
        check_output(output, None, others=[("ledger", ledger), ("wage_types", wage_types)])
    mapping = None
    if wage_types is not None:
        try:
            mapping = read_wage_types(wage_types)
        except WageTypesError as err:
            raise option_problem("--wage-types", err) from None
    tables = catalogue(rates_dir, lang.value)
    with opened(ledger, wait) as book:
        try:
            result = batch_payroll(book, batch, tables.tax_free_at, where, mapping)
        except NoTaxFreeTable as err:
            raise UsageProblem(said("payroll.no_tax_free_table", batch=err.batch.name,
                                    file=err.table_to_add,
                                    paid_on=Day(err.batch.paid_on))) from None
        except TableError as err:
            raise table_problem(err) from None

    from ..render.ledger import payroll as render

    code = 1 if result.needs_person else 0
    if output_format == "table":

        render.print_payroll(result, lang.value, report_console())
        raise typer.Exit(code)
    if output_format == "xlsx":
        from ..render.ledger.payroll_xlsx import write_payroll_xlsx

        write_workbook(output,  # type: ignore[arg-type]
                       lambda sink: write_payroll_xlsx(sink, result, lang.value))
        raise typer.Exit(code)
    if output_format == "json":
        import json

        text = json.dumps(render.payroll_json(result, lang.value), ensure_ascii=False,
                          indent=2) + "\n"
    else:
        text = render.payroll_csv(result)
    if output is None:
        sys.stdout.write(text)
    else:
        write_report(output, lambda sink: sink.stream.write(text))  # type: ignore[attr-defined]
    raise typer.Exit(code)
