"""Writing a report so that nobody ever sees half of it.

A report for a regular file (or a path not yet there) is written to a temporary file
beside its target and renamed over it only when it is complete (a rename within one
directory is atomic). Anything else is written to as it is, never replaced: standard
output, a FIFO, a device such as /dev/null or /dev/full, /dev/stdout. Such a report is
spooled to a temporary file and copied out at the end, so an audit that fails half-way
writes nothing but its error line. A spooled report can have text put in at given places
before it is committed, for the findings known only at the end.

Every temporary file made here is known until it is renamed or removed, so that the
command line can remove what is left when a signal or a failure ends the run
(`remove_leftovers`): no temporary file outlives the run, but after a kill -9.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

_BLOCK = 1 << 20

_LIVE: set[str] = set()  # temporary files made and not yet renamed or removed
_LIVE_FOLDERS: set[str] = set()  # private temporary folders, not yet removed


def remove_leftovers() -> None:
    """Remove every temporary file this process made and has not committed, and every
    private temporary folder (`private_folder`) with what is in it."""
    for path in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(path)
        _LIVE.discard(path)
    for folder in list(_LIVE_FOLDERS):
        remove_folder(folder)


def private_folder(prefix: str) -> str:
    """A new temporary folder only this user may read (a workbook writer's temporary
    files hold every claim's name and amounts), removed by `remove_folder` or, whatever
    ends the run, by `remove_leftovers`."""
    folder = tempfile.mkdtemp(prefix=prefix)  # mode 0700
    _LIVE_FOLDERS.add(folder)
    return folder


def remove_folder(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _LIVE_FOLDERS.discard(folder)


def written_as_it_is(target: Path) -> bool:
    """Whether `target` is there and is not a regular file (a FIFO, a device, a socket):
    such a file is written to, never replaced."""
    try:
        found = target.stat()
    except OSError:
        return False
    return not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode)


def is_standard_output(target: Path) -> bool:
    """Whether `target` names what standard output already is (/dev/stdout, say)."""
    try:
        found, out = target.stat(), os.fstat(sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        return False
    return (found.st_dev, found.st_ino) == (out.st_dev, out.st_ino)


class AtomicOutput:
    def __init__(self, target: Path | None, *, encoding: str = "utf-8", binary: bool = False
                 ) -> None:
        """`binary`: the report writes encoded bytes itself (`stream` takes bytes, and
        offsets given to `insert` count bytes rather than characters)."""
        if target is not None and is_standard_output(target):
            target = None
        self.target = target
        self.encoding = encoding
        self.binary = binary
        self._as_it_is = target is not None and written_as_it_is(target)
        # a symbolic link to a regular file stays a link: the file it names is replaced
        self._destination = target.resolve() if target is not None and not self._as_it_is \
            else None
        self._directory = str(self._destination.parent) if self._destination else None
        self.path = self._new_temp()
        try:
            self.stream: Any = self._open(self.path, "w")
        except BaseException:
            self._remove(self.path)
            raise

    def _open(self, path: str, mode: str) -> Any:
        if self.binary:
            return open(path, mode + "b")
        return open(path, mode, encoding=self.encoding, newline="")

    def _new_temp(self) -> str:
        handle, path = tempfile.mkstemp(prefix=".honorar-", suffix=".tmp", dir=self._directory)
        _LIVE.add(path)
        os.close(handle)
        return path

    @staticmethod
    def _remove(path: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        _LIVE.discard(path)

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
            self._remove(old_path)

    def commit(self) -> None:
        self.stream.close()
        if self.target is None:
            self._copy_to_stdout()
            self._remove(self.path)
            return
        if self._as_it_is:
            self._copy_to_target()
            self._remove(self.path)
            return
        assert self._destination is not None
        os.chmod(self.path, _mode_for(self._destination))
        os.replace(self.path, self._destination)
        _LIVE.discard(self.path)

    def discard(self) -> None:
        """Forget the report; the temporary file goes even when closing it fails (a full
        disk fails the last write again)."""
        try:
            self.stream.close()
        except OSError:
            pass
        finally:
            self._remove(self.path)

    def _copy_to_target(self) -> None:
        """Write the spooled report into the FIFO or device as it is: nothing is created,
        truncated or replaced (a FIFO waits here for its reader)."""
        assert self.target is not None
        handle = os.open(self.target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with open(self.path, "rb") as spooled, open(handle, "wb", buffering=0) as out:
            shutil.copyfileobj(spooled, out, _BLOCK)

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
