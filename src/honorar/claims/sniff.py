"""Working out how a claims file is written: encoding, delimiter, header row, date order.

Everything here looks at the head of the file (the first `SAMPLE_BYTES`), except the
date order, which may need the whole file when its head gives no way to tell.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..parsing import date_order_hint, is_ambiguous_date
from ..problem import Said, said
from .columns import REQUIRED_COLUMNS, normalise_header, norwegian_names
from .records import ClaimFileError

SAMPLE_BYTES = 1 << 20
HEADER_SEARCH_RECORDS = 10  # a title or notes may stand above the header row
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
DATE_COLUMNS = ("date", "submitted")

# -------------------------------------------------------------------------- encoding

# Counts bytes that could not be decoded in an explicitly named encoding; the reader
# checks rows for U+FFFD only once this has moved.
DECODE_ERRORS = [0]


def _windows_1252_byte(byte: int) -> str:
    # cp1252 leaves five bytes undefined; Windows itself maps them to the C1 controls
    return bytes([byte]).decode("cp1252", "strict") if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) \
        else chr(byte)


def _utf8_else_1252(err: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as Windows-1252: a file with plain ASCII at its
    head and 'ø' written by Excel further down is still read right."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    chunk = err.object[err.start:err.end]
    return "".join(_windows_1252_byte(b) for b in chunk), err.end


def _count_and_replace(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    DECODE_ERRORS[0] += 1
    return "\ufffd", err.end


codecs.register_error("honorar-utf8-else-1252", _utf8_else_1252)
codecs.register_error("honorar-count-replace", _count_and_replace)


@dataclass(frozen=True, slots=True)
class Encoding:
    name: str  # codec name passed to the decoder
    label: str  # as shown to people
    errors: str  # decoding error handler
    detected: bool
    # bytes before the text that the codec would read as text: a UTF-8 BOM that some tools
    # put before Windows-1252, read with --encoding cp1252
    skip: int = 0


def detect_encoding(head: bytes, at_end: bool, given: str | None) -> Encoding:
    if given:
        try:
            info = codecs.lookup(given)
        except LookupError:
            raise ClaimFileError(said("usage.option", option="--encoding", reason=said(
                "claims.unknown_encoding", value=given))) from None
        if not getattr(info, "_is_text_encoding", True):  # base64, rot13 …: bytes to bytes
            raise ClaimFileError(said("usage.option", option="--encoding", reason=said(
                "claims.not_text_encoding", value=given)))
        name = "utf-8-sig" if info.name == "utf-8" else info.name
        return Encoding(name, given, "honorar-count-replace", False,
                        _stray_bom(head, at_end) if not info.name.startswith("utf") else 0)
    if head.startswith(codecs.BOM_UTF8):
        if _utf8_after_bom(head, at_end):  # as below: a stray byte spoils its row
            return Encoding("utf-8-sig", "UTF-8 (BOM)", "honorar-count-replace", True)
        # Some tools put a BOM before Windows-1252, and some files mix the two: what is
        # UTF-8 is read as UTF-8, what is not as Windows-1252
        return Encoding("utf-8-sig", "UTF-8 (BOM)", "honorar-utf8-else-1252", True)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding("utf-16", "UTF-16", "honorar-count-replace", True)
    letters, strays = utf8_evidence(head, at_end)
    if letters and letters >= strays:
        # Written as UTF-8: a stray byte is a slip in one row, which it makes unreadable
        # (reported), wherever in the file it stands
        return Encoding("utf-8", "UTF-8", "honorar-count-replace", True)
    if strays:
        return Encoding("cp1252", "Windows-1252", "honorar-utf8-else-1252", True)
    # plain ASCII tells nothing yet: what is not UTF-8 further on is read as Windows-1252,
    # as a stray byte here would be
    return Encoding("utf-8", "UTF-8", "honorar-utf8-else-1252", True)


def _stray_bom(head: bytes, at_end: bool) -> int:
    """The length of a UTF-8 BOM at the head of a file read in a one-byte encoding, where
    the text after it is not UTF-8 (a BOM before Windows-1252); 0 where there is none, or
    the text after it is UTF-8, which the encoding given will be said not to fit."""
    if not head.startswith(codecs.BOM_UTF8) or _utf8_after_bom(head, at_end):
        return 0
    return len(codecs.BOM_UTF8)


def _utf8_after_bom(head: bytes, at_end: bool) -> bool:
    """Whether the text after a UTF-8 BOM is UTF-8, as a file without one is found to be:
    it has letters written as UTF-8, at least as many as bytes that are not."""
    letters, strays = utf8_evidence(head[len(codecs.BOM_UTF8):], at_end)
    return bool(letters) and letters >= strays


def utf8_evidence(head: bytes, at_end: bool) -> tuple[int, int]:
    """(characters beyond ASCII that UTF-8 decodes, bytes it cannot decode) in `head`.

    Windows-1252 text ('ø' alone, one byte) hardly ever happens to form UTF-8's sequences of
    two to four bytes, so the first count says UTF-8 and the second Windows-1252; a UTF-8
    file with a stray byte has many of the first and a few of the second."""
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(head, final=at_end)
    strays = text.count("\ufffd")
    return len(_BEYOND_ASCII.findall(text)) - strays, strays


_BEYOND_ASCII = re.compile("[^\x00-\x7f]")


def decode_head(head: bytes, encoding: Encoding, at_end: bool, name: str) -> str:
    """The sample as text; a line cut short at the end of the sample is left out."""
    decoder = codecs.getincrementaldecoder(encoding.name)(errors=encoding.errors)
    errors_before = DECODE_ERRORS[0]
    try:
        text = decoder.decode(head, final=at_end)
    except UnicodeError:  # a codec that refuses the file outright ('utf-16' without BOM)
        raise ClaimFileError(said("claims.cannot_decode", file=name,
                                  encoding=encoding.label)) from None
    finally:
        DECODE_ERRORS[0] = errors_before  # the real reading counts them again
    if not at_end:
        cut = max(text.rfind("\n"), text.rfind("\r"))
        text = text[:cut + 1] if cut >= 0 else ""
    return text


# ---------------------------------------------------------------- header and delimiter


@dataclass(frozen=True, slots=True)
class Header:
    delimiter: str
    record: int  # records before the header (a title line, say)
    line: int  # the header's line number
    cells: tuple[str, ...]
    columns: Mapping[str, int]  # canonical column → cell index
    names: Mapping[str, str]  # canonical column → the header text in the file
    ignored: tuple[str, ...]  # header cells that name no column


def _csv(lines: Iterable[str], delimiter: str) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=delimiter, skipinitialspace=True, strict=False)


def _records(text: str, delimiter: str, limit: int) -> list[tuple[int, list[str]]]:
    """The first `limit` records of `text` with their line numbers (record starts)."""
    reader = _csv(io.StringIO(text, newline=""), delimiter)
    found: list[tuple[int, list[str]]] = []
    line = 0
    try:
        for cells in reader:
            found.append((line + 1, cells))
            line = reader.line_num
            if len(found) >= limit:
                break
    except csv.Error:
        pass
    return found


def described(columns: Iterable[str]) -> list[Said]:
    """Columns with Norwegian names they may go by: 'date (in Norwegian: dato, møtedato …)'."""
    return [said("claims.column_names", column=c, names=", ".join(
        n.replace("_", " ") for n in norwegian_names(c, 3))) for c in columns]


def header_score(cells: Iterable[str], known: Mapping[str, str]) -> int:
    """How many columns a row's cells name: the header is the row that names the most."""
    return len({known[n] for n in map(normalise_header, cells) if n in known})


