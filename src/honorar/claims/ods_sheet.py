"""What an OpenDocument sheet's XML says of its cells that python-calamine does not: error
values (`#DIV/0!`, `#N/A` …), hidden rows, and merged ranges (spanned cells).

python-calamine gives an error cell of an .ods as an empty one (an empty amount is 0),
every row as visible, and no merged ranges. The sheet's `content.xml` says all three
(`calcext:value-type="error"`, `table:visibility="collapse"`, `table:number-rows-spanned`);
it is read once, as it is unpacked, and only its facts are kept.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from .sheet_errors import HIDDEN

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_T = f"{{{_TABLE}}}"
_ROW, _CELL, _COVERED = f"{_T}table-row", f"{_T}table-cell", f"{_T}covered-table-cell"
_SHEET, _NULL_DATE = f"{_T}table", f"{_T}null-date"
# rows repeated past this are no claims (a template's empty rows to the sheet's end)
_REPEATS_KEPT = 100_000


@dataclass
class OdsFacts:
    # (sheet row from 1, {column from 0 → error value, or HIDDEN}), rows in order
    rows: list[tuple[int, dict[int, str]]] = field(default_factory=list)
    # ((first row, first column), (last row, last column)), from 0, as python-calamine
    # gives the merged ranges of other formats
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # the day of serial 0, where the document sets one other than 1899-12-30
    null_date: str | None = None


def ods_facts(source: str | Path | bytes, sheet: str, columns: Collection[int]) -> OdsFacts:
    """The facts of the sheet named `sheet`: error values in `columns`, hidden rows and
    merged ranges. Nothing where the content cannot be read (python-calamine has read it)."""
    facts = OdsFacts()
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source
                             ) as book:
            with book.open("content.xml") as xml:
                if not _has_marks(xml):  # most sheets: nothing to look for cell by cell
                    return facts
            with book.open("content.xml") as xml:
                _read(xml, sheet, frozenset(columns), facts)
    except Exception:
        return OdsFacts()
    return facts


# what an error cell, a hidden row and a merged range write, looked for as bytes first: a
# sheet with none of them (most) is not parsed at all
_MARKS = (b'value-type="error"', b"table:visibility=", b'-spanned="')
_CHUNK = 1 << 20


def _has_marks(xml) -> bool:
    carry = b""
    while True:
        chunk = xml.read(_CHUNK)
        if not chunk:
            return False
        text = carry + chunk
        if any(mark in text for mark in _MARKS):
            return True
        carry = text[-32:]


def _read(xml, sheet: str, columns: frozenset[int], facts: OdsFacts) -> None:
    depth = 0  # tables inside the sheet's (a table in a cell) are not its rows
    row, column = -1, 0
    row_facts: dict[int, str] = {}
    repeat, spans = 1, []
    for event, element in ElementTree.iterparse(xml, ("start", "end")):
        tag = element.tag
        if tag == _NULL_DATE and event == "start":
            facts.null_date = element.get(f"{_T}date-value")
        if tag == _SHEET:
            if event == "start":
                if depth or element.get(f"{_T}name") == sheet:
                    depth += 1
            elif depth:
                depth -= 1
                if not depth:
                    return
            continue
        if depth != 1:
            if event == "end" and tag == _ROW:
                element.clear()
            continue
        if tag == _ROW:
            if event == "start":
                row, column, row_facts = row + 1, 0, {}
                repeat = int(element.get(f"{_T}number-rows-repeated", "1") or 1)
                if element.get(f"{_T}visibility") in ("collapse", "filter"):
                    row_facts[HIDDEN] = "hidden"
            else:
                if row_facts:
                    for number in range(row + 1, row + 1 + min(repeat, _REPEATS_KEPT)):
                        facts.rows.append((number, dict(row_facts)))
                for (top, left), (bottom, right) in spans:
                    facts.merged.append(((top, left), (bottom, right)))
                spans = []
                row += repeat - 1
                element.clear()
        elif tag in (_CELL, _COVERED) and event == "end":
            count = int(element.get(f"{_T}number-columns-repeated", "1") or 1)
            if tag == _CELL:
                rows_spanned = int(element.get(f"{_T}number-rows-spanned", "1") or 1)
                columns_spanned = int(element.get(f"{_T}number-columns-spanned", "1") or 1)
                if rows_spanned > 1 or columns_spanned > 1:
                    spans.append(((row, column),
                                  (row + rows_spanned - 1, column + columns_spanned - 1)))
                if element.get(f"{{{_CALCEXT}}}value-type") == "error":
                    text = "".join(element.itertext()).strip() or "#N/A"
                    for at in range(column, column + min(count, 1024)):
                        if at in columns:
                            row_facts[at] = text
            column += count
