"""One row of a claims file, as texts, into a `Claim`, an `InvalidRow` or a `TotalRow`.

The same row reader serves a CSV file and a workbook (whose typed cells are first written
as the texts a CSV file would hold), so every claim, finding and report is the same
whichever way the file came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from decimal import Decimal
from operator import itemgetter
from typing import Any

from .. import memo
from ..domain import Meeting, Trip
from ..parsing import hours_between
from . import cells as C
from .columns import TRAVEL_COLUMNS, ClaimMapping
from .records import (
    Claim,
    Facts,
    InvalidRow,
    LightClaim,
    RowId,
    TotalRow,
    make_claim,
    make_meeting,
)
from .sniff import (
    Header,
)
from .totals import total_row_reader

ONE_MINUTE = Decimal(1) / 60
_NO_TRIP = Trip()


def cell_values(header: Header, cells: list[str]) -> dict[str, str]:
    return {column: cells[i].strip() for column, i in header.columns.items()
            if i < len(cells) and cells[i].strip()}


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _in_column(column: str, read: C.Cache, text: str) -> Any:
    """`read[text]`, with a cell error naming `column`: the three cells of a span are read
    together, so the column in force in the caller is not the one at fault."""
    try:
        return read[text]
    except C.CellError as err:
        err.params["column"] = column
        raise


_ReadRow = Callable[[list[str], int], Any]


def row_reader(header: Header, mapping: ClaimMapping, slash_order: str | None,
                dot_order: str, activity_names: Collection[str] | None = None, *,
                year: int | None = None, order_assumed: bool = False,
                scheme: str | None = None, row_ids: bool = False
                ) -> tuple[_ReadRow, _ReadRow]:
    """Two functions that read one row's cells, built once per file, for speed: one gives
    a `Claim` (or an `InvalidRow`, or a `TotalRow`), the other a `LightClaim` where it can."""
    width = len(header.cells)
    blank = width  # absent optional columns read the blank cell appended to every row
    col = header.columns
    i_id, i_rep, i_scheme = col.get("claim_id", blank), col["representative"], \
        col.get("scheme", blank)
    i_date, i_attendance, i_claimed = col["date"], col["attendance"], col["claimed_honorarium"]
    i_group, i_person = col.get("group", blank), col.get("representative_id", blank)
    i_start, i_end, i_hours = col.get("start", blank), col.get("end", blank), col.get("hours", blank)
    i_activity, i_agreement = col.get("activity", blank), col.get("agreement", blank)
    i_lost, i_documented = col.get("lost_income", blank), col.get("lost_income_documented", blank)
    i_gift, i_submitted = col.get("gift", blank), col.get("submitted", blank)

    schemes = C.Cache(C.scheme(mapping.schemes, scheme))
    dates = C.Cache(C.date_reader(slash_order, dot_order, True, year, order_assumed))
    submitted_dates = C.Cache(C.date_reader(slash_order, dot_order, False, year,
                                            order_assumed))
    attendances = C.Cache(C.attendance(mapping.attendance))
    activities = C.Cache(C.activity(mapping.activity, activity_names))
    agreements = C.Cache(C.yes_no(mapping.yes_no, blank=None))
    documented = C.Cache(C.yes_no(mapping.yes_no, blank=False))
    amounts = C.Cache(C.amount)
    times = C.Cache(C.time)
    hour_counts = C.Cache(C.hours)

    def span(key: tuple[str, str, str]) -> tuple[dt.time | None, dt.time | None, Decimal | None]:
        start_text, end_text, hours_text = key
        start = _in_column("start", times, start_text)
        end = _in_column("end", times, end_text)
        hours = _in_column("hours", hour_counts, hours_text)
        if start is None and end is None:
            return None, None, hours
        if end is None:
            raise C.CellError("cell_start_without_end", "a start time needs an end time",
                              column="end")
        if start is None:
            raise C.CellError("cell_end_without_start", "an end time needs a start time",
                              column="start")
        try:
            length = hours_between(start, end)
        except ValueError as err:
            raise C.CellError("cell_end_not_after_start", str(err), column="end",
                              start=_hhmm(start), end=_hhmm(end)) from None
        if hours is not None and abs(hours - length) > ONE_MINUTE:
            raise C.CellError("cell_hours_mismatch",
                              f"{hours} hours do not match {_hhmm(start)}–{_hhmm(end)}",
                              column="hours", hours=hours, start=_hhmm(start), end=_hhmm(end))
        return start, end, length

    spans = C.Cache(span)

    def invalid(cells: list[str], row: int, column: str | None, err: C.CellError) -> InvalidRow:
        params = dict(err.params)
        column = params.pop("column", column)
        return InvalidRow(row, column, str(err), cell_values(header, cells), err.key, params)

    def read_in_order(cells: list[str], row: int) -> Claim | InvalidRow:
        """The row read cell by cell in the order of the columns, so that a row with more
        than one unreadable cell is reported at the first. `cells` ends with the blank."""
        column = "claim_id"
        try:
            claim_id = RowId.of(row) if row_ids else cells[i_id].strip()
            if not claim_id:
                raise C.CellError("cell_empty", "is empty")
            column = "representative"
            representative = cells[i_rep].strip()
            if not representative:
                raise C.CellError("cell_empty", "is empty")
            column = "scheme"
            scheme = schemes[cells[i_scheme]]
            column = "date"
            date = dates[cells[i_date]]
            column = "attendance"
            attendance = attendances[cells[i_attendance]]
            column = "activity"
            activity = activities[cells[i_activity]]
            column = "start"
            start, end, hours = spans[(cells[i_start], cells[i_end], cells[i_hours])]
            column = "agreement"
            agreement = agreements[cells[i_agreement]]
            column = "claimed_honorarium"
            claimed = amounts[cells[i_claimed]]
            column = "lost_income"
            lost_income = amounts[cells[i_lost]]
            column = "lost_income_documented"
            is_documented = documented[cells[i_documented]]
            column = "gift"
            gift = amounts[cells[i_gift]]
            column = "submitted"
            submitted = submitted_dates[cells[i_submitted]]
        except C.CellError as err:
            del cells[width:]
            return invalid(cells, row, column, err)
        group = cells[i_group].strip() or None
        notes: tuple = ()
        if date.__class__ is not dt.date:  # read on an assumption the row's finding says
            notes += ((*date.note, "date"),)
            date = date.plain()
        if submitted is not None and submitted.__class__ is not dt.date:
            notes += ((*submitted.note, "submitted"),)
            submitted = submitted.plain()
        meeting = Meeting(scheme, date, attendance, activity, hours, agreement, lost_income,
                          is_documented, gift)
        return make_claim(row, claim_id, representative, group, meeting, start, end, claimed,
                          submitted, cells[i_person].strip() or None, None, notes)

    # Apart from the claim id, the person, the group and the dates, the cells of a row
    # repeat through a file: a few hundred distinct sets in a million rows. They are read
    # together, once for each set, into `_Facts`; a set with a cell that cannot be read is
    # None, and its rows are read in order to say which cell.
    facts_cells = itemgetter(i_scheme, i_attendance, i_activity, i_start, i_end, i_hours,
                             i_agreement, i_claimed, i_lost, i_documented, i_gift)
    made = [0]  # meetings kept by the sets of facts, together

    # identical rows share their meeting (the audit prices a meeting once): each set of
    # facts keeps its meetings by date, as many in all as a cache of cells holds
    def meeting_of(facts: Facts, date: dt.date) -> Meeting:
        if made[0] >= C.CACHE_LIMIT or not memo.ON:
            for kept in facts_of.values():
                if kept is not None:
                    kept.meetings.clear()
            made[0] = 0
        made[0] += 1
        meeting = facts.meetings[date] = make_meeting(
            facts.scheme, date, facts.attendance, facts.activity, facts.hours, facts.agreement,
            facts.lost_income, facts.documented, facts.gift, None)
        return meeting

    def read_facts(raw: tuple[str, ...]) -> Facts | None:
        (scheme, attendance, activity, start, end, hours, agreement, claimed, lost_income,
         is_documented, gift) = raw
        try:
            return Facts(schemes[scheme], attendances[attendance], activities[activity],
                         *spans[(start, end, hours)], agreements[agreement], amounts[claimed],
                         amounts[lost_income], documented[is_documented], amounts[gift],
                         meeting_of)
        except C.CellError:
            return None

    facts_of = C.Cache(read_facts)

    as_total = total_row_reader(header)

    def unread(cells: list[str], row: int) -> Claim | InvalidRow | TotalRow:
        """A row the quick way could not read: a claim after all, a row that cannot be
        read, or the file's own total."""
        result = read_in_order(cells, row)
        if type(result) is InvalidRow:
            return as_total(cells, row) or result
        return result

    def read_light(cells: list[str], row: int) -> LightClaim | Claim | InvalidRow | TotalRow:
        if len(cells) != width:
            if len(cells) < width or any(c.strip() for c in cells[width:]):
                why = f"has {len(cells)} cells where the header has {width}"
                short = len(cells) < width
                return (short and as_total(cells, row)) or InvalidRow(
                    row, None, why, cell_values(header, cells), "row_cells",
                    {"count": len(cells), "expected": width}, cells_in_place=short)
            del cells[width:]
        cells.append("")
        claim_id = RowId.of(row) if row_ids else cells[i_id].strip()
        representative = cells[i_rep].strip()
        facts = facts_of[facts_cells(cells)]
        if facts is None or not claim_id or not representative:
            return unread(cells, row)
        try:
            date = dates[cells[i_date]]
            submitted = submitted_dates[cells[i_submitted]]
        except C.CellError:
            return unread(cells, row)
        if date.__class__ is not dt.date or (submitted is not None
                                             and submitted.__class__ is not dt.date):
            return unread(cells, row)  # a date read on an assumption: the claim says it
        return LightClaim(row, claim_id, representative, cells[i_group].strip() or None, facts,
                          date, submitted, cells[i_person].strip() or None)

    def read_row(cells: list[str], row: int) -> Claim | InvalidRow | TotalRow:
        read = read_light(cells, row)
        return read.claim() if type(read) is LightClaim else read

    if not any(c in col for c in TRAVEL_COLUMNS):
        return read_row, read_light
    # a claim with travel is read in full: its trip is no part of its facts
    read_row = _with_travel(read_row, header, mapping, slash_order or "dmy")
    return read_row, read_row


