"""What a sheet's XML says of its cells that python-calamine does not: error values
(`#DIV/0!`, `#N/A`, `#REF!` …) and formulas without a stored value.

python-calamine gives an error cell as an empty one, and an empty amount is 0: a lost
income of `#DIV/0!` would be paid as nothing, without a word. The same holds for a formula
whose value was never stored (a file written by a program that does not calculate, and
never opened in a spreadsheet program since): its cell reads as empty. The sheet's own XML
says which cells those are (`<c r="H2" t="e"><v>#DIV/0!</v></c>`, `<c r="H2"><f>…</f></c>`);
it is looked through once, as it is unpacked, for those cells alone. Only .xlsx and .xlsm
keep their sheets so; an .xls or .ods is not looked through.

The scan is linear in the size of the sheet, whatever its bytes: it looks for the marks
of the cells it wants (an error type, a formula), and reads each such cell from its start
with a pattern whose every repeat is bounded or stops at the next tag. A hidden row is one
more mark (`hidden`, in a row's start tag: `<row r="5" hidden="1">`) and one more case in
`_scan`: its row's facts then hold `HIDDEN`.
"""

from __future__ import annotations

import heapq
import io
import posixpath
import re
import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path
from xml.etree import ElementTree

# the fact of a cell holding a formula without a stored value (an error value is its text)
NOT_CALCULATED = "="
# the key, in a row's facts, that says the row is hidden (`<row r="5" hidden="1">`): a
# hidden row is audited like any other, and says so
HIDDEN = -1

_CHUNK = 1 << 22
_CARRY = 1 << 18  # longer than any cell's element (a formula has at most 8 192 characters)
_ATTRIBUTES = 4096  # longer than any tag's attributes
_PREFIX = rb'(?:[A-Za-z_][\w.-]{0,31}:)?'  # a namespace prefix (a strict Open XML file)
# the marks of a cell to look at, each looked for as it is (which is quick): an error type
# in its start tag (t="e", its value quoted either way), a formula's tag (perhaps prefixed)
_ERROR_MARKS = (b'"e"', b"'e'")
_FORMULA_MARKS = (b"<f", b":f")
_NAME_ENDS = frozenset(b" \t\r\n/>")
_PREFIX_NAME = re.compile(rb'<[A-Za-z_][\w.-]{0,31}:f')
# a cell from its start: attributes, perhaps a formula, perhaps a value or an inline string
_CELL = re.compile(
    rb'<' + _PREFIX + rb'c\b([^<>]{0,%d})>\s*' % _ATTRIBUTES
    + rb'(<' + _PREFIX + rb'f\b[^<>]{0,%d}>)?' % _ATTRIBUTES
    + rb'(?:(?<!/>)[^<]{0,65536}</' + _PREFIX + rb'f>)?\s*'
    + rb'(?:<' + _PREFIX + rb'(v|is)\b[^<>]{0,%d}>([^<]{0,65536}))?' % _ATTRIBUTES)
_ERROR_TYPE = re.compile(rb'\bt\s{0,8}=\s{0,8}["\']e["\']')
_TEXT_TYPE = re.compile(rb'\bt\s{0,8}=\s{0,8}["\']str["\']')
# a row's start tag, and what says it is hidden (a row filtered out is hidden too)
_HIDDEN_MARK = b"hidden"
_ROW = re.compile(rb'<' + _PREFIX + rb'row\b([^<>]{0,%d})>' % _ATTRIBUTES)
_HIDDEN = re.compile(rb'\bhidden\s{0,8}=\s{0,8}["\'](?:1|true)["\']')
_ROW_NUMBER = re.compile(rb'\br\s{0,8}=\s{0,8}["\']([0-9]{1,7})["\']')
_REFERENCE = re.compile(rb'\br\s{0,8}=\s{0,8}["\']([A-Z]{1,3})([0-9]{1,7})["\']')


def error_cells(source: str | Path | bytes, sheet: str, columns: Collection[int]
                ) -> Iterator[tuple[int, dict[int, str]]]:
    """(sheet row from 1, {column from 0 (A is 0) → the error value, or `NOT_CALCULATED`})
    for each row of `sheet` with an error value or a formula without a stored value in one
    of `columns` (a helper column full of `#N/A` is nothing to report), as the sheet's XML
    has them: rows in ascending order, as Excel and every other writer keep them. A hidden
    row has `HIDDEN` among its keys too. Nothing where the workbook is no .xlsx or .xlsm."""
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


