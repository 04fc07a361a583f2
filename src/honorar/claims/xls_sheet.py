"""What an Excel 97–2003 (.xls) sheet's records say that python-calamine does not: error
values (`#DIV/0!`, `#N/A` …), hidden rows, and the 1904 date system.

An .xls is a compound file (OLE2) holding a `Workbook` stream of BIFF8 records. The
workbook's records name its sheets (BOUNDSHEET) and its date system (DATEMODE); a sheet's
records say which rows are hidden (ROW, its fDyZero flag) and which cells hold an error
(BOOLERR with fError, or a FORMULA whose result is an error). Only those records are read;
the rest is python-calamine's. A file this cannot follow leaves the cells as python-calamine
gives them.
"""

from __future__ import annotations

import struct
from pathlib import Path

from .ods_sheet import OdsFacts
from .sheet_errors import HIDDEN

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
           0x24: "#NUM!", 0x2A: "#N/A"}
_BOUNDSHEET, _DATEMODE, _EOF, _BOF = 0x0085, 0x0022, 0x000A, 0x0809
_ROW, _BOOLERR, _FORMULA = 0x0208, 0x0205, 0x0006
_SECTORS_AT_MOST = 1 << 22  # a chain longer than the file is no chain


def xls_facts(source: str | Path | bytes, sheet: str, columns) -> OdsFacts:
    """The error cells of `columns`, the hidden rows and the date system of the sheet named
    `sheet` (merged ranges python-calamine gives for an .xls itself)."""
    facts = OdsFacts()
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        stream = _workbook_stream(data)
        if stream is not None:
            _read(stream, sheet, frozenset(columns), facts)
    except Exception:
        return OdsFacts()
    return facts


# the records of cells with a value (python-calamine makes room for the span they cover):
# NUMBER, LABEL, BOOLERR, FORMULA, RK, LABELSST, RSTRING; MULRK gives a run of columns
_VALUES = frozenset((0x0203, 0x0204, 0x0205, 0x0006, 0x027E, 0x00FD, 0x00D6))
_MULRK = 0x00BD


def xls_span(source: str | Path | bytes, sheet: str | None
             ) -> tuple[str, int, int] | None:
    """(the sheet's name, rows, columns) from A1 to the farthest cell with a value of the
    sheet named `sheet` (None: the first sheet, which python-calamine reads as it opens the
    file), as its records have them; None where the file cannot be followed here."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        stream = _workbook_stream(data)
        if stream is None:
            return None
        found = _sheet_offset(stream, sheet, None)
        if found is None:
            return None
        sheet, offset = found
        rows = columns = 0
        unpack, end, at = struct.unpack_from, len(stream) - 8, offset
        while at <= end:
            kind, length, row, column = unpack("<HHHH", stream, at)
            if kind in _VALUES:
                rows, columns = max(rows, row + 1), max(columns, column + 1)
            elif kind == _MULRK and length >= 6:
                last, = unpack("<H", stream, at + 4 + length - 2)
                rows, columns = max(rows, row + 1), max(columns, last + 1)
            elif kind == _EOF:
                break
            at += 4 + length
        return sheet, rows, columns
    except Exception:
        return None


def _sheet_offset(stream: bytes, sheet: str | None, facts: OdsFacts | None
                  ) -> tuple[str, int] | None:
    """The name of the sheet named `sheet` (None: the first) and where its records start;
    the date system into `facts`."""
    offset = None
    for kind, body in _records(stream, 0):
        if kind == _DATEMODE and len(body) >= 2 and facts is not None:
            facts.null_date = "1904-01-01" if struct.unpack_from("<H", body)[0] else None
        elif kind == _BOUNDSHEET and len(body) >= 8:
            position, = struct.unpack_from("<I", body)
            length, wide = body[6], body[7] & 1
            name = body[8:8 + length * 2].decode("utf-16-le", "replace") if wide else \
                body[8:8 + length].decode("latin-1")
            if offset is None and (sheet is None or name == sheet):
                offset = name, position
        elif kind == _EOF:
            break
    return offset


def _workbook_stream(data: bytes) -> bytes | None:
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
    first_directory, = struct.unpack_from("<I", data, 48)
    cutoff, first_minifat, _, first_difat, difat_count = struct.unpack_from("<IIIII", data, 56)

    def sector(number: int) -> bytes:
        start = (number + 1) * sector_size
        return data[start:start + sector_size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n < _END_OF_CHAIN]
    number, seen = first_difat, 0
    while number < _END_OF_CHAIN and seen < difat_count:
        entries = struct.unpack(f"<{sector_size // 4}I", sector(number))
        fat_sectors += [n for n in entries[:-1] if n < _END_OF_CHAIN]
        number, seen = entries[-1], seen + 1
    fat: list[int] = []
    for number in fat_sectors:
        fat += struct.unpack(f"<{sector_size // 4}I", sector(number))

    def chain(first: int, table: list[int]) -> list[int]:
        found, number = [], first
        while number < len(table) and number not in (_END_OF_CHAIN, _FREE):
            found.append(number)
            if len(found) > _SECTORS_AT_MOST:
                raise ValueError("a chain that does not end")
            number = table[number]
        return found

    directory = b"".join(sector(n) for n in chain(first_directory, fat))
    entries = []
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 64)
        name = directory[at:at + max(length - 2, 0)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", directory, at + 116)
        entries.append((name, kind, start, size))
    root = next((e for e in entries if e[1] == 5), None)
    book = next((e for e in entries if e[1] == 2 and e[0] in ("Workbook", "Book")), None)
    if book is None:
        return None
    _, _, start, size = book
    if size >= cutoff or root is None:
        return b"".join(sector(n) for n in chain(start, fat))[:size]
    mini_stream = b"".join(sector(n) for n in chain(root[2], fat))
    minifat: list[int] = []
    for number in chain(first_minifat, fat):
        minifat += struct.unpack(f"<{sector_size // 4}I", sector(number))
    return b"".join(mini_stream[n * mini_size:(n + 1) * mini_size]
                    for n in chain(start, minifat))[:size]


def _records(stream: bytes, at: int):
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + length]
        at += 4 + length


def _read(stream: bytes, sheet: str, columns: frozenset[int], facts: OdsFacts) -> None:
    found = _sheet_offset(stream, sheet, facts)
    if found is None:
        return
    offset = found[1]
    rows: dict[int, dict[int, str]] = {}
    for kind, body in _records(stream, offset):
        if kind == _EOF:
            break
        if kind == _ROW and len(body) >= 14:
            row, = struct.unpack_from("<H", body)
            if struct.unpack_from("<H", body, 12)[0] & 0x20:
                rows.setdefault(row, {})[HIDDEN] = "hidden"
        elif kind == _BOOLERR and len(body) >= 8 and body[7]:
            row, column = struct.unpack_from("<HH", body)
            if column in columns:
                rows.setdefault(row, {})[column] = _ERRORS.get(body[6], "#N/A")
        elif kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" \
                and body[6] == 2:
            row, column = struct.unpack_from("<HH", body)
            if column in columns:
                rows.setdefault(row, {})[column] = _ERRORS.get(body[8], "#N/A")
    facts.rows = [(row + 1, found) for row, found in sorted(rows.items())]
