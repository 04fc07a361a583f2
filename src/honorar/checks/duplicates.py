"""Claims paid twice: the same claim id again, or the same person at the same meeting again.

A claim id seen before is a duplicate of the row that had it first. The same person
(`persons.person_key`: the representative id, else the name) on the same date is at the
same meeting when both rows give times and the times overlap (two meetings on one day, one
after the other, are fine), or when neither row gives times and both name the same group.
Only the later row gets the finding, naming the earlier one.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable

from ..claims import Claim
from ..claims.cells import Cache
from ..models import Finding, RateTable
from .fingerprints import FingerprintMap
from .persons import PersonKeys, normalised_name
from .rows import NONE, severity

_DAY = 86_400  # seconds; a span is start * _DAY + end
_NO_GROUP = -1


def span_of(start: dt.time | None, end: dt.time | None, group: str | None, names: Cache
            ) -> int:
    """A claim's times as one number (≥ 0), or, without times, its group (< 0)."""
    if start is not None and end is not None:
        return ((start.hour * 3600 + start.minute * 60 + start.second) * _DAY
                + end.hour * 3600 + end.minute * 60 + end.second)
    if not group:
        return _NO_GROUP
    return -2 - (hash(names[group]) & 0x3FFF_FFFF_FFFF_FFFF)


def same_meeting(a: int, b: int) -> bool:
    if a >= 0 and b >= 0:
        return a // _DAY < b % _DAY and b // _DAY < a % _DAY
    return a == b and a != _NO_GROUP


class DuplicateClaims:
    """Feed claims in file order to `see`; it answers with each one's duplicate findings."""

    def __init__(self, expected_rows: int = 0) -> None:
        self._first_row = FingerprintMap(expected_rows)  # claim id → first row with it
        self._latest = FingerprintMap(expected_rows)  # (person, date) → latest entry
        # one entry a claim: its span, row, and the entry before it of the same person
        # and date (-1: none)
        self._span = array("q")
        self._row = array("i")
        self._before = array("i")
        self._names = Cache(normalised_name)  # groups → their comparison keys
        self._persons = PersonKeys()
        self._spans: dict[tuple, int] = {}

    def see(self, claim: Claim, table: RateTable | None, person: str | None = None
            ) -> tuple[Finding, ...]:
        """The claim's duplicate findings; `person` is its `person_key`, when known."""
        return self.see_fields(claim.row, claim.claim_id, claim.representative, claim.group,
                               claim.meeting.date, claim.start, claim.end, table,
                               self._persons(claim) if person is None else person)

    def see_fields(self, row: int, claim_id: str, representative: str, group: str | None,
                   date: dt.date, start: dt.time | None, end: dt.time | None,
                   table: RateTable | None, person: str) -> tuple[Finding, ...]:
        """`see`, given the fields of a claim that it looks at, and its person."""
        found = NONE
        same_id = self._first_row.setdefault(hash(claim_id), row)
        if same_id != row:
            found = (Finding("duplicate_claim", severity(table, "duplicate_claim"),
                             {"other_row": str(same_id)}, None, row, "claim_id"),)
        else:
            same_id = 0

        times = (start, end)
        span = self._spans.get(times)  # a file has few distinct meeting times
        if span is None:
            span = span_of(start, end, group, self._names)
            if start is not None and end is not None and len(self._spans) < 10_000:
                self._spans[times] = span
        rows = self._row
        entry = len(rows)
        previous = self._latest.swap(hash((person, date)), entry)
        self._span.append(span)
        rows.append(row)
        self._before.append(previous)
        if previous < 0:  # the person's first claim this date: the common case
            return found
        other = 0
        spans, before = self._span, self._before
        while previous >= 0:  # every earlier claim of the person that day; the earliest wins
            if same_meeting(span, spans[previous]):
                other = rows[previous]
            previous = before[previous]
        if other and other != same_id:
            params = {"representative": representative, "date": date,
                      "other_row": str(other)}
            key = "duplicate_meeting"
            if span < 0:  # no times: the same group that day is what makes it one meeting
                params["group"] = group
                key = "duplicate_meeting_group"
            found += (Finding("duplicate_claim", severity(table, "duplicate_claim"), params, key,
                              row, "representative"),)
        return found


def duplicate_findings(claims: Iterable[Claim], table: RateTable | None = None) -> list[Finding]:
    """Every duplicate finding of `claims`, taken in order."""
    seen = DuplicateClaims()
    return [f for claim in claims for f in seen.see(claim, table)]
