"""Where an Excel sheet holds an error value (`#DIV/0!`, `#N/A`, `#REF!` …).

python-calamine gives an error cell as an empty one, and an empty amount is 0: a lost
income of `#DIV/0!` would be paid as nothing, without a word. The sheet's own XML says
which cells hold errors (`<c r="H2" t="e"><v>#DIV/0!</v></c>`); it is looked through once,
as it is unpacked, for those cells alone. Only .xlsx and .xlsm keep their sheets so; an
.xls or .ods is not looked through.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path
from xml.etree import ElementTree

_CHUNK = 1 << 22
_CARRY = 1 << 16  # longer than any cell's element (a formula has at most 8 192 characters)
_ERROR_MARK = b't="e"'
# an error cell: its attributes, perhaps its formula (escaped: no '<' in it), its value
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*?)\bt="e"([^>]*)>\s*'
    rb'(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?\s*'
    rb'<(?:\w+:)?v>([^<]*)</')
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


def error_cells(source: str | Path | bytes, sheet: str, columns: Collection[int]
                ) -> Iterator[tuple[int, dict[int, str]]]:
    """(sheet row from 1, {column from 0 (A is 0) → the error value}) for each row of
    `sheet` with an error value in one of `columns` (a helper column full of `#N/A` is
    nothing to report), as the sheet's XML has them: rows in ascending order, as Excel and
    every other writer keep them. Nothing where the workbook is no .xlsx or .xlsm."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source
                             ) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return
            with book.open(part) as xml:
                yield from _scan(xml, frozenset(columns))
    except Exception:
        # python-calamine has read the same file already; a part this cannot unpack or
        # parse (an odd name, another compression) leaves the cells as it gives them
        return


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The name of the part that holds the sheet named `sheet` (by local names: a strict
    Open XML file has namespaces of its own)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    relation = next((_attribute(s, "id") for s in workbook.iter() if _local(s.tag) == "sheet"
                     and s.get("name") == sheet), None)
    if relation is None:
        return None
    relations = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in relations.iter()
                   if _local(r.tag) == "Relationship" and r.get("Id") == relation), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attribute(element: ElementTree.Element, local: str) -> str | None:
    """The value of the namespaced attribute `local` (the sheet's `r:id`)."""
    return next((value for name, value in element.attrib.items()
                 if name.startswith("{") and _local(name) == local), None)


def _scan(xml: io.BufferedIOBase, columns: frozenset[int]
          ) -> Iterator[tuple[int, dict[int, str]]]:
    errors: dict[bytes, str] = {}  # the few error values there are, one string each
    row, found = 0, {}
    pending = b""
    while True:
        chunk = xml.read(_CHUNK)
        text = pending + chunk
        # the last part of a chunk is looked at with the next: every cell that starts
        # before it ends in this text, and none is looked at twice
        end = len(text) - _CARRY if chunk else len(text)
        if end > 0 and _ERROR_MARK in text:
            for match in _ERROR_CELL.finditer(text):
                if match.start() >= end:
                    break
                reference = _REFERENCE.search(match[1] + b" " + match[2])
                if reference is None:
                    continue
                column = _column_index(reference[1])
                if column not in columns:
                    continue
                at = int(reference[2])
                if at != row:
                    if found:
                        yield row, found
                    row, found = at, {}
                value = errors.get(match[3])
                if value is None:
                    value = errors[match[3]] = match[3].decode("ascii", "replace")
                found[column] = value
        if not chunk:
            break
        pending = text[max(end, 0):]
    if found:
        yield row, found


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1
