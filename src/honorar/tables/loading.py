"""One rate table file read and validated: every problem in it raised together, each at
its line and column."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..problem import Said, from_pydantic, said
from .schema import RateTable
from .yamldoc import Problem, Unreadable, parse, problem, read_text

if TYPE_CHECKING:
    from .tax_free_schema import TaxFreeTable
    from .travel_schema import TravelTable

    AnyTable = RateTable | TravelTable | TaxFreeTable


class TableError(Exception):
    """A rate table that cannot be used; carries every problem found in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def read_table(path: Path, *, text: str | None = None) -> AnyTable:
    """Load and validate one table file; every problem in it is raised together.

    A file with a `regulation` key is a travel table (`TravelTable`; `regulation: tax-free`,
    Skatteetaten's tax-free rates, a `TaxFreeTable`), any other a scheme's fee table
    (`RateTable`)."""
    name = str(path)
    if text is None:
        try:
            text = read_text(path)
        except Unreadable as err:
            raise TableError([err.problem]) from None
    doc = parse(text, name)
    problems = list(doc.problems)
    if doc.data is None and not problems:
        problems.append(problem(name, None, None, said("file.empty")))
    if problems and doc.data is None:
        raise TableError(problems)
    if not isinstance(doc.data, dict):
        raise TableError([*problems, problem(name, 1, 1, said("table.not_mapping"))])
    try:
        if doc.data.get("regulation") == "tax-free":
            from .tax_free_schema import TaxFreeTable as model
        elif "regulation" in doc.data:
            from .travel_schema import TravelTable as model  # type: ignore[assignment]
        else:
            model = RateTable  # type: ignore[assignment]
        table = model.model_validate(doc.data)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            # a model's own check may name the part at fault (models.problem_at)
            loc = (*error["loc"], *(error.get("ctx") or {}).get("at", ()))
            line, column = doc.place(loc)
            known = doc.resolve(loc)
            # a missing key is named by the location beyond what the file has
            missing = loc[len(known):] if error["type"] == "missing" else ()
            where = ".".join(str(part) for part in (*known, *missing[-1:]))
            reason = from_pydantic(error)
            hint = _comma_hint(doc.data, loc)
            if hint is not None:
                reason = said("table.with_hint", reason=reason, hint=hint)
            problems.append(problem(name, line, column, said("table.at", where=where, reason=reason)
                                    if where else reason))
        raise TableError(problems) from None
    if problems:
        raise TableError(problems)
    return table


_DECIMAL_COMMA = re.compile(r"\s*(\d+),(\d{1,2})\s*")


def _comma_hint(data: object, loc: tuple) -> Said | None:
    """A hint where an amount is written with a decimal comma: `kr: 420,50` is the text
    '420,50' in a block, and in braces (`{kr: 420,50, …}`) the amount 420 and a key 50."""
    value = _value_at(data, loc)
    if isinstance(value, str):
        match = _DECIMAL_COMMA.fullmatch(value)
        if match:
            return said("table.decimal_comma", value=f"{match[1]}.{match[2]}")
        return None
    if loc and isinstance(loc[-1], int | str) and str(loc[-1]).isdigit() \
            and len(str(loc[-1])) <= 2:
        parent = _value_at(data, loc[:-1])
        if isinstance(parent, dict):
            whole = next((v for k, v in parent.items() if isinstance(v, int)
                          and not isinstance(v, bool)), None)
            if whole is not None:
                return said("table.decimal_comma_in_braces", value=f"{whole}.{loc[-1]}")
    return None


def _value_at(data: object, loc: tuple) -> object:
    """The value of the file at a problem's location; a part the file does not have (the
    name of a rule pydantic tells its kinds apart by) is passed over."""
    for part in loc:
        if isinstance(data, dict):
            keys = (part, str(part)) if not isinstance(part, str) else \
                (part, int(part)) if part.isdigit() else (part,)
            key = next((k for k in keys if k in data), None)
            if key is not None:
                data = data[key]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
