"""What reading a claims file gives: a claim, or a row that could not be read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal

from ..domain import Attendance, Meeting
from ..problem import Problem


@dataclass(frozen=True, slots=True)
class Claim:
    """One row of a claims file: one representative's claim for one meeting.

    The lost income and gift claimed are `meeting.lost_income` and `meeting.gift`.
    """

    row: int  # line number in the file, header = 1
    claim_id: str
    representative: str
    group: str | None
    meeting: Meeting
    start: dt.time | None
    end: dt.time | None
    claimed_honorarium: Decimal
    submitted: dt.date | None
    # the person's number in the file (employee or resource number), when it has one
    representative_id: str | None = None
    # travel and stay claimed, all parts together; None where the file has no such column
    travel_claimed: Decimal | None = None
    # what the reader assumed or saw of the row, each a finding of its own (a hidden row, a
    # year taken from the file's other dates …): (code, values, column)
    notes: tuple[tuple[str, Mapping[str, object], str | None], ...] = ()

    @property
    def claimed_total(self) -> Decimal:
        total = self.claimed_honorarium + self.meeting.lost_income + self.meeting.gift
        return total if self.travel_claimed is None else total + self.travel_claimed


def _meeting_maker():
    """`Meeting(...)` for the reader's hot loop, built as `_claim_maker` builds a claim,
    from every field in order: a meeting of the file, so its trip (None) too."""
    setters = [getattr(Meeting, f.name).__set__ for f in fields(Meeting)]
    new = object.__new__

    def make(*values: object) -> Meeting:
        meeting = new(Meeting)
        for set_field, value in zip(setters, values, strict=True):
            set_field(meeting, value)
        return meeting

    return make


make_meeting = _meeting_maker()


def _claim_maker():
    """`Claim(...)` for the reader's hot loop: the same object, built by setting its slots
    directly, which takes half the time of the generated frozen `__init__`."""
    names = [f.name for f in fields(Claim)]
    setters = [getattr(Claim, name).__set__ for name in names]
    new = object.__new__
    (row_, id_, representative_, group_, meeting_, start_, end_, claimed_,
     submitted_, representative_id_, travel_, notes_) = setters

    def make(row: int, claim_id: str, representative: str, group: str | None,
             meeting: Meeting, start: dt.time | None, end: dt.time | None,
             claimed_honorarium: Decimal, submitted: dt.date | None,
             representative_id: str | None = None,
             travel_claimed: Decimal | None = None, notes: tuple = ()) -> Claim:
        claim = new(Claim)
        row_(claim, row)
        id_(claim, claim_id)
        representative_(claim, representative)
        group_(claim, group)
        meeting_(claim, meeting)
        start_(claim, start)
        end_(claim, end)
        claimed_(claim, claimed_honorarium)
        submitted_(claim, submitted)
        representative_id_(claim, representative_id)
        travel_(claim, travel_claimed)
        notes_(claim, notes)
        return claim

    assert len(names) == len(setters) == 12  # every field is set
    return make


make_claim = _claim_maker()


class Facts:
    """What a set of a row's repeating cells says: everything of a claim but its claim id,
    person, group and dates. A file repeats a few hundred such sets in a million rows, so
    each is read once and shared by its rows; it keeps its meetings by date (`meeting`).

    It is a value: two sets of facts that say the same are equal, whatever cells they were
    read from, so an audit's memos know a set by what it says (its hash is worked out once).
    """

    __slots__ = ("_hash", "_value", "activity", "agreement", "attendance", "claimed",
                 "documented", "end", "gift", "hours", "lost_income", "meetings",
                 "new_meeting", "scheme", "start")

    def __init__(self, scheme: str, attendance: Attendance, activity: str,
                 start: dt.time | None, end: dt.time | None, hours: Decimal | None,
                 agreement: bool | None, claimed: Decimal, lost_income: Decimal,
                 documented: bool, gift: Decimal,
                 new_meeting: Callable[[Facts, dt.date], Meeting]) -> None:
        self.scheme, self.attendance, self.activity = scheme, attendance, activity
        self.start, self.end, self.hours = start, end, hours
        self.agreement, self.claimed = agreement, claimed
        self.lost_income, self.documented, self.gift = lost_income, documented, gift
        self._value = (scheme, attendance, activity, start, end, hours, agreement, claimed,
                       lost_income, documented, gift)
        self._hash = hash(self._value)
        self.meetings: dict[dt.date, Meeting] = {}  # the meeting of these facts on a date
        # makes (and keeps, as the reader bounds them) a meeting missing from `meetings`
        self.new_meeting = new_meeting

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        return type(other) is Facts and self._value == other._value  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return self._hash

    def meeting(self, date: dt.date) -> Meeting:
        """The meeting of these facts on `date`: one object for every row that has it."""
        return self.meetings.get(date) or self.new_meeting(self, date)


@dataclass(slots=True)
class LightClaim:
    """A claim as the reader has it before anyone asks for a `Claim`: the row's own cells,
    and the `Facts` it shares with other rows. An audit checks most claims in this form,
    and makes the `Claim` (`claim()`) only for a claim that needs one."""

    row: int
    claim_id: str
    representative: str
    group: str | None
    facts: Facts
    date: dt.date
    submitted: dt.date | None
    representative_id: str | None

    def claim(self) -> Claim:
        facts = self.facts
        return make_claim(self.row, self.claim_id, self.representative, self.group,
                          facts.meeting(self.date), facts.start, facts.end, facts.claimed,
                          self.submitted, self.representative_id)


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that cannot be read: where, why, and whatever could be read of it.

    `why` is English; `key` and `params` name the same reason as a message template
    (honorar.render.messages) so that it can be shown in any language.
    """

    row: int
    column: str | None  # canonical column name
    why: str
    values: Mapping[str, str] = field(default_factory=dict)  # canonical column → text
    key: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    # False when which cell belongs to which column is unknown: more cells than the header
    # (an unquoted decimal comma shifts every cell after it), or a row that is not CSV
    cells_in_place: bool = True


@dataclass(frozen=True, slots=True)
class TotalRow:
    """A row that sums the others: a cell such as 'Sum' or 'Totalt' where the claim id or
    the name would be, and amounts. It is the file's own total, not a claim."""

    row: int
    label: str  # the word as the file writes it
    stated: Mapping[str, Decimal]  # amount column → the amount the row gives (only those given)


class RowId(str):
    """The claim id of a claim in a file without a claim-id column: its row number, as
    '#12'. It names the claim in this file only, so a ledger does not take the same row
    number of another month's file for the same claim (`paid_before` asks by person and
    meeting alone)."""

    __slots__ = ()

    @classmethod
    def of(cls, row: int) -> RowId:
        return cls(f"#{row}")


class ClaimFileError(Problem):
    """The file as a whole cannot be used (no header, unknown encoding, ambiguous dates …).

    Its text is one line that says what is wrong and, where there is one, what to do.
    """
