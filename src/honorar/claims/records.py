"""What reading a claims file gives: a claim, or a row that could not be read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal

from ..models import Meeting


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
     submitted_, representative_id_, travel_) = setters

    def make(row: int, claim_id: str, representative: str, group: str | None,
             meeting: Meeting, start: dt.time | None, end: dt.time | None,
             claimed_honorarium: Decimal, submitted: dt.date | None,
             representative_id: str | None = None,
             travel_claimed: Decimal | None = None) -> Claim:
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
        return claim

    assert len(names) == len(setters) == 11  # every field is set
    return make


make_claim = _claim_maker()


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


class ClaimFileError(Exception):
    """The file as a whole cannot be used (no header, unknown encoding, ambiguous dates …).

    Its text is one line that says what is wrong and, where there is one, what to do.
    """
