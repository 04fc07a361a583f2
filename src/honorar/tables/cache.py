"""Validated rate tables kept between runs, so a command started from a script does not
parse YAML and build the table models every time.

An entry's key is the table file's bytes together with a stamp of the code that read and
validated them (the text of honorar's loading modules, honorar's, pydantic's and PyYAML's
versions, Python's). A changed file or a changed program never meets an old entry. Only
valid tables are kept: a file with a problem is read afresh, and reported, on every run.
The cache is an optimisation and nothing else: any failure to read or write it is a miss.

An entry is the checked table as JSON, and it is validated again when it is loaded: data,
never code, so a planted entry can at worst be refused. Even so an entry is used only when
it and its directory belong to the user running honorar and nobody else may write to
them. The directory is worked on through a handle opened without following symbolic
links, and only regular files are read, written or removed in it: a link planted there
cannot make honorar read, write or prune anything elsewhere. Where the platform cannot
work so (no `dir_fd`), the cache is off. `HONORAR_CACHE_DIR` names another directory; set
to an empty value, it turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .catalogue import read_table
from .schema import RateTable
from .yamldoc import Unreadable, decode_text, read_bytes

if TYPE_CHECKING:
    from .travel_schema import TravelTable

ENV_VAR = "HONORAR_CACHE_DIR"

ENTRIES_KEPT = 64  # the entries used most lately; those of edited tables and old installs go
PARTIAL_AGE_SECONDS = 3600  # a half-written entry older than this was left by a killed run

# the modules whose code decides what a table file becomes
_LOADERS = ("schema.py", "travel_schema.py", "tax_free_schema.py", "yamldoc.py",
            "catalogue.py")


def default_directory(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the cache lives on this machine, or None when it is turned off."""
    environ = os.environ if environ is None else environ
    if ENV_VAR in environ:
        return Path(environ[ENV_VAR]) if environ[ENV_VAR] else None
    if sys.platform == "win32":
        base = environ.get("LOCALAPPDATA")
        return Path(base, "honorar", "Cache") if base else None
    try:
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "honorar"
        xdg = environ.get("XDG_CACHE_HOME", "")
        # the XDG rules: a relative path is to be ignored
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "honorar"
    except RuntimeError:  # no home directory to be found: go without
        return None


def cached_reader(environ: Mapping[str, str] | None = None) -> Callable[[Path], RateTable | TravelTable]:
    """A table reader for `tables.Catalogue`: through the cache, or plain `read_table`
    where the cache is turned off."""
    cache = TableCache.from_environ(environ)
    return cache.read if cache is not None else read_table


def _code_stamp() -> bytes:
    """What the code that turns a file into a table is, as bytes (empty: unknown)."""
    import pydantic

    here = Path(__file__).parent
    digest = hashlib.sha256("\n".join((__version__, pydantic.VERSION, sys.version)).encode())
    try:
        for name in _LOADERS:
            digest.update((here / name).read_bytes())
        # PyYAML without importing it: its version is in its package's first file, and
        # libyaml's parser (a compiled module beside it) is used where it is there
        yaml = _package_file("yaml")
        if yaml is None:
            return b""
        digest.update(yaml.read_bytes())
        digest.update(" ".join(sorted(p.name for p in yaml.parent.glob("_yaml*"))).encode())
    except OSError:
        return b""
    return digest.digest()


def _package_file(name: str) -> Path | None:
    """The `__init__.py` of the package `import name` would import from a folder, if any."""
    for folder in sys.path:
        found = Path(folder or ".", name, "__init__.py")
        if found.is_file():
            return found
    return None


def _private(found: os.stat_result) -> bool:
    """Whether a cache file or directory is the user's own and only theirs to change."""
    if not hasattr(os, "geteuid"):
        return True
    return found.st_uid == os.geteuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_PARTIAL = re.compile(r"\.[0-9a-f]{16}\.partial")
_OLD_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")  # what earlier versions kept: removed
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_WORKS_HERE = bool(_NO_FOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.unlink, os.rename} <= \
    os.supports_dir_fd


def _model(kind: bytes) -> type[RateTable] | type[TravelTable]:
    """The model an entry's first line names (a fee table, or a travel table)."""
    if kind == b"rate":
        return RateTable
    if kind == b"travel":
        from .travel_schema import TravelTable

        return TravelTable
    if kind == b"tax-free":
        from .tax_free_schema import TaxFreeTable

        return TaxFreeTable  # type: ignore[return-value]
    raise ValueError(f"not an entry: {kind[:20]!r}")


