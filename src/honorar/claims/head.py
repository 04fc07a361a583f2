"""A claims file opened once and its head (a megabyte) read: what chooses its reader
(`opening.read_claims`) and what the reader chosen starts from."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from ..parsing import DATE_ORDERS
from ..problem import said
from ..tables.yamldoc import os_said
from .records import ClaimFileError
from .sniff import SAMPLE_BYTES


@dataclass
class Opened:
    """A claims file opened and its head read: what the readers start from."""

    name: str
    stream: BinaryIO
    head: bytes
    size: int | None  # None: not a regular file (a pipe)
    start: int | None  # where the head starts in the stream; None: the stream cannot seek
    at_end: bool  # the head is the whole file
    owned: list[IO[bytes]] = field(default_factory=list)  # streams opened here, to close

    def close(self) -> None:
        for stream in self.owned:
            stream.close()
        self.owned.clear()


def check_date_order(date_order: str | None) -> None:
    """--date-order, if given, is one of the orders a date is read in (ClaimFileError if
    not): checked here for the library and the command line alike."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ClaimFileError(said("usage.option", option="--date-order", reason=said(
            "claims.not_date_order", value=date_order)))


def open_claims(source: str | Path | BinaryIO, *, date_order: str | None = None,
                delimiter: str | None = None) -> Opened:
    """`source` opened (`-`'s stream is given) and its head read, the options that hold for
    every file checked first. Raises ClaimFileError where it cannot be read."""
    owned: list[IO[bytes]] = []
    if isinstance(source, str | Path):
        name = str(source)
        try:
            stream: BinaryIO = open(source, "rb")  # noqa: SIM115 - closed by the reader
        except OSError as err:
            raise ClaimFileError(said("env.file", file=name, reason=os_said(err))) from None
        owned.append(stream)
    else:
        # standard input is '-' (its own name is '<stdin>', or a file descriptor number)
        name = _stream_name(source)
        stream = source
    try:
        check_date_order(date_order)
        if delimiter is not None and len(delimiter) != 1:
            raise ClaimFileError(said("usage.option", option="--delimiter", reason=said(
                "claims.not_one_character", value=delimiter)))
        size = _size(stream)
        start = stream.tell() if _seekable(stream) else None
        try:
            head = _read_fully(stream, SAMPLE_BYTES)
        except OSError as err:
            raise ClaimFileError(said("env.file", file=name, reason=os_said(err))) from None
    except BaseException:
        for owned_stream in owned:
            owned_stream.close()
        raise
    return Opened(name, stream, head, size, start, len(head) < SAMPLE_BYTES, owned)


def _stream_name(stream: BinaryIO) -> str:
    given = getattr(stream, "name", None)
    return given if isinstance(given, str) and not given.startswith("<") else "-"


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, ValueError, OSError):
        return False


def _size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    import stat

    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_fully(stream: BinaryIO, size: int) -> bytes:
    parts, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
