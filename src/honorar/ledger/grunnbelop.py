"""The grunnbeløp (G) as data: its values with the day each takes effect, and its source.

Shipped beside the rate tables in `_g/grunnbelop.yaml`. A year is measured against the G
in force from 1 May of that year (the file's `year_rule`, an assumption with its reason).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..problem import Problem, Said, ValueProblem, from_pydantic, said
from ..tables.catalogue import shipped_rates_dir
from ..tables.schema import Document, Text
from ..tables.yamldoc import Unreadable, parse, read_text

G_FOLDER = "_g"
G_FILE = "grunnbelop.yaml"
# the day of the year whose G a year is measured against (the file's year_rule says why)
YEAR_G_FROM = (5, 1)


class GError(Problem):
    """The G file cannot be used: one line, with its place."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GValue(_Strict):
    effective: dt.date
    kr: Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]


class Assumed(_Strict):
    assumption: Text
    reason: Text


class GTable(_Strict):
    document: Document
    quote: str
    values: Annotated[list[GValue], Field(min_length=1)]
    year_rule: Assumed
    note: Text | None = None

    @model_validator(mode="after")
    def _in_order(self) -> GTable:
        days = [v.effective for v in self.values]
        if days != sorted(set(days)):
            raise ValueProblem(said("ledger.g_order"))
        return self

    def on(self, day: dt.date) -> GValue | None:
        """The G in force on `day`, or None before the first."""
        found = None
        for value in self.values:
            if value.effective <= day:
                found = value
        return found

    def of_year(self, year: int) -> GValue | None:
        """The G a calendar year is measured against (in force from 1 May that year); None
        where the file has none fixed that year: an earlier year's G is no guess at it."""
        found = self.on(dt.date(year, *YEAR_G_FROM))
        return found if found is not None and found.effective.year == year else None


def read_g(path: Path | None = None) -> GTable:
    path = path or shipped_rates_dir() / G_FOLDER / G_FILE
    try:
        doc = parse(read_text(path), str(path))
    except Unreadable as err:
        raise GError(_placed(err.problem)) from None
    if doc.problems:
        raise GError(_placed(doc.problems[0]))
    try:
        return GTable.model_validate(doc.data)
    except ValidationError as err:
        first = err.errors()[0]
        line, column = doc.place(doc.resolve(tuple(first["loc"])))
        where = f"{path}:{line}:{column}" if line else str(path)
        raise GError(said("env.file", file=where, reason=from_pydantic(first))) from None


def _placed(problem) -> Said:
    """A YAML problem of the G file, with its place."""
    return said("env.file", file=problem.where(), reason=problem.said or problem.message)