def find_header(text: str, known: Mapping[str, str], delimiter: str | None,
                name: str, optional: Iterable[str] = ()) -> Header:
    """The record that names the most known columns, with the delimiter that splits it so."""
    candidates = (delimiter,) if delimiter else DELIMITERS
    best: tuple[int, int, str, int, int, list[str]] | None = None
    for sep in candidates:
        for index, (line, cells) in enumerate(_records(text, sep, HEADER_SEARCH_RECORDS)):
            score = header_score(cells, known)
            rank = (score, -index, sep, index, line, cells)
            if best is None or rank[:2] > best[:2]:
                best = rank
    if best is None or best[0] == 0:
        columns = described(REQUIRED_COLUMNS)
        if delimiter:
            raise ClaimFileError(said("claims.no_header_split", file=name, columns=columns,
                                      delimiter=DELIMITER_NAMES.get(delimiter, delimiter)))
        raise ClaimFileError(said("claims.no_header", file=name, columns=columns))
    _, _, sep, index, line, cells = best
    where = said(f"claims.line_split_{_SEPARATOR_WORDS.get(sep, 'other')}", line=line,
                 separator=repr(sep))
    columns, names, ignored = header_columns(cells, known, name, where, optional)
    return Header(sep, index, line, tuple(cells), columns, names, ignored)


