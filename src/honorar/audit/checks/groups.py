"""The recommendation of a least number of representatives at a group meeting.

Rows that share scheme, group and date are one group meeting. A table that recommends a
minimum (UNN: "minst to brukerrepresentanter") gets a finding on every row of a meeting
with fewer distinct representatives. Only the activities the recommendation is about count
(`representatives.activities`: UNN's working-group meetings and full days, not teaching at a
fagdag), and only rows that are paid: a repeat voided, a claim undecided or due nothing is
no representative at the meeting, and gets no finding. Whether a meeting has enough is known only at the
end of the file, so these findings come last, in row order, from `findings()`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from array import array
from collections.abc import Callable, Iterable, Iterator

from ...claims import Claim
from ...claims.cells import Cache
from ...domain import Finding
from ...tables.schema import RateTable
from .fingerprints import FingerprintMap
from .persons import PersonKeys, normalised_name


class GroupMeetings:
    def __init__(self, expected_rows: int = 0) -> None:
        self._meetings = FingerprintMap(expected_rows // 2)  # meeting → its number
        # per meeting: representatives still missing (≤ 0: enough), its first person and
        # row, and what a finding says of it (group as written, date, table)
        self._missing = array("i")
        self._first_person = array("q")
        self._first_row = array("i")
        # each meeting's group as written, one after another in UTF-8, and where each ends:
        # a file may name as many groups as meetings, and a str apiece costs four times more
        self._group_text = bytearray()
        self._group_end = array("q")
        self._date = array("i")
        self._table = array("i")
        self._tables: list[RateTable] = []
        self._table_index: dict[RateTable, int] = {}
        # meetings still short of people: the rows after the first (and their meetings),
        # and who came
        self._later_row = array("i")
        self._later_meeting = array("i")
        self._people: dict[int, set[int]] = {}  # meeting → persons, for minimums above two
        self._names = Cache(normalised_name)  # groups → their comparison keys
        self._persons = PersonKeys()
        self._last_written: tuple | None = None  # the last row's (scheme, group, date)
        self._last_meeting = -1

    def see(self, claim: Claim, table: RateTable | None, person: str | None = None,
            paid: bool = True) -> bool:
        """Take the claim in; whether its meeting is still short of representatives (so
        that the claim may get a finding at the end). `person` is its `person_key`, when
        known; `paid`, whether the claim is paid (anything due)."""
        meeting = claim.meeting
        return self.see_fields(claim.row, meeting.scheme, claim.group, meeting.date, table,
                               self._persons(claim) if person is None else person,
                               meeting.activity, paid)

    def see_fields(self, row: int, scheme: str, group: str | None, date: dt.date,
                   table: RateTable | None, person: str, activity: str = "meeting",
                   paid: bool = True) -> bool:
        """`see`, given the fields of a claim that it looks at, and its person."""
        if group is None or table is None or table.representatives is None or not paid:
            return False
        activities = table.representatives.activities
        if activities is not None and activity not in activities:
            return False
        # a meeting's rows mostly follow one another: the row before's meeting, if it is
        # this one, as written, is found without the map
        written = (scheme, group, date)
        if written == self._last_written:
            meeting = self._last_meeting
        else:
            meeting = self._meetings.setdefault(
                hash((scheme, self._names[group], date)), len(self._missing))
            self._last_written, self._last_meeting = written, meeting
            if meeting == len(self._missing):
                return self._open(row, group, date, table, person)
        missing = self._missing[meeting]
        if missing <= 0:
            return False
        person = hash(person)
        first = self._first_person[meeting]
        if missing == 1 and self._people.get(meeting) is None:
            new_person = person != first
        else:
            people = self._people.setdefault(meeting, {first})
            new_person = person not in people
            people.add(person)
        if new_person:
            missing -= 1
            self._missing[meeting] = missing
            if missing <= 0:
                self._people.pop(meeting, None)
                return False
        self._later_row.append(row)
        self._later_meeting.append(meeting)
        return True

    def _open(self, row: int, group: str, date: dt.date, table: RateTable, person: str
              ) -> bool:
        missing = table.representatives.minimum - 1  # type: ignore[union-attr]
        self._missing.append(missing)
        self._first_person.append(hash(person))
        self._first_row.append(row)
        self._group_text += group.encode()
        self._group_end.append(len(self._group_text))
        self._date.append(date.toordinal())
        index = self._table_index.get(table)
        if index is None:
            index = self._table_index[table] = len(self._tables)
            self._tables.append(table)
        self._table.append(index)
        return missing > 0

    def findings(self) -> Iterator[Finding]:
        """A finding for every row of a meeting with too few representatives, in row order
        (claims are taken in file order)."""
        missing = self._missing
        # meetings are numbered as their first rows come, and later rows are noted as they
        # come: both in row order, merged without a list of them all
        first = ((row, meeting) for meeting, row in enumerate(self._first_row)
                 if missing[meeting] > 0)
        later = ((row, meeting) for row, meeting in zip(self._later_row, self._later_meeting,
                                                        strict=True) if missing[meeting] > 0)
        for row, meeting in heapq.merge(first, later):
            table = self._tables[self._table[meeting]]
            minimum = table.representatives.minimum  # type: ignore[union-attr]
            yield Finding("too_few_representatives", table.severity("too_few_representatives"),
                          {"group": self._group(meeting), "count": minimum - missing[meeting],
                           "date": dt.date.fromordinal(self._date[meeting]), "minimum": minimum,
                           "scheme": table.scheme},
                          None, row, "group")

    def _group(self, meeting: int) -> str:
        start = self._group_end[meeting - 1] if meeting else 0
        return self._group_text[start:self._group_end[meeting]].decode()


def group_findings(claims: Iterable[Claim],
                   table_for: Callable[[Claim], RateTable | None]) -> list[Finding]:
    """Every too-few-representatives finding of `claims` (each taken as paid)."""
    meetings = GroupMeetings()
    for claim in claims:
        meetings.see(claim, table_for(claim))
    return list(meetings.findings())
