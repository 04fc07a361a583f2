"""Options several commands share, and reading option values into library types."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import stat
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ..problem import MESSAGE, said
from .errors import (
    UsageProblem,
    option_problem,
    output_problem,
    placed,
    writing_report,
)

T = TypeVar("T")


class Lang(StrEnum):
    nb = "nb"
    nn = "nn"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of human output.")]
RatesDirOption = Annotated[
    list[Path] | None,
    typer.Option("--rates-dir", help="A directory of rate tables, searched before the "
                 "shipped ones (repeatable; also HONORAR_RATES).", show_default=False),
]
FailOnOption = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity.")
]
SheetOption = Annotated[
    str | None,
    typer.Option("--sheet", help="The sheet of a workbook to read: its name, or its number "
                 "counting from 1 (hidden sheets count). Default: the first visible sheet.",
                 show_default=False),
]


TABLE_OR_JSON = ("table", "json")
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
TABLE_JSON_OR_XLSX = ("table", "json", "xlsx")
FormatWithXlsxOption = Annotated[str, typer.Option(
    "--format", help="table, json, or xlsx (a workbook; needs --output).")]
WorkbookOutputOption = Annotated[Path | None, typer.Option(
    "--output", help="With --format xlsx: the workbook to write (atomically).",
    show_default=False)]
FORMATS_WITH_HTML = ("table", "json", "xlsx", "html")
FormatWithHtmlOption = Annotated[str, typer.Option(
    "--format", help="table, json, xlsx (a workbook; needs --output), or html (a page to "
    "print, with charts).")]
ReportOutputOption = Annotated[Path | None, typer.Option(
    "--output", help="With --format xlsx (needed) or html: the file to write (atomically).",
    show_default=False)]
XLSX_NEEDS_OUTPUT = said("usage.xlsx_needs_output")


def workbook_output(output_format: str, output: Path | None,
                    input_file: Path | None = None,
                    others: Iterable[tuple[str, Path | None]] = ()) -> Path | None:
    """The workbook to write for `--format xlsx --output FILE` (None for other formats);
    never the input file, nor one of the `others` read beside it."""
    if output_format != "xlsx":
        if output is not None:
            raise UsageProblem(said("usage.output_goes_with_xlsx"))
        return None
    if output is None:
        raise UsageProblem(XLSX_NEEDS_OUTPUT)
    check_output(output, None if input_file is None else str(input_file), others=others)
    return output


def html_or_workbook_output(output_format: str, output: Path | None,
                            input_file: Path | None = None,
                            others: Iterable[tuple[str, Path | None]] = ()) -> Path | None:
    """`workbook_output`, and for --format html the file to write it to (None: standard
    output), never one that is read."""
    if output is not None and output_format not in ("xlsx", "html"):
        raise UsageProblem(said("usage.output_goes_with_xlsx_html"))
    if output_format != "html":
        return workbook_output(output_format, output, input_file, others)
    if output is not None:
        check_output(output, None if input_file is None else str(input_file), others=others)
    return output


def write_html(output: Path | None, text: str) -> None:
    """An HTML report to `output` (atomically), or to standard output."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_report(output, lambda sink: sink.stream.write(text))  # type: ignore[attr-defined]


