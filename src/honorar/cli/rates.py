"""`honorar rates`: list, show, check and compare rate tables, and what a change costs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..problem import Day, said
from .errors import UsageProblem, option_problem, unknown_scheme
from .ledger_options import WaitOption
from .options import (
    FORMATS_WITH_HTML,
    TABLE_OR_JSON,
    FormatOption,
    Lang,
    LangOption,
    RatesDirOption,
    ReportOutputOption,
    SheetOption,
    catalogue,
    choose,
    html_or_workbook_output,
    rate_tables_read,
    read_date,
    table_problem,
    write_html,
    write_workbook,
)
from .rates_impact import file_impact, goes_with_either, impact_options, ledger_impact
from .reading import (
    DateOrderOption,
    DelimiterOption,
    EncodingOption,
    reading_options,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True)

VERSION_HELP = ("A version: SCHEME (in force today), SCHEME@DATE (in force on that date) or the "
                "path of a table file.")


@app.callback()
def rates() -> None:
    """List, show, check and compare rate tables."""


def _echo_json(data) -> None:
    from ..render import jsonout

    typer.echo(jsonout.dumps(data))


# -------------------------------------------------------------------------------- list


@app.command("list", help="List every scheme, its versions and the file each comes from.")
def list_(output_format: FormatOption = "table", lang: LangOption = Lang.nb,
          rates_dir: RatesDirOption = None) -> None:
    from ..tables.catalogue import TableError

    choose("--format", output_format, TABLE_OR_JSON)
    tables = catalogue(rates_dir, lang.value)
    schemes, problems = [], []
    for scheme in tables.scheme_names():
        try:
            schemes.append((scheme, tables.versions(scheme)))
        except TableError as err:
            schemes.append((scheme, None))
            problems.extend(err.problems)
    today = dt.date.today()
    if output_format == "json":
        from ..render.rates import json as rates_json

        _echo_json(rates_json.listing(schemes, tables.dirs, today, problems, lang.value))
    else:
        from ..render.rates.show import print_list, print_problems

        print_list(schemes, tables.dirs, today, lang.value)
        print_problems(problems, lang.value)
    raise typer.Exit(2 if problems else 0)


# -------------------------------------------------------------------------------- show


def _version(option: str, spec: str, tables, today: dt.date):
    """The table a version names, the file it comes from, and whether it was named by file."""
    from ..tables.catalogue import TableError, read_table

    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        try:
            table = read_table(path)
        except TableError as err:
            raise table_problem(err) from None
        return table, path, True
    scheme, _, date_text = spec.partition("@")
    scheme = scheme.strip().lower()
    date = read_date(option, date_text) if date_text else today
    try:
        versions = tables.versions(scheme)
    except TableError as err:
        raise table_problem(err) from None
    if versions is None:
        if path.is_dir():  # neither a scheme nor a table file: a folder, and said so
            raise option_problem(option, said("usage.is_directory", file=spec))
        raise option_problem(option, unknown_scheme(scheme, tables.scheme_names(),
                                                           file=spec))
    found = versions.file_at(date)
    if found is None:
        first = Day(versions.files[0].table.effective) if versions.files else \
            said("usage.none")
        raise option_problem(option, said("rates.no_version_in_force", scheme=scheme,
                                                 date=Day(date), first=first))
    return found.table, found.path, False


@app.command(help="Show one version: every rule, its source quote, and the assumptions.")
def show(version: Annotated[str, typer.Argument(help=VERSION_HELP, metavar="VERSION",
                                               show_default=False)],
         output_format: FormatOption = "table", lang: LangOption = Lang.nb,
         rates_dir: RatesDirOption = None) -> None:
    choose("--format", output_format, TABLE_OR_JSON)
    table, path, _ = _version("VERSION", version, catalogue(rates_dir, lang.value), dt.date.today())
    if output_format == "json":
        from ..render.rates import json as rates_json

        _echo_json(rates_json.table(table, path, today=dt.date.today(), lang=lang.value))
    else:
        from ..render.rates.show import print_table

        print_table(table, path, lang.value, today=dt.date.today())


# ------------------------------------------------------------------------------- check


def _check_one(path: Path, rates_dirs: list[Path]):
    """Validate one file strictly, then weigh it against the versions already installed."""
    from ..tables.catalogue import Catalogue, TableError, is_scheme_folder, read_table, search_path
    from ..tables.lint import (
        Checked,
        date_notices,
        language_notices,
        placement,
        quote_notices,
        suspicious,
        yaml_path,
    )
    from ..tables.yamldoc import Problem, Unreadable, parse, problem, read_text

    name = str(path)
    try:
        text = read_text(path)
        table = read_table(path, text=text)
    except Unreadable as err:
        return Checked(name, None, (err.problem,))
    except TableError as err:
        return Checked(name, None, err.problems)
    places = parse(text, name)

    # A file laid out as <rates dir>/<scheme>/<file>.yaml is checked together with its
    # neighbours, as it will be read once its directory is searched.
    here = path.resolve()
    folder, root = here.parent, here.parent.parent
    folder_name = folder.name.lower()  # UNN/ holds the tables of unn (tables.scheme_files)
    dirs = search_path(rates_dirs)
    searched = {d.resolve() for d in dirs}
    problems: list[Problem] = []
    # in a searched directory, a table in another scheme's folder breaks that scheme
    misplaced = (folder_name != table.scheme and root in searched
                 and is_scheme_folder(folder_name))
    if misplaced:
        line, column = places.place(("scheme",))
        problems.append(problem(name, line, column, said("table.wrong_folder",
                                                         scheme=table.scheme,
                                                         folder=folder.name)))
    elif folder_name == table.scheme and root not in searched and folder not in searched:
        dirs.insert(0, path.parent.parent)
    try:
        versions = Catalogue(dirs).versions(table.scheme)
    except TableError as err:
        problems.extend(err.problems)
        versions = None
    installed, shadowed_by, shadows = [], None, []
    for f in versions.files if versions else ():
        if f.path.resolve() == here:
            shadows = [str(p) for p in f.shadows]
            continue
        if any(s.resolve() == here for s in f.shadows):
            shadowed_by = str(f.path)
        installed.append((f.table, str(f.path)))
    notices = [*([] if misplaced else placement(table, folder_name)),
               *suspicious(table, installed, shadowed_by, shadows),
               *language_notices(places.data), *quote_notices(places.data),
               *date_notices(table)]

    def located(notice):
        line, column = places.place(yaml_path(notice.item)) if notice.item else (None, None)
        return replace(notice, line=line, column=column)

    return Checked(name, table, tuple(problems), tuple(located(n) for n in notices))


@app.command(help="Validate table files strictly (exit 2 on any problem) and warn about "
                  "what is legal but suspicious.")
def check(files: Annotated[list[Path], typer.Argument(help="Table files to check.",
                                                       metavar="FILES", show_default=False)],
          strict: Annotated[bool, typer.Option(help="Exit 1 when there are warnings.")] = False,
          output_format: FormatOption = "table", lang: LangOption = Lang.nb,
          rates_dir: RatesDirOption = None) -> None:
    choose("--format", output_format, TABLE_OR_JSON)
    catalogue(rates_dir, lang.value)  # the same checks of --rates-dir as every command
    results = [_check_one(path, list(rates_dir or ())) for path in files]
    if output_format == "json":
        from ..render.rates import json as rates_json

        _echo_json(rates_json.check(results, lang.value))
    else:
        from ..render.rates.text import print_check

        print_check(results, lang.value)
    if any(r.problems or r.table is None for r in results):
        raise typer.Exit(2)
    raise typer.Exit(1 if strict and any(r.notices for r in results) else 0)


# -------------------------------------------------------------------------------- diff


BY = ("scheme", "representative", "group", "month", "activity")


@app.command(help="Compare two versions item by item; with --impact, what the change costs.")
def diff(old: Annotated[str, typer.Argument(help=VERSION_HELP, metavar="OLD",
                                            show_default=False)],
         new: Annotated[str, typer.Argument(help=VERSION_HELP, metavar="NEW",
                                            show_default=False)],
         impact: Annotated[Path | None, typer.Option(
             "--impact", help="A claims file, CSV or workbook (or - for standard input), to "
             "recompute under "
             "both versions.", show_default=False)] = None,
         impact_ledger: Annotated[Path | None, typer.Option(
             "--impact-ledger", readable=False, help="A ledger: the claims paid in --year "
             "recomputed under both versions.", show_default=False)] = None,
         year: Annotated[int | None, typer.Option(
             "--year", help="With --impact-ledger: the year the claims were paid in "
             "(default: last year).", show_default=False)] = None,
         wait: WaitOption = 30,
         mapping: Annotated[Path | None, typer.Option(
             "--mapping", help="A mapping file for a claims file of another layout.",
             show_default=False)] = None,
         top: Annotated[int, typer.Option(help="How many of the largest changes to list.")] = 10,
         by: Annotated[str | None, typer.Option(
             help="Break the impact down by scheme, representative, group, month or "
             "activity.",
             show_default=False)] = None,
         sheet: SheetOption = None,
         encoding: EncodingOption = None,
         delimiter: DelimiterOption = None,
         date_order: DateOrderOption = None,
         output_format: Annotated[str, typer.Option(
             "--format", help="table, json, xlsx (a workbook; needs --output), html (a page "
             "to print, with charts), or csv (the impact's sums).")] = "table",
         output: ReportOutputOption = None, lang: LangOption = Lang.nb,
         rates_dir: RatesDirOption = None) -> None:
    from ..tables.catalogue import TableError
    from ..tables.diff import compare

    choose("--format", output_format, (*FORMATS_WITH_HTML, "csv"))
    if output_format == "csv" and impact is None and impact_ledger is None:
        raise goes_with_either("--format csv")
    compared = [("rate_table", Path(spec)) for spec in (old, new) if Path(spec).is_file()]
    target = html_or_workbook_output(output_format, output, impact,
                               [("mapping", mapping), ("ledger", impact_ledger),
                                *compared, *rate_tables_read(rates_dir)])
    impact_options(impact, impact_ledger, year, mapping, sheet, encoding, delimiter,
                   date_order)
    if top < 0:
        raise option_problem("--top", said("value.not_below_zero"))
    if by is not None and by not in BY:
        raise option_problem("--by", said("value.not_one_of", value=by, choices=", ".join(BY)))
    if by is not None and impact is None and impact_ledger is None:
        raise goes_with_either("--by")
    delimiter = reading_options(delimiter, date_order)
    tables = catalogue(rates_dir, lang.value)
    today = dt.date.today()
    old_table, old_file, old_named_by_file = _version("OLD", old, tables, today)
    new_table, new_file, new_named_by_file = _version("NEW", new, tables, today)
    if type(old_table) is not type(new_table):
        kinds = {type(old_table).__name__, type(new_table).__name__}
        if "TaxFreeTable" in kinds:
            raise UsageProblem(said("rates.two_kinds", old=old_table.label, new=new_table.label,
                                    old_kind=_kind(old_table), new_kind=_kind(new_table)))
        raise UsageProblem(said("rates.travel_and_fee", new=new_table.label,
                                old=old_table.label))
    if (impact or impact_ledger) is not None and old_table.scheme != new_table.scheme:
        raise option_problem("--impact" if impact is not None else "--impact-ledger",
                             said("rates.impact_two_schemes", old=old_table.scheme,
                                  new=new_table.scheme))
    changes = compare(old_table, new_table)
    first = None
    if (impact or impact_ledger) is not None:
        # the scheme's first version installed: claims before it have none
        try:
            installed = tables.versions(old_table.scheme)
        except TableError:
            installed = None
        if installed is not None and installed.files:
            first = min(f.table.effective for f in installed.files)
    source = impact if impact is not None else impact_ledger
    if impact is not None:
        cost = file_impact(impact, mapping, old_table, new_table, top, by, sheet, encoding,
                           delimiter, date_order, first, tables)
    elif impact_ledger is not None:
        # the last full year, by the clock read here, at the edge
        cost = ledger_impact(impact_ledger, wait, today.year - 1 if year is None else year, old_table,
                             new_table, top, by, first, tables)
    else:
        cost = None
    if output_format == "html":
        from ..render.rates.html import diff_html

        write_html(target, diff_html(lang.value, old_table.label, new_table.label, changes, cost,
                                     None if source is None else str(source)))
        return
    if target is not None:
        from ..render.rates.xlsx import write_diff

        write_workbook(target, lambda sink: write_diff(
            sink, lang.value, old_table.label, new_table.label, changes, cost,
            None if source is None else str(source)))
        return
    if output_format == "csv":
        from ..render.rates.csv import impact_csv

        typer.echo(impact_csv(cost, str(source), lang.value), nl=False)
        return
    if output_format == "json":
        from ..render.rates import json as rates_json

        _echo_json(rates_json.diff(old_table.label, new_table.label, old_file, new_file, changes,
                                   None if cost is None else rates_json.impact(cost, str(source),
                                                                           lang.value),
                                   lang.value))
        return
    from ..render.rates.text import print_diff, print_impact

    def label(table, path: Path, named_by_file: bool) -> str:
        return f"{table.label} ({path})" if named_by_file else table.label

    print_diff(label(old_table, old_file, old_named_by_file),
               label(new_table, new_file, new_named_by_file), changes, lang.value)
    if cost is not None:
        print_impact(cost, str(source), lang.value)


def _kind(table):
    """A table's kind in words (a fee, travel or tax-free table)."""
    kinds = {"TravelTable": said("rates.kind.travel"),
             "TaxFreeTable": said("rates.kind.tax_free")}
    return kinds.get(type(table).__name__, said("rates.kind.fee"))
