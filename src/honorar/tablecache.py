"""Validated rate tables kept between runs, so a command started from a script does not
parse YAML and build the table models every time.

An entry's key is the table file's bytes together with a stamp of the code that read and
validated them (the text of honorar's loading modules, honorar's, pydantic's and PyYAML's
versions, Python's). A changed file or a changed program never meets an old entry. Only
valid tables are kept: a file with a problem is read afresh, and reported, on every run.
The cache is an optimisation and nothing else: any failure to read or write it is a miss.

Entries are pickles, and loading a pickle can run code: an entry is used only when it and
its directory belong to the user running honorar and nobody else may write to them.
`HONORAR_CACHE_DIR` names another directory; set to an empty value, it turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .models import RateTable
from .tables import read_table

if TYPE_CHECKING:
    from .travelmodels import TravelTable
from .yamldoc import Unreadable, decode_text

ENV_VAR = "HONORAR_CACHE_DIR"

ENTRIES_KEPT = 64  # the entries used most lately; those of edited tables and old installs go
PARTIAL_AGE_SECONDS = 3600  # a half-written entry older than this was left by a killed run

# the modules whose code decides what a table file becomes
_LOADERS = ("models.py", "travelmodels.py", "yamldoc.py", "tables.py")


def _is_travel_table(found: object) -> bool:
    # unpickling a travel table has loaded its module; nothing else needs it here
    if type(found).__module__ != "honorar.travelmodels":
        return False
    from .travelmodels import TravelTable

    return isinstance(found, TravelTable)


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
    if not hasattr(os, "geteuid"):  # Windows: the user's own profile folder guards it
        return True
    return found.st_uid == os.geteuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class TableCache:
    """`read(path)` gives what `tables.read_table(path)` gives, from the cache when it can."""

    def __init__(self, directory: Path) -> None:
        self.base = directory
        self.directory = directory / "tables"
        self._stamp: bytes | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> TableCache | None:
        directory = default_directory(environ)
        return cls(directory) if directory is not None else None

    def read(self, path: Path) -> RateTable | TravelTable:
        try:
            raw = path.read_bytes()
            text = decode_text(raw, str(path))
        except (OSError, Unreadable):
            return read_table(path)  # which reports why in the table's own words
        if self._stamp is None:
            self._stamp = _code_stamp()
        if not self._stamp:
            return read_table(path, text=text)
        entry = self.directory / f"{hashlib.sha256(self._stamp + raw).hexdigest()}.pickle"
        usable = self._usable_directory()
        if usable:
            cached = self._load(entry)
            if cached is not None:
                return cached
        table = read_table(path, text=text)
        if usable is not False:
            self._store(entry, table)
        return table

    def _usable_directory(self) -> bool | None:
        """True: the directory is private; None: it is not there yet; False: do not use it."""
        try:
            found = self.directory.stat()
        except FileNotFoundError:
            return None
        except OSError:
            return False
        return stat.S_ISDIR(found.st_mode) and _private(found)

    @staticmethod
    def _load(entry: Path) -> RateTable | TravelTable | None:
        try:
            with entry.open("rb") as stream:
                if not _private(os.fstat(stream.fileno())):
                    return None
                found = pickle.load(stream)
        except Exception:  # missing, truncated or from elsewhere: read the file instead
            return None
        if not isinstance(found, RateTable) and not _is_travel_table(found):
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: kept longer than entries nobody uses
        return found

    def _store(self, entry: Path, table: RateTable | TravelTable) -> None:
        try:
            self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.directory.mkdir(exist_ok=True, mode=0o700)
            if not self._usable_directory():
                return
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".partial")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(table, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune(keep=entry)
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed

    def _prune(self, keep: Path) -> None:
        """Keep `keep` and the others used most lately; an entry is written only when a
        table or honorar changed, so the old ones are those no run will ask for again."""
        for partial in self.directory.glob("*.partial"):
            if partial.stat().st_mtime < time.time() - PARTIAL_AGE_SECONDS:
                partial.unlink(missing_ok=True)
        others = [entry for entry in self.directory.glob("*.pickle") if entry != keep]
        if len(others) < ENTRIES_KEPT:
            return
        by_use = sorted(others, key=lambda entry: entry.stat().st_mtime_ns)
        for stale in by_use[:len(others) - ENTRIES_KEPT + 1]:
            stale.unlink(missing_ok=True)