def check_output(output: Path, file: str | None, mapping: Path | None = None,
                 others: Iterable[tuple[str, Path | None]] = ()) -> None:
    """The report never replaces what is read: the claims (a named file, or whatever
    standard input is), the mapping, or `others` as (what it is, its path): a plan, a
    ledger, a rate table."""
    inputs: list[tuple[tuple[str, str], os.stat_result | None]] = []
    if file == "-":
        inputs.append((("stdin", "-"), _fstat(0)))
    elif file is not None:
        inputs.append((("input", file), _stat(Path(file))))
        if output.resolve() == Path(file).resolve():
            _refuse(output, ("input", file))
    if mapping is not None:
        inputs.append((("mapping", str(mapping)), _stat(mapping)))
    inputs += [((what, str(path)), _stat(path)) for what, path in others if path is not None]
    written = _stat(output)
    if written is not None and stat.S_ISREG(written.st_mode):  # a device is no input's twin
        for what, read in inputs:
            if read is not None and (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
                _refuse(output, what)
    if not output.parent.is_dir():
        missing = "usage.not_directory" if output.parent.exists() else "usage.no_directory"
        raise option_problem("--output", said(missing, directory=str(output.parent)))
    if output.is_dir():
        raise option_problem("--output", said("usage.is_directory", file=str(output)))


def _refuse(output: Path, what: tuple[str, str]) -> None:
    """`what`: (stdin, input, mapping, plan, ledger or rate_table; its path)."""
    raise option_problem("--output", said(f"usage.output_is_{what[0]}", output=str(output),
                                          file=what[1]))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def _fstat(descriptor: int) -> os.stat_result | None:
    try:
        return os.fstat(descriptor)
    except OSError:
        return None


def write_workbook(output: Path, write: Callable[[object], None]) -> None:
    """Run `write(sink)` into an atomic output for `output`, committed only when it is done."""
    write_report(output, write, binary=True)


def write_report(output: Path, write: Callable[[object], None], binary: bool = False) -> None:
    """Run `write(sink)` into an atomic output for `output` (`binary`: the sink takes
    bytes), committed only when it is done; a failure to write names `output`."""
    from ..render.atomic import AtomicOutput

    sink = None
    try:
        sink = AtomicOutput(output, binary=binary)
        write(sink)
        sink.commit()
    except OSError as err:
        if not writing_report(err, output):
            raise  # standard output itself, or another file: the command line says so
        raise output_problem(err, output) from None
    finally:
        if sink is not None:
            sink.discard()


def choose(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """`value` if it is one of `allowed`, else a usage problem naming them."""
    if value not in allowed:
        raise option_problem(option, said("value.not_one_of", value=value,
                                          choices=", ".join(allowed)))
    return value


def read(option: str, text: str | None, reader: Callable[[str], T]) -> T | None:
    """Read an option value with one of `honorar.parsing`'s readers; None stays None."""
    if text is None:
        return None
    try:
        return reader(text)
    except ValueError as err:
        raise option_problem(option, err) from None


def read_date(option: str, text: str | None) -> dt.date | None:
    from ..parsing import parse_date

    return read(option, text, parse_date)


def read_amount(option: str, text: str | None) -> Decimal:
    from ..parsing import parse_amount

    value = read(option, text, parse_amount)
    return Decimal(0) if value is None else value


# the travel options by the column each stands for (honorar.tripinput)
TRAVEL_OPTIONS = {"km": "--km", "passenger_km": "--passenger-km", "vehicle": "--vehicle",
                  "distance_km": "--distance-km", "travel_hours": "--travel-hours",
                  "departure": "--departure", "return": "--return", "nights": "--nights",
                  "nights_without_receipt": "--nights-without-receipt",
                  "meals_provided": "--meals", "expenses": "--expenses",
                  "expenses_documented": "--receipts", "trailer_km": "--trailer-km",
                  "forest_road_km": "--forest-road-km"}


def read_trip_options(values: dict[str, str | None]):
    """The trip the travel options describe (None when none is given); a bad value is a
    usage problem naming its option."""
    from ..tripinput import TripError, read_trip

    try:
        return read_trip(values)
    except TripError as err:
        from ..render import messages

        option = TRAVEL_OPTIONS[err.column]
        reason = said(MESSAGE + err.key, **err.params) if err.key in messages.TEMPLATES else err
        raise option_problem(option, reason) from None


def exit_code(severities: list[str], fail_on: FailOn) -> int:
    """1 when any finding is at or above `fail_on`, else 0."""
    if fail_on is FailOn.never:
        return 0
    wanted = {"error"} if fail_on is FailOn.error else {"error", "warning"}
    return 1 if any(s in wanted for s in severities) else 0


def catalogue(rates_dirs: list[Path] | None, lang: str = "nb"):
    """The rate tables of `--rates-dir`, `HONORAR_RATES` and the shipped ones. A table file
    in those directories that no lookup would find is named on stderr, once (call this
    once per command)."""
    from ..tables.cache import cached_reader
    from ..tables.catalogue import Catalogue

    for d in rates_dirs or ():
        if not d.is_dir():
            raise option_problem("--rates-dir", said("usage.not_directory", directory=str(d)))
    tables = Catalogue.from_options(rates_dirs or (), read=cached_reader())
    warn_stray_tables(tables.dirs, lang)
    return tables


def rate_tables_read(rates_dirs: list[Path] | None) -> list[tuple[str, Path]]:
    """Every table file a command may read from `--rates-dir`, `HONORAR_RATES` and the
    shipped tables, as `check_output`'s others: a report must not replace one."""
    from ..tables.catalogue import search_path, table_files

    found = []
    for directory in search_path(rates_dirs or ()):
        try:
            folders = [p for p in directory.iterdir() if p.is_dir()]
        except OSError:
            continue
        for folder in (directory, *folders):
            found += [("rate_table", path) for path in table_files(folder)]
    return found


def warn_stray_tables(dirs: list[Path], lang: str) -> None:
    from ..render.messages import stray_table_warnings
    from ..tables.catalogue import shipped_rates_dir, stray_tables

    shipped = shipped_rates_dir()  # its layout is the package's own, and tested
    for line in stray_table_warnings(stray_tables([d for d in dirs if d != shipped]), lang):
        print(f"honorar: {line}", file=sys.stderr)


def table_problem(err) -> UsageProblem:
    """A broken rate table as one line a person can act on (the first problem, and a count)."""
    first, rest = err.problems[0], len(err.problems) - 1
    if rest:
        return UsageProblem(said("table.problem_and_more", problem=placed(first), count=rest,
                                 command=shlex.quote(str(first.file))))
    return UsageProblem(said("table.problem", problem=placed(first)))