def _with_travel(read_row: Callable[[list[str], int], Claim | InvalidRow], header: Header,
                 mapping: ClaimMapping, date_order: str
                 ) -> Callable[[list[str], int], Claim | InvalidRow]:
    """`read_row`, and the row's travel columns into the meeting's trip and the travel
    claimed (a file without travel columns is read by `read_row` alone)."""
    from dataclasses import replace

    from ..tripinput import TRIP_COLUMNS, TripError, read_trip

    blank = len(header.cells)
    col = header.columns
    trip_cells = itemgetter(*(col.get(c, blank) for c in TRIP_COLUMNS))
    i_claimed = col.get("travel_claimed")
    documented = C.yes_no(mapping.yes_no, blank=False)
    amounts = C.Cache(C.amount)

    def trip_of(raw: tuple[str, ...]):
        return read_trip(dict(zip(TRIP_COLUMNS, raw, strict=True)), date_order, documented)

    trips = C.Cache(trip_of)  # raw trip cells → their Trip, or None for no trip
    # (the meeting read, the trip) → the meeting with the trip: one object for rows alike
    meetings: dict[tuple[Meeting, Trip], Meeting] = {}

    def with_trip(base: Meeting, trip: Trip) -> Meeting:
        key = (base, trip)
        meeting = meetings.get(key)
        if meeting is not None:
            return meeting
        if len(meetings) >= C.CACHE_LIMIT or not memo.ON:
            meetings.clear()
        meeting = meetings[key] = replace(base, trip=trip)
        return meeting

    def read_with_travel(cells: list[str], row: int) -> Claim | InvalidRow:
        result = read_row(cells, row)
        if type(result) is not Claim:
            return result
        raw = trip_cells(cells)
        try:
            trip = trips[raw]
            claimed = None if i_claimed is None else _in_column(
                "travel_claimed", amounts, cells[i_claimed])
        except TripError as err:
            return InvalidRow(row, err.column, str(err), cell_values(header, cells), err.key,
                              dict(err.params))
        except C.CellError as err:
            params = dict(err.params)
            column = params.pop("column", "travel_claimed")
            return InvalidRow(row, column, str(err), cell_values(header, cells), err.key, params)
        if trip is None and claimed:
            trip = _NO_TRIP  # travel claimed without a word of the trip: nothing is due
        meeting = result.meeting if trip is None else with_trip(result.meeting, trip)
        return make_claim(result.row, result.claim_id, result.representative, result.group,
                          meeting, result.start, result.end, result.claimed_honorarium,
                          result.submitted, result.representative_id, claimed, result.notes)

    return read_with_travel
