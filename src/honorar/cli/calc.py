"""`honorar calc`: what one meeting pays, step by step, with the source of each step."""

from __future__ import annotations

from typing import Annotated

import typer

from . import UsageProblem
from .options import (
    TABLE_OR_JSON,
    FailOn,
    FailOnOption,
    FormatOption,
    Lang,
    LangOption,
    RatesDirOption,
    catalogue,
    choose,
    exit_code,
    read,
    read_amount,
    read_date,
    table_problem,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command(help="Calculate what one meeting pays one representative.")
def calc(
    scheme: Annotated[str, typer.Option(help="Scheme, e.g. unn or fousam.")],
    date: Annotated[str, typer.Option(help="Meeting date: 2022-03-15 or 15.03.2022.")],
    hours: Annotated[str | None, typer.Option(help="Duration in hours, e.g. 2.5.")] = None,
    start: Annotated[str | None, typer.Option(help="Start time, e.g. 09:00.")] = None,
    end: Annotated[str | None, typer.Option(help="End time, e.g. 12:30.")] = None,
    attendance: Annotated[str, typer.Option(
        help="physical, or remote (telefon, video, teams …).")] = "physical",
    activity: Annotated[str, typer.Option(
        help="meeting, full_day, teaching, peer_assignment, org_information, peer_work, "
             "training, seminar (or the Norwegian word).")] = "meeting",
    agreement: Annotated[bool | None, typer.Option(
        "--agreement/--no-agreement", help="Is there a written agreement? Unstated if left "
        "out.", show_default=False)] = None,
    lost_income: Annotated[str | None, typer.Option(help="Lost income claimed, kr.")] = None,
    documented: Annotated[bool, typer.Option(
        "--documented/--undocumented", help="Is the lost income documented?")] = False,
    gift: Annotated[str | None, typer.Option(help="Gift claimed, kr.")] = None,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    fail_on: FailOnOption = FailOn.error,
) -> None:
    from ..models import Attendance, Meeting
    from ..parsing import hours_between, parse_activity, parse_attendance, parse_hours, parse_time
    from ..tables import TableError

    choose("--format", output_format, TABLE_OR_JSON)
    if hours is not None and (start is not None or end is not None):
        raise UsageProblem("give either --hours or --start and --end, not both")
    if (start is None) != (end is None):
        raise UsageProblem("--start and --end go together")
    duration = read("--hours", hours, parse_hours)
    if start is not None:
        begins, ends = read("--start", start, parse_time), read("--end", end, parse_time)
        try:
            duration = hours_between(begins, ends)
        except ValueError as err:
            raise UsageProblem(f"--end: {err}") from None
    meeting = Meeting(
        scheme=scheme.strip().lower(),
        date=read_date("--date", date),
        attendance=Attendance(read("--attendance", attendance, parse_attendance)),
        activity=read("--activity", activity, parse_activity),
        hours=duration,
        agreement=agreement,
        lost_income=read_amount("--lost-income", lost_income),
        lost_income_documented=documented,
        gift=read_amount("--gift", gift),
    )
    tables = catalogue(rates_dir)
    try:
        versions = tables.versions(meeting.scheme)
    except TableError as err:
        raise table_problem(err) from None
    if versions is None:
        known = ", ".join(tables.scheme_names()) or "none"
        raise UsageProblem(f"--scheme: unknown scheme '{scheme}' (known: {known})")

    from ..engine import calculate

    result = calculate(meeting, versions.at(meeting.date))
    if output_format == "json":
        from ..render import jsonout

        typer.echo(jsonout.dumps(jsonout.calculation(result, lang.value)))
    else:
        from ..render.calc.table import print_calculation

        print_calculation(result, lang.value)
    raise typer.Exit(exit_code([f.severity for f in result.findings], fail_on))