# A file without a claim-id column has its claims known by their row numbers.
NOT_NEEDED = frozenset({"claim_id"})


def header_columns(cells: list[str], known: Mapping[str, str], name: str, where: str,
                   optional: Iterable[str] = ()
                   ) -> tuple[dict[str, int], dict[str, str], tuple[str, ...]]:
    """Which cell of a header row gives which column (canonical → index), the names the
    file gives them, and the cells that name no column; `where` names the row in errors.
    The columns in `optional` (`scheme`, when --scheme gives it) may be missing."""
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(cells):
        canonical = known.get(normalise_header(cell))
        if canonical is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if canonical in columns:
            raise ClaimFileError(said("claims.columns_twice", file=name, first=names[canonical],
                                      second=cell.strip(), column=canonical))
        columns[canonical] = i
        names[canonical] = cell.strip().lstrip("\ufeff")
    skip = NOT_NEEDED | frozenset(optional)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns and c not in skip]
    if missing:
        key = "claims.header_lacks_scheme" if "scheme" in missing else "claims.header_lacks"
        raise ClaimFileError(said(key, file=name, columns=", ".join(REQUIRED_COLUMNS),
                                  where=where, missing=described(missing)))
    return columns, names, tuple(ignored)


# ------------------------------------------------------------------------ date order


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """What the slashed dates of a file say about their order (dotted ones are day-first)."""

    hints: Mapping[str, tuple[str, int, str]]  # order → (value, line, column) first seen
    ambiguous: tuple[str, int, str] | None  # an ambiguous (value, line, column)

    @property
    def order(self) -> str | None:
        return next(iter(self.hints)) if len(self.hints) == 1 else None


def date_evidence(records: Iterable[tuple[int, list[str]]], header: Header,
                  stop_at_first_hint: bool = False) -> DateEvidence:
    hints: dict[str, tuple[str, int, str]] = {}
    ambiguous = None
    indices = [(header.columns[c], header.names[c]) for c in DATE_COLUMNS if c in header.columns]
    for line, cells in records:
        for index, column in indices:
            if index >= len(cells):
                continue
            value = cells[index]
            if "/" not in value:
                continue
            hint = date_order_hint(value)
            if hint is not None:
                hints.setdefault(hint, (value.strip(), line, column))
                if stop_at_first_hint:
                    return DateEvidence(hints, ambiguous)
            elif ambiguous is None and is_ambiguous_date(value):
                ambiguous = (value.strip(), line, column)
    return DateEvidence(hints, ambiguous)


_YEAR = re.compile(r"(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?|.*?[./\s](\d{4})|"
                   r"\d{1,2}[./]\d{1,2}[./](\d{2})")


def common_year(records: Iterable[tuple[int, list[str]]], header: Header) -> int | None:
    """The year most of the file's dates (its meeting dates, else its submission dates)
    are in: the year of a date written without one ('06.10'). None where no date says."""
    from collections import Counter

    counts: dict[str, Counter] = {c: Counter() for c in DATE_COLUMNS}
    indices = [(header.columns[c], counts[c]) for c in DATE_COLUMNS if c in header.columns]
    for _, cells in records:
        for index, counter in indices:
            if index < len(cells):
                match = _YEAR.fullmatch(cells[index].strip())
                if match:
                    year = match[1] or match[2]
                    counter[int(year) if year else 2000 + int(match[3])] += 1
    for column in DATE_COLUMNS:
        if counts[column]:
            return max(counts[column].items(), key=lambda item: (item[1], item[0]))[0]
    return None


def records_after_header(lines: Iterable[str], header: Header) -> Iterator[tuple[int, list[str]]]:
    reader = _csv(lines, header.delimiter)
    line = 0
    index = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            line = reader.line_num
            continue
        start, line = line + 1, reader.line_num
        if index > header.record:
            yield start, cells
        index += 1


_SEPARATOR_WORDS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def conflicting_orders(evidence: DateEvidence, name: str) -> ClaimFileError:
    (a, (va, la, ca)), (b, (vb, lb, cb)) = sorted(evidence.hints.items())
    return ClaimFileError(said(f"claims.both_orders_{a}_{b}", file=name, first=va,
                               first_column=ca, first_line=la, second=vb, second_column=cb,
                               second_line=lb))


def undecidable_order(evidence: DateEvidence, name: str) -> ClaimFileError:
    value, line, column = evidence.ambiguous  # type: ignore[misc]
    return ClaimFileError(said("claims.undecidable_order", file=name, column=column,
                               value=value, line=line))
