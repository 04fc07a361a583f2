"""What a working group costs before it starts: a plan of meetings priced by the engine.

Pure: a plan, the number of representatives and a way to find the table in force on a date
go in; a `Budget` comes out. Each meeting is `engine.calculate` for one representative,
times the number of representatives, so a budget follows exactly the rules `calc` follows.
What the budget takes for granted (everyone attends, a written agreement, documented lost
income) is stated among its assumptions, each with its source where the table gives one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..domain import ZERO, Attendance, Calculation, Finding, Meeting, Source, Trip
from ..money import to_øre
from ..problem import ValueProblem, said
from ..rules.calculation import calculate
from ..tables.schema import Cited, RateTable
from ..tables.travel_schema import TravelTable
from ..tables.yamldoc import Problem
from .plans import Plan, PlannedMeeting

TableAt = Callable[[dt.date], RateTable | None]
# the travel table of a regulation in force on a date (None: none is)
TravelAt = Callable[[str, dt.date], TravelTable | None]


@dataclass(frozen=True, slots=True)
class Note:
    """An assumption of a budget; `key` names its message template."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class BudgetFinding:
    """A finding, and the number of the plan meeting it belongs to (None: the whole plan)."""

    finding: Finding
    meeting: int | None = None


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One planned meeting: what one representative is paid, and what all of them are."""

    meeting: PlannedMeeting
    date: dt.date
    attendance: Attendance
    calculation: Calculation
    reps: int
    travels: bool = False  # whether a trip is given to it (in person, or its own when remote)
    # each representative's calculation, in the plan's order, where their trips differ
    # (the plan names representatives with trips of their own); else empty: all alike
    each: tuple[Calculation, ...] = ()

    def _all(self, amount: Decimal | None) -> Decimal | None:
        return None if amount is None else to_øre(amount * self.reps)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings of every representative's calculation, each once, in the plan's
        order: a meeting whose trips differ says why any one of them is undecided."""
        said: list[Finding] = []
        for calc in self.each or (self.calculation,):
            for f in calc.findings:
                if f not in said:
                    said.append(f)
        return tuple(said)

    @property
    def version(self) -> str | None:
        return self.calculation.version

    @property
    def honorarium_all(self) -> Decimal | None:
        return self._all(self.calculation.honorarium)

    @property
    def lost_income_all(self) -> Decimal | None:
        return self._all(self.calculation.lost_income)

    @property
    def travel(self) -> Decimal | None:
        """Travel for one representative: 0 for a meeting nobody travels to; where the
        representatives' trips differ, their average (`travel_each` gives each one's)."""
        if not self.travels:
            return to_øre(ZERO)
        if self.each:
            everyone = self.travel_all
            return None if everyone is None else to_øre(everyone / self.reps)
        return self.calculation.travel

    @property
    def travel_each(self) -> tuple[Decimal | None, ...]:
        """Each representative's travel, in order."""
        if not self.travels:
            return (to_øre(ZERO),) * self.reps
        if self.each:
            return tuple(c.travel for c in self.each)
        return (self.calculation.travel,) * self.reps

    @property
    def travel_all(self) -> Decimal | None:
        if self.each and self.travels:
            return sum_or_none(c.travel for c in self.each)
        return self._all(self.travel)

    @property
    def total(self) -> Decimal | None:
        """The total for one representative; where their trips differ, the average."""
        if self.each:
            everyone = self.total_all
            return None if everyone is None else to_øre(everyone / self.reps)
        return self.calculation.total

    @property
    def total_all(self) -> Decimal | None:
        if self.each:
            return sum_or_none(c.total for c in self.each)
        return self._all(self.calculation.total)


@dataclass(frozen=True, slots=True)
class Budget:
    scheme: str
    reps: int
    date: dt.date  # the date of every meeting the plan gives no date
    attendance: Attendance  # the attendance of every meeting the plan gives none
    lost_income: Decimal  # expected per representative per meeting
    plan: Plan
    lines: tuple[BudgetLine, ...]
    findings: tuple[BudgetFinding, ...]
    assumptions: tuple[Note, ...]
    trip: Trip | None = None  # each representative's trip to each meeting

    @property
    def has_travel(self) -> bool:
        """Whether the budget costs travel: trip options given, or trips in the plan."""
        return self.trip is not None or any(m.trip is not None for m in self.plan.meetings) \
            or any(r.trip is not None for r in self.plan.representatives)

    @property
    def versions(self) -> tuple[str, ...]:
        """The table versions used, in the order the meetings first use them."""
        return tuple(dict.fromkeys(v for line in self.lines if (v := line.version)))

    @property
    def version(self) -> str | None:
        return self.versions[0] if self.versions else None

    @property
    def honorarium_total(self) -> Decimal | None:
        return sum_or_none(line.honorarium_all for line in self.lines)

    @property
    def lost_income_total(self) -> Decimal | None:
        return sum_or_none(line.lost_income_all for line in self.lines)

    @property
    def travel_total(self) -> Decimal | None:
        return sum_or_none(line.travel_all for line in self.lines)

    @property
    def total(self) -> Decimal | None:
        return sum_or_none(line.total_all for line in self.lines)


