"""`honorar calc`: what one meeting pays, step by step, with the source of each step."""

from __future__ import annotations

from typing import Annotated

import typer

from ..problem import MESSAGE, said
from .errors import UsageProblem, option_problem, unknown_scheme
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
    read_trip_options,
    table_problem,
)

app = typer.Typer(add_completion=False, rich_markup_mode=None)

def _trip(values: dict[str, str | None], receipts: bool):
    trip = read_trip_options(values)
    if trip is None:
        if receipts:
            raise UsageProblem(said("usage.receipts_without_expenses"))
        return None
    from dataclasses import replace

    return replace(trip, expenses_documented=receipts)


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
    km: Annotated[str | None, typer.Option(
        help="Travel: km driven in own vehicle, both ways.", show_default=False)] = None,
    passenger_km: Annotated[str | None, typer.Option(
        help="Travel: passenger km, summed over the passengers (two passengers all of "
             "200 km: 400).", show_default=False)] = None,
    trailer_km: Annotated[str | None, typer.Option(
        help="Travel: of the km, driven with a trailer.", show_default=False)] = None,
    forest_road_km: Annotated[str | None, typer.Option(
        help="Travel: of the km, driven on forest or construction roads.",
        show_default=False)] = None,
    vehicle: Annotated[str | None, typer.Option(
        help="Travel: car, motorcycle, moped, snowmobile, boat, bicycle, walking (or the "
             "Norwegian word); default car.", show_default=False)] = None,
    distance_km: Annotated[str | None, typer.Option(
        help="Travel: distance one way, km (default: half the km driven).",
        show_default=False)] = None,
    travel_hours: Annotated[str | None, typer.Option(
        help="Travel: hours from departure to return.", show_default=False)] = None,
    departure: Annotated[str | None, typer.Option(
        help="Travel: departure, e.g. '2024-03-15 07:30'.", show_default=False)] = None,
    return_: Annotated[str | None, typer.Option(
        "--return", help="Travel: return, e.g. '2024-03-15 16:00'.", show_default=False)] = None,
    nights: Annotated[str | None, typer.Option(
        help="Travel: nights away.", show_default=False)] = None,
    nights_without_receipt: Annotated[str | None, typer.Option(
        help="Travel: nights without a hotel receipt (night allowance).",
        show_default=False)] = None,
    meals: Annotated[str | None, typer.Option(
        help="Travel: meals provided free, e.g. 'lunch', 'frokost,middag' or "
             "'2 frokost, middag'.",
        show_default=False)] = None,
    expenses: Annotated[str | None, typer.Option(
        help="Travel: expenses paid out (tickets, toll, parking, hotel), kr.",
        show_default=False)] = None,
    receipts: Annotated[bool, typer.Option(
        "--receipts/--no-receipts", help="Are there receipts for the expenses?")] = False,
    output_format: FormatOption = "table",
    lang: LangOption = Lang.nb,
    rates_dir: RatesDirOption = None,
    fail_on: FailOnOption = FailOn.error,
) -> None:
    from ..domain import Attendance, Meeting
    from ..parsing import hours_between, parse_activity, parse_attendance, parse_hours, parse_time
    from ..tables.catalogue import TableError

    choose("--format", output_format, TABLE_OR_JSON)
    if hours is not None and (start is not None or end is not None):
        raise UsageProblem(said("usage.hours_and_times"))
    if (start is None) != (end is None):
        raise UsageProblem(said("usage.start_without_end"))
    duration = read("--hours", hours, parse_hours)
    if start is not None:
        begins, ends = read("--start", start, parse_time), read("--end", end, parse_time)
        try:
            duration = hours_between(begins, ends)
        except ValueError as err:
            raise option_problem("--end", err) from None
    trip = _trip({"km": km, "passenger_km": passenger_km, "vehicle": vehicle,
                  "distance_km": distance_km, "travel_hours": travel_hours,
                  "departure": departure, "return": return_, "nights": nights,
                  "nights_without_receipt": nights_without_receipt, "meals_provided": meals,
                  "expenses": expenses, "trailer_km": trailer_km,
                  "forest_road_km": forest_road_km}, receipts)
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
        trip=trip,
    )
    tables = catalogue(rates_dir, lang.value)
    try:
        versions = tables.fee_versions(meeting.scheme)
    except TableError as err:
        raise table_problem(err) from None
    if versions is None:
        raise option_problem("--scheme", unknown_scheme(scheme, tables.fee_scheme_names()))

    table = versions.at(meeting.date)
    _check_activity(activity, meeting.activity, table, versions)

    from ..rules.calculation import calculate

    travel = None
    if trip is not None:
        try:
            travel = tables.travel_for(table, meeting.date)
        except TableError as err:
            raise table_problem(err) from None
    result = calculate(meeting, table, travel)
    if output_format == "json":
        from ..render import jsonout

        typer.echo(jsonout.dumps(jsonout.calculation(result, lang.value,
                                                     travel=trip is not None)))
    else:
        from ..render.calc.table import print_calculation

        print_calculation(result, lang.value)
    raise typer.Exit(exit_code([f.severity for f in result.findings], fail_on))


def _check_activity(text: str, name: str, table, versions) -> None:
    """An activity must be one the contract names or the table knows: a typo is a usage
    error, not a claim the table has no rule for."""
    from ..parsing import ACTIVITY_NAMES, activity_words
    from ..tables.catalogue import activity_names

    known = activity_names([table] if table is not None else [f.table for f in versions.files])
    if name in ACTIVITY_NAMES or name in known:
        return
    params = {"text": text.strip(), "table": table.label if table is not None else versions.scheme,
              "names": ", ".join(known), "words": ", ".join(activity_words())}
    raise UsageProblem(said(MESSAGE + "usage_unknown_activity", **params))
