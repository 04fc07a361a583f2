"""Putting the findings known only at the end into a report already written.

While a report is written, each row that may still get such a finding (a row of a group
meeting still short of representatives when the row is read) notes where it ends (in
characters, or in bytes for a report written as bytes) and whether it has findings
already. At the end the late findings, in row order, become text put in at those places.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from typing import Any

from ...domain import Finding


class LatePlaces:
    def __init__(self) -> None:
        self._rows = array("i")
        self._offsets = array("q")  # from the start of the report
        self._has_findings = array("b")

    def note(self, row: int, offset: int, has_findings: bool) -> None:
        self._rows.append(row)
        self._offsets.append(offset)
        self._has_findings.append(has_findings)

    def insertions(self, late: Iterator[Finding],
                   text: Callable[[list[Finding], bool], Any]) -> Iterator[tuple[int, Any]]:
        """(offset, text) for every noted row with late findings; takes all of `late`."""
        rows, index, count = self._rows, 0, len(self._rows)
        pending = next(late, None)
        while pending is not None:
            row = pending.row or 0
            findings = []
            while pending is not None and pending.row == row:
                findings.append(pending)
                pending = next(late, None)
            while index < count and rows[index] < row:
                index += 1
            if index < count and rows[index] == row:
                yield self._offsets[index], text(findings, bool(self._has_findings[index]))
