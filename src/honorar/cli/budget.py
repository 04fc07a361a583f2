"""`honorar budget`: what involving N representatives in a working group will cost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..problem import said
from .errors import UsageProblem, option_problem, placed, unknown_scheme
from .options import (
    FORMATS_WITH_HTML,
    FailOn,
    FailOnOption,
    FormatWithHtmlOption,
    Lang,
    LangOption,
    RatesDirOption,
    ReportOutputOption,
    catalogue,
    choose,
    exit_code,
    html_or_workbook_output,
    rate_tables_read,
    read,
    read_amount,
    read_date,
    read_trip_options,
    table_problem,
    write_html,
    write_workbook,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command(help="Cost a working group before it starts: by default the UNN guide's "
             "suggested plan (one 3-hour start-up meeting, two 2-hour working meetings, one "
             "3-hour evaluation meeting), or the meetings of a plan file.")
def budget(
    reps: Annotated[int | None, typer.Option(
        help="How many user representatives (at least 1); needed unless the plan file names "
             "its representatives.", show_default=False)] = None,
    scheme: Annotated[str | None, typer.Option(
        help="Scheme, e.g. unn or fousam; needed unless the plan file names one.",
        show_default=False)] = None,
    attendance: Annotated[str, typer.Option(
        help="physical, or remote (telefon, video, teams …), for every meeting whose plan "
             "gives none.")] = "physical",
    date: Annotated[str | None, typer.Option(
        help="Date of the meetings the plan gives no date; picks the rate table. "
             "Default: today.", show_default=False)] = None,
    plan: Annotated[Path | None, typer.Option(
        help="A YAML plan of meetings (activity, hours, attendance, date, name, count).",
        show_default=False)] = None,
    lost_income: Annotated[str | None, typer.Option(
        help="Expected lost income per representative per meeting, kr (taken as documented; "
             "the table's cap applies).", show_default=False)] = None,
    km: Annotated[str | None, typer.Option(
        help="Travel: km each representative drives in own car to and from each meeting "
             "(state rates on each meeting's date).", show_default=False)] = None,
    passenger_km: Annotated[str | None, typer.Option(
        help="Travel: passenger km, summed over the passengers.", show_default=False)] = None,
    trailer_km: Annotated[str | None, typer.Option(
        help="Travel: of the km, with a trailer.", show_default=False)] = None,
    forest_road_km: Annotated[str | None, typer.Option(
        help="Travel: of the km, on forest or construction roads.", show_default=False)] = None,
    vehicle: Annotated[str | None, typer.Option(
        help="Travel: car (default), motorcycle, moped, snowmobile, boat, bicycle, walking.",
        show_default=False)] = None,
    distance_km: Annotated[str | None, typer.Option(
        help="Travel: distance one way, km (default: half the km driven).",
        show_default=False)] = None,
    travel_hours: Annotated[str | None, typer.Option(
        help="Travel: hours from departure to return, for the meal allowance.",
        show_default=False)] = None,
    departure: Annotated[str | None, typer.Option(
        help="Travel: departure, e.g. '2024-03-15 07:30'.", show_default=False)] = None,
    return_: Annotated[str | None, typer.Option(
        "--return", help="Travel: return, e.g. '2024-03-16 16:00'.", show_default=False)] = None,
    nights: Annotated[str | None, typer.Option(
        help="Travel: nights away on each trip.", show_default=False)] = None,
    nights_without_receipt: Annotated[str | None, typer.Option(
        help="Travel: of those, nights without a hotel receipt (night allowance).",
        show_default=False)] = None,
    meals: Annotated[str | None, typer.Option(
        help="Travel: meals served on each trip, e.g. 'lunsj' or '2 frokost, middag', "
             "deducted from the meal allowance.", show_default=False)] = None,
    expenses: Annotated[str | None, typer.Option(
        help="Travel: expenses of each trip (tickets, toll, parking, hotel), kr, taken as "
             "documented.", show_default=False)] = None,
    output_format: FormatWithHtmlOption = "table",
    output: ReportOutputOption = None,
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    fail_on: FailOnOption = FailOn.error,
) -> None:
    from ..budget.estimate import make_budget, plan_problems
    from ..budget.plans import MOST_REPRESENTATIVES, PlanError, read_plan, suggested_plan
    from ..domain import Attendance
    from ..parsing import parse_attendance
    from ..tables.catalogue import TableError

    choose("--format", output_format, FORMATS_WITH_HTML)
    target = html_or_workbook_output(output_format, output,
                                     others=[("plan", plan), *rate_tables_read(rates_dir)])
    if reps is not None and reps < 1:
        raise option_problem("--reps", said("budget.too_few_reps", count=reps))
    if reps is not None and reps > MOST_REPRESENTATIVES:
        raise option_problem("--reps", said("budget.too_many_reps", count=reps,
                                            limit=MOST_REPRESENTATIVES))
    attends = Attendance(read("--attendance", attendance, parse_attendance))
    on = read_date("--date", date) or dt.date.today()
    expected_lost_income = read_amount("--lost-income", lost_income)
    trip = read_trip_options({
        "km": km, "passenger_km": passenger_km, "trailer_km": trailer_km,
        "forest_road_km": forest_road_km, "vehicle": vehicle, "distance_km": distance_km,
        "travel_hours": travel_hours, "departure": departure, "return": return_,
        "nights": nights, "nights_without_receipt": nights_without_receipt,
        "meals_provided": meals, "expenses": expenses,
        # a budget plans expenses as they will be paid: against receipts
        "expenses_documented": "ja" if expenses else None})
    try:
        meetings = read_plan(plan) if plan is not None else suggested_plan()
    except PlanError as err:
        raise _first_problem("plan", err.problems) from None
    named = len(meetings.representatives)
    if reps is None:
        if not named:
            raise option_problem("--reps", said("budget.give_reps"))
        reps = named
    elif named and reps != named:
        raise option_problem("--reps", said("budget.reps_not_named", count=reps, named=named))

    name = (scheme or meetings.scheme or "").strip().lower()
    tables = catalogue(rates_dir, lang.value)
    if not name:
        raise option_problem("--scheme", said("budget.give_scheme", known=_known(tables)))
    try:
        versions = tables.fee_versions(name)
    except TableError as err:
        raise table_problem(err) from None
    if versions is None:
        raise option_problem("--scheme", unknown_scheme(name, tables.fee_scheme_names()))
    problems = plan_problems(meetings, versions.at, on)
    if problems:
        raise _first_problem("plan", problems)

    def travel_at(regulation: str, day: dt.date):
        try:
            return tables.travel_at(regulation, day)
        except TableError as err:
            raise table_problem(err) from None

    result = make_budget(meetings, name, reps, versions.at, date=on, attendance=attends,
                         lost_income=expected_lost_income, trip=trip, travel_at=travel_at)
    if output_format == "html":
        from ..render.budget.html import budget_html

        write_html(target, budget_html(result, lang.value))
    elif output_format == "xlsx":
        from ..render.budget.xlsx import write_budget

        write_workbook(target, lambda sink: write_budget(sink, result, lang.value))  # type: ignore[arg-type]
    elif output_format == "json":
        from ..render import jsonout
        from ..render.budget.json import budget as budget_json

        typer.echo(jsonout.dumps(budget_json(result, lang.value)))
    else:
        from ..render.budget.table import print_budget

        print_budget(result, lang.value)
    raise typer.Exit(exit_code([str(f.finding.severity) for f in result.findings], fail_on))


def _known(tables):
    return ", ".join(tables.fee_scheme_names()) or said("usage.none")


def _first_problem(what: str, problems) -> UsageProblem:
    first, rest = problems[0], len(problems) - 1
    if rest:
        return UsageProblem(said(f"budget.{what}_problem_and_more", problem=placed(first),
                                 count=rest))
    return UsageProblem(said(f"budget.{what}_problem", problem=placed(first)))