class TableCache:
    """`read(path)` gives what `tables.read_table(path)` gives, from the cache when it can."""

    def __init__(self, directory: Path) -> None:
        self.base = directory
        self.directory = directory / "tables"
        self._stamp: bytes | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> TableCache | None:
        directory = default_directory(environ)
        return cls(directory) if directory is not None and _WORKS_HERE else None

    def read(self, path: Path) -> RateTable | TravelTable:
        try:
            raw = read_bytes(path)
            text = decode_text(raw, str(path))
        except (OSError, Unreadable):
            return read_table(path)  # which reports why in the table's own words
        if self._stamp is None:
            self._stamp = _code_stamp()
        if not self._stamp or not _WORKS_HERE:
            return read_table(path, text=text)
        entry = f"{hashlib.sha256(self._stamp + raw).hexdigest()}.json"
        folder = self._open_directory(create=False)
        if folder is not None:
            try:
                cached = self._load(folder, entry)
            finally:
                os.close(folder)
            if cached is not None:
                return cached
        table = read_table(path, text=text)
        self._store(entry, table)
        return table

    def _open_directory(self, create: bool) -> int | None:
        """A handle on the cache's directory when both it and the folder above it are real
        directories (not links) that are the user's alone; None otherwise."""
        directory = _DIRECTORY | _NO_FOLLOW | os.O_RDONLY
        try:
            if create:
                self.base.parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(FileExistsError):
                    os.mkdir(self.base, 0o700)
            base = os.open(self.base, directory)
        except OSError:
            return None
        try:
            if not _private(os.fstat(base)):
                return None
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(self.directory.name, 0o700, dir_fd=base)
            handle = os.open(self.directory.name, directory, dir_fd=base)
        except OSError:
            return None
        finally:
            os.close(base)
        try:
            found = os.fstat(handle)
            if stat.S_ISDIR(found.st_mode) and _private(found):
                return handle
        except OSError:
            pass
        os.close(handle)
        return None

    @staticmethod
    def _load(folder: int, entry: str) -> RateTable | TravelTable | None:
        try:
            handle = os.open(entry, os.O_RDONLY | _NO_FOLLOW, dir_fd=folder)
        except OSError:
            return None
        try:
            with open(handle, "rb") as stream:
                found = os.fstat(stream.fileno())
                if not stat.S_ISREG(found.st_mode) or not _private(found):
                    return None
                kind, _, data = stream.read().partition(b"\n")
            table = _model(kind).model_validate_json(data)
        except Exception:  # truncated, damaged or from elsewhere: read the file instead
            return None
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(entry, dir_fd=folder, follow_symlinks=False)  # used now: kept longer
        return table

    def _store(self, entry: str, table: RateTable | TravelTable) -> None:
        folder = self._open_directory(create=True)
        if folder is None:
            return
        partial = f".{os.urandom(8).hex()}.partial"
        try:
            kind = b"rate" if isinstance(table, RateTable) else \
                b"tax-free" if getattr(table, "regulation", None) == "tax-free" else b"travel"
            data = kind + b"\n" + table.model_dump_json().encode()
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600,
                             dir_fd=folder)
            try:
                with open(handle, "wb") as stream:
                    stream.write(data)
                os.replace(partial, entry, src_dir_fd=folder, dst_dir_fd=folder)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(partial, dir_fd=folder)
                raise
            self._prune(folder, keep=entry)
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed
        finally:
            os.close(folder)

    @staticmethod
    def _prune(folder: int, keep: str) -> None:
        """Keep `keep` and the others used most lately; an entry is written only when a
        table or honorar changed, so the old ones are those no run will ask for again.
        Only regular files named as entries are touched; a link is left where it is."""
        entries: list[tuple[int, str]] = []
        now = time.time()
        with os.scandir(folder) as listing:
            for item in listing:
                try:
                    found = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(found.st_mode):
                    continue
                stale_partial = _PARTIAL.fullmatch(item.name) and \
                    found.st_mtime < now - PARTIAL_AGE_SECONDS
                if stale_partial or _OLD_ENTRY.fullmatch(item.name):
                    with contextlib.suppress(OSError):
                        os.unlink(item.name, dir_fd=folder)
                elif _ENTRY.fullmatch(item.name) and item.name != keep:
                    entries.append((found.st_mtime_ns, item.name))
        if len(entries) < ENTRIES_KEPT:
            return
        for _, stale in sorted(entries)[:len(entries) - ENTRIES_KEPT + 1]:
            with contextlib.suppress(OSError):
                os.unlink(stale, dir_fd=folder)
