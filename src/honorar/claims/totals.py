"""A file's own total: the row at the foot of a sheet that sums the claims above it.

Sheets made by hand or exported from Excel often end with a row such as
`;Sum;;;;;;;12 345,00`. It cannot be read as a claim, and it is not a broken claim either:
it is what the file says its claims add up to, which the audit holds against its own sum.

A row is such a total when (a) it could not be read as a claim, (b) one of its cells is a
word for a total (`Sum`, `Total`, `Totalt`, `Sum totalt`, `I alt` …, in any case, with a
colon or not), or its first text cell starts with `Sum`, `Total`, `Totalt` or `I alt`
(`Sum oktober`), (c) its claim id and name cells are blank or that word, so that a claim is
never taken for one, and (d) it gives at least one amount, every amount it gives readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ..parsing import parse_amount
from .records import TotalRow
from .sniff import Header

# the columns of amounts claimed, which a total row may sum
AMOUNT_COLUMNS = ("claimed_honorarium", "lost_income", "gift", "travel_claimed")

TOTAL_WORDS = frozenset({
    "sum", "summer", "summert", "summa", "total", "totalt", "totalsum", "total sum",
    "sum total", "sum totalt", "totalt sum", "sum i alt", "i alt", "ialt", "totalt i alt",
    "samlet", "samla", "samlet sum", "sum samlet", "totalbeløp", "sum beløp", "sluttsum",
    "delsum", "subtotal", "sub total", "grand total", "sum honorar", "totalt honorar",
    "sum alle", "sum alle krav", "totals",
})
_PUNCTUATION = re.compile(r"[\s:;.,=*()\-]+")


# the words a total's label may start with, the rest of it saying what it sums
# ('Sum oktober', 'Totalt 2026', 'I alt for UNN')
TOTAL_STARTS = ("sum", "total", "totalt", "i alt")


def total_word(text: str) -> bool:
    """Whether a cell says 'this row is a total' ('Sum', 'TOTALT:', 'Sum i alt')."""
    if not text or len(text) > 40:
        return False
    return _PUNCTUATION.sub(" ", text.casefold()).strip() in TOTAL_WORDS


def total_label(text: str) -> bool:
    """Whether a row's first text cell is a total's label: a word for a total, or a text
    that starts with one ('Sum oktober', 'Totalt 2026')."""
    if total_word(text):
        return True
    if not text or len(text) > 60:
        return False
    words = _PUNCTUATION.sub(" ", text.casefold()).strip()
    return any(words.startswith(start + " ") for start in TOTAL_STARTS)


def _is_number(text: str) -> bool:
    try:
        parse_amount(text, limit=None)
    except ValueError:
        return False
    return True


def total_row_reader(header: Header) -> Callable[[list[str], int], TotalRow | None]:
    """A function that gives a row's `TotalRow`, or None when the row is no total."""
    columns = header.columns
    i_id, i_name = columns.get("claim_id", len(header.cells)), columns["representative"]
    amounts = [(column, columns[column]) for column in AMOUNT_COLUMNS if column in columns]

    def cell(cells: list[str], index: int) -> str:
        return cells[index].strip() if index < len(cells) else ""

    def as_total(cells: list[str], row: int) -> TotalRow | None:
        label = next((c.strip() for c in cells if total_word(c.strip())), None)
        if label is None:  # the first text cell, when it starts like a total's label
            first = next((c.strip() for c in cells if c.strip() and not _is_number(c)), "")
            if not total_label(first):
                return None
            label = first
        for index in (i_id, i_name):
            text = cell(cells, index)
            if text and not total_word(text) and text != label:
                return None
        stated: dict[str, Decimal] = {}
        for column, index in amounts:
            text = cell(cells, index)
            if not text:
                continue
            try:
                stated[column] = parse_amount(text, limit=None)
            except ValueError:
                return None
        return TotalRow(row, label, stated) if stated else None

    return as_total