def sheet_part(source: str | Path | bytes, sheet: str) -> str | None:
    """The name of the part of the workbook `source` that holds the sheet named `sheet`;
    None where it is not found (or the workbook is no .xlsx or .xlsm)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source
                             ) as book:
            return _sheet_part(book, sheet)
    except Exception:
        return None


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    """The name of the part that holds the sheet named `sheet` (by local names: a strict
    Open XML file has namespaces of its own). A target is found whatever its case, as
    python-calamine finds it (`Worksheets/Sheet1.xml`)."""
    names = {name.casefold(): name for name in book.namelist()}
    workbook = ElementTree.fromstring(book.read(_part(names, "xl/workbook.xml")))
    relation = next((_attribute(s, "id") for s in workbook.iter() if _local(s.tag) == "sheet"
                     and s.get("name") == sheet), None)
    if relation is None:
        return None
    relations = ElementTree.fromstring(book.read(_part(names, "xl/_rels/workbook.xml.rels")))
    target = next((r.get("Target") for r in relations.iter()
                   if _local(r.tag) == "Relationship" and r.get("Id") == relation), None)
    if not target:
        return None
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return _part(names, posixpath.normpath(path))


def _part(names: dict[str, str], name: str) -> str:
    return names.get(name.casefold(), name)


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attribute(element: ElementTree.Element, local: str) -> str | None:
    """The value of the namespaced attribute `local` (the sheet's `r:id`)."""
    return next((value for name, value in element.attrib.items()
                 if name.startswith("{") and _local(name) == local), None)


def _scan(xml: io.BufferedIOBase, columns: frozenset[int]
          ) -> Iterator[tuple[int, dict[int, str]]]:
    facts: dict[bytes, str] = {}  # the few error values there are, one string each
    row, found = 0, {}
    pending = b""
    offset = 0  # where `text` starts in the sheet
    done = 0  # where the last cell looked at ends in the sheet
    while True:
        chunk = xml.read(_CHUNK)
        text = pending + chunk
        # the last part of a chunk is looked at with the next: every cell that starts
        # before it ends in this text, and none is looked at twice
        end = len(text) - _CARRY if chunk else len(text)
        last_at, last_start, failed = 0, -1, -1
        for at in _marks(text):
            if offset + at < done:
                continue  # in a cell looked at already
            # the cell's start tag: the last '<' before the mark, looked for once only
            # between marks, so that no byte is looked at again for each mark
            start = text.rfind(b"<", max(last_at, at - _ATTRIBUTES - 64), at)
            if start < 0 and last_start >= at - _ATTRIBUTES - 64:
                start = last_start
            last_at, last_start = at, start
            if start >= end or (start < 0 and at >= end):
                break  # looked at with the next text
            if start < 0 or start == failed:
                continue
            if text[at:at + 6] == _HIDDEN_MARK:
                hidden = _hidden_row(text, start)
                if hidden is not None:
                    done = offset + hidden[1]
                    if hidden[0] != row:
                        if found:
                            yield row, found
                        row, found = hidden[0], {}
                    found[HIDDEN] = "hidden"
                continue
            cell = _CELL.match(text, start)
            if cell is None:
                failed = start
                continue
            done = offset + cell.end()
            fact = _fact(cell, facts)
            if fact is None:
                continue
            reference = _REFERENCE.search(cell[1])
            if reference is None:
                continue
            column = _column_index(reference[1])
            if column not in columns:
                continue
            number = int(reference[2])
            if number != row:
                if found:
                    yield row, found
                row, found = number, {}
            found[column] = fact
        if not chunk:
            break
        keep = max(end, 0)
        pending = text[keep:]
        offset += keep
    if found:
        yield row, found


def _marks(text: bytes) -> Iterator[int]:
    """Where the marks of the cells to look at stand in `text`, in order: an error type's
    quoted value, the '<' of a formula's tag, or a `hidden` (of a row's start tag)."""
    return heapq.merge(*(_found(text, mark) for mark in _ERROR_MARKS),
                       *(_formulas(text, mark) for mark in _FORMULA_MARKS),
                       _found(text, _HIDDEN_MARK))


def _hidden_row(text: bytes, start: int) -> tuple[int, int] | None:
    """(the row's number, where its start tag ends) where `start` begins the start tag of
    a hidden row; None for any other `hidden` (a hidden column, a word in a cell)."""
    tag = _ROW.match(text, start)
    if tag is None or _HIDDEN.search(tag[1]) is None:
        return None
    number = _ROW_NUMBER.search(tag[1])
    return (int(number[1]), tag.end()) if number is not None else None


def _found(text: bytes, mark: bytes) -> Iterator[int]:
    at = text.find(mark)
    while at >= 0:
        yield at
        at = text.find(mark, at + 1)


def _formulas(text: bytes, mark: bytes) -> Iterator[int]:
    for at in _found(text, mark):
        if at + 2 < len(text) and text[at + 2] in _NAME_ENDS:
            if mark == b"<f":
                yield at
            else:  # <x:f
                tag = text.rfind(b"<", max(0, at - 33), at)
                if tag >= 0 and _PREFIX_NAME.fullmatch(text, tag, at + 2):
                    yield tag


def _fact(cell: re.Match[bytes], facts: dict[bytes, str]) -> str | None:
    """The error value of a cell, `NOT_CALCULATED` for a formula without a stored value,
    or None for a cell that has its value."""
    attributes = cell[1]
    if attributes.endswith(b"/"):
        return None  # <c r="A1"/>: an empty cell
    if cell[3] is None:
        return NOT_CALCULATED if cell[2] is not None else None
    value = cell[4] if cell[3] == b"v" else None
    if (cell[2] is not None and cell[3] == b"v" and not (value or b"").strip()
            and _TEXT_TYPE.search(attributes) is None):
        # `<f>1/0</f><v/>` or `<v></v>`: no value was stored, as with no `<v>` at all;
        # only a formula of text type (`t="str"`) may store an empty result
        return NOT_CALCULATED
    if not value or _ERROR_TYPE.search(attributes) is None:
        return None
    text = facts.get(value)
    if text is None:
        text = facts[value] = value.decode("ascii", "replace")
    return text


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1