def sum_or_none(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when any part is undecided: a budget is never quietly too low."""
    values = list(amounts)
    if any(v is None for v in values):
        return None
    return sum(values, ZERO)  # type: ignore[arg-type]


def plan_problems(plan: Plan, table_at: TableAt, date: dt.date) -> list[Problem]:
    """Activities the table in force for a meeting neither pays nor names as never payable.

    Such an activity is a typing mistake or something the scheme has no rule for; either
    way the plan cannot be costed, and the place in the plan file says where to look.
    """
    problems: list[Problem] = []
    for meeting in plan.meetings:
        table = table_at(meeting.date or date)
        if table is None or meeting.occurrence > 1:  # repeats of an entry are checked once
            continue
        known = [*table.activities, *table.not_payable]
        if meeting.activity not in known:
            message = said("plan.field", field=said("plan.meeting", number=meeting.entry),
                           reason=said("plan.activity_not_in_table", activity=meeting.activity,
                                       table=table.label, known=", ".join(known)))
            problems.append(Problem(plan.file, meeting.activity_line, meeting.activity_column,
                                    str(message), message))
    return problems


def make_budget(plan: Plan, scheme: str, reps: int, table_at: TableAt, *, date: dt.date,
                attendance: Attendance = Attendance.PHYSICAL,
                lost_income: Decimal = ZERO, trip: Trip | None = None,
                travel_at: TravelAt | None = None) -> Budget:
    """Price every meeting of `plan` for `reps` representatives under `scheme`; with a
    `trip`, each representative's travel to each meeting too, at the travel rates in force
    on the meeting's date (`travel_at`)."""
    if reps < 1:
        raise ValueProblem(said("budget.no_reps"))
    if plan.representatives and len(plan.representatives) != reps:
        raise ValueProblem(said("budget.plan_names_other", named=len(plan.representatives),
                                count=reps))
    lines: list[BudgetLine] = []
    findings: list[BudgetFinding] = []
    tables: dict[str, RateTable] = {}
    outdated: dict[object, BudgetFinding] = {}  # the table's label → its finding
    for planned in plan.meetings:
        on = planned.date or date
        attends = planned.attendance or attendance
        table = table_at(on)
        if table is not None:
            tables.setdefault(table.version, table)
        # each representative's trip: the meeting's, else the representative's own (the
        # plan's), else the one of the command line; a meeting by phone or video is
        # attended from home: no travel, unless the meeting gives a trip of its own (to a
        # video room, say), which is then left for a person (`travel_for_remote_meeting`)
        trips = [planned.trip or r.trip or trip for r in plan.representatives] or [
            planned.trip or trip]
        if attends != Attendance.PHYSICAL:
            trips = [planned.trip] * len(trips)
        travel = None
        if any(trips) and table is not None and table.travel is not None \
                and travel_at is not None:
            travel = travel_at(table.travel.table, on)
        calcs: dict[Trip | None, Calculation] = {}
        for one in trips:
            if one not in calcs:
                meeting = Meeting(scheme=scheme, date=on, attendance=attends,
                                  activity=planned.activity, hours=planned.hours,
                                  agreement=True, lost_income=lost_income,
                                  lost_income_documented=True, trip=one)
                calcs[one] = calculate(meeting, table, travel)
        calc = calcs[trips[0]]
        each = tuple(calcs[one] for one in trips) if len(calcs) > 1 else ()
        line = BudgetLine(planned, on, attends, calc, reps, any(trips), each)
        lines.append(line)
        for f in line.findings:
            if f.code != "rates_may_be_outdated":
                findings.append(BudgetFinding(f, planned.number))
            elif f.params["table"] not in outdated:  # said once per version, for the plan
                outdated[f.params["table"]] = BudgetFinding(f)
    findings.extend(outdated.values())
    findings.extend(BudgetFinding(f) for f in _representatives(tables.values(), reps))
    notes = _assumptions(plan, scheme, reps, date, attendance, lost_income, tables.values(),
                         trip)
    return Budget(scheme, reps, date, attendance, lost_income, plan, tuple(lines),
                  tuple(findings), notes, trip)


def _travel_notes(trip: Trip | None, tables: Iterable[RateTable],
                  plan: Plan | None = None) -> list[Note]:
    """What the travel in a budget takes for granted."""
    notes = []
    for table in tables:
        if table.travel is not None:
            notes.append(Note("budget_travel_rules", {"table": table.label,
                                                       "regulation": table.travel.table},
                              _source(table, table.travel)))
    if plan is not None:  # the plan gives trips per meeting or per representative
        notes.append(Note("budget_travel_from_plan", {"file": plan.file}))
        notes.append(Note("budget_travel_in_person"))
        return notes
    assert trip is not None
    notes.append(Note("budget_travel_km", {"km": trip.km}) if trip.km
                 else Note("budget_travel_no_km"))
    notes.append(Note("budget_travel_in_person"))
    if trip.nights:
        notes.append(Note("budget_travel_nights", {"nights": trip.nights}))
    if trip.hours is not None:
        notes.append(Note("budget_travel_hours", {"hours": trip.hours}))
    else:
        notes.append(Note("budget_travel_no_hours"))
    if trip.meals:
        notes.append(Note("budget_travel_meals", {"meals": trip.meals}))
    notes.append(Note("budget_travel_not_included"))
    return notes


def _representatives(tables: Iterable[RateTable], reps: int) -> list[Finding]:
    findings: dict[int, Finding] = {}
    for table in tables:
        rule = table.representatives
        if rule is not None and reps < rule.minimum and rule.minimum not in findings:
            findings[rule.minimum] = Finding(
                "too_few_representatives", table.severity("too_few_representatives"),
                {"count": reps, "minimum": rule.minimum, "table": table.label},
                key="too_few_representatives_planned")
    return list(findings.values())


def _source(table: RateTable, cited: Cited | None) -> Source | None:
    if cited is None:
        return None
    return Source(table.document.short, cited.quote, cited.assumption, cited.reason)


def _assumptions(plan: Plan, scheme: str, reps: int, date: dt.date, attendance: Attendance,
                 lost_income: Decimal, tables: Iterable[RateTable],
                 trip: Trip | None = None) -> tuple[Note, ...]:
    notes: list[Note] = []
    if plan.document is not None:
        notes.append(Note("budget_plan_from_source",
                          {"plan": plan.name or {"": plan.document.title},
                           "document": plan.document.short, "scheme": scheme},
                          Source(plan.document.short, plan.quote) if plan.quote else None))
    else:
        notes.append(Note("budget_plan_from_file", {"file": plan.file}))
    notes.append(Note("budget_everyone_attends", {"reps": reps, "meetings": len(plan.meetings)}))
    if any(m.attendance is None for m in plan.meetings):
        notes.append(Note("budget_attendance", {"attendance": attendance}))
    if any(m.date is None for m in plan.meetings):
        notes.append(Note("budget_date", {"date": date}))
    if any(m.date is not None for m in plan.meetings):
        notes.append(Note("budget_own_date"))
    for table in tables:
        label = table.label
        if table.agreement is not None and table.agreement.required:
            notes.append(Note("budget_agreement_required", {"table": label},
                              _source(table, table.agreement)))
        else:
            notes.append(Note("budget_agreement", {"table": label}))
        if lost_income:
            rule = table.lost_income
            notes.append(Note("budget_lost_income", {"lost_income_kr": lost_income},
                              _source(table, rule.documentation_required)))
            if rule.cap.kr is None:
                notes.append(Note("budget_lost_income_no_cap", {"table": label},
                                  _source(table, rule.cap)))
            else:
                notes.append(Note("budget_lost_income_cap", {"table": label, "cap_kr": rule.cap.kr},
                                  _source(table, rule.cap)))
        rule = table.representatives
        if rule is None:
            notes.append(Note("budget_no_representatives_rule", {"table": label}))
        else:
            notes.append(Note("budget_representatives_rule",
                              {"table": label, "minimum": rule.minimum}, _source(table, rule)))
    if not lost_income:
        notes.append(Note("budget_no_lost_income"))
    trips = [r for r in plan.representatives if r.trip is not None]
    if any(m.trip is not None for m in plan.meetings) or trips:
        notes += _travel_notes(trip, tables, plan)
    elif trip is None:
        notes.append(Note("budget_not_included"))
    else:
        notes += _travel_notes(trip, tables)
    unique: list[Note] = []  # two versions often say the same; say it once
    for note in notes:
        if note not in unique:
            unique.append(note)
    return tuple(unique)
