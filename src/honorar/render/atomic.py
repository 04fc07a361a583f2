"""Writing a report so that nobody ever sees half of it.

The report is written to a temporary file beside its target and renamed over it only when
it is complete (a rename within one directory is atomic). Standard output gets the same
treatment: the report is spooled to a temporary file and copied out at the end, so an
audit that fails half-way prints nothing but its error line. A spooled report can have
text put in at given places before it is committed, for the findings known only at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

_BLOCK = 1 << 20


class AtomicOutput:
    def __init__(self, target: Path | None, *, encoding: str = "utf-8", binary: bool = False
                 ) -> None:
        """`binary`: the report writes encoded bytes itself (`stream` takes bytes, and
        offsets given to `insert` count bytes rather than characters)."""
        self.target = target
        self.encoding = encoding
        self.binary = binary
        self._directory = str(target.parent) if target is not None else None
        self.path = self._new_temp()
        self.stream: Any = self._open(self.path, "w")

    def _open(self, path: str, mode: str) -> Any:
        if self.binary:
            return open(path, mode + "b")
        return open(path, mode, encoding=self.encoding, newline="")

    def _new_temp(self) -> str:
        handle, path = tempfile.mkstemp(prefix=".honorar-", suffix=".tmp", dir=self._directory)
        os.close(handle)
        return path

    def insert(self, insertions: Iterable[tuple[int, Any]]) -> None:
        """Rewrite what is written so far with `text` put in at each `offset` (characters,
        or bytes for a binary report, from the start, in increasing order), copying
        everything else in large blocks."""
        self.stream.close()
        old_path, self.path = self.path, self._new_temp()
        try:
            with self._open(old_path, "r") as old:
                self.stream = self._open(self.path, "w")
                position = 0
                for offset, text in insertions:
                    _copy(old, self.stream, offset - position)
                    self.stream.write(text)
                    position = offset
                _copy(old, self.stream, None)
        finally:
            os.unlink(old_path)

    def commit(self) -> None:
        self.stream.close()
        if self.target is None:
            self._copy_to_stdout()
            os.unlink(self.path)
            return
        os.chmod(self.path, _mode_for(self.target))
        os.replace(self.path, self.target)

    def discard(self) -> None:
        self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)

    def _copy_to_stdout(self) -> None:
        out = sys.stdout
        binary = getattr(out, "buffer", None)
        with open(self.path, "rb") as spooled:
            if binary is not None:  # the report's own encoding, whatever the terminal's
                out.flush()
                shutil.copyfileobj(spooled, binary, 1 << 20)
                binary.flush()
            else:
                while chunk := spooled.read(1 << 20):
                    out.write(chunk.decode(self.encoding))
                out.flush()

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.discard()


def _copy(source: IO, target: IO, count: int | None) -> None:
    """Copy `count` characters or bytes (all that is left, if None)."""
    while count is None or count > 0:
        chunk = source.read(_BLOCK if count is None else min(count, _BLOCK))
        if not chunk:
            return
        target.write(chunk)
        if count is not None:
            count -= len(chunk)


def _mode_for(target: Path) -> int:
    """Keep the permissions of a report being replaced; a new one gets the usual ones."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
