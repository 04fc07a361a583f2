"""Validated rate tables kept between runs, so a command started from a script does not
parse YAML and build the table models every time.

An entry's key is the table file's bytes together with a stamp of the code that read and
validated them (honorar's version and its loading modules, pydantic, Python). A changed
file or a changed program never meets an old entry. Only valid tables are kept: a file
with a problem is read afresh, and reported, on every run. The cache is an optimisation
and nothing else: any failure to read or write it counts as a miss.

Entries are pickles in the user's own cache directory, trusted as Python trusts its own
`__pycache__`. `HONORAR_CACHE_DIR` names another directory; set to an empty value, it
turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from . import __version__
from .models import RateTable
from .tables import read_table
from .yamldoc import Unreadable, decode_text

ENV_VAR = "HONORAR_CACHE_DIR"

# the modules whose code decides what a table file becomes
_LOADERS = ("models.py", "yamldoc.py", "tables.py")


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
        return Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "honorar"
    except RuntimeError:  # no home directory to be found: go without
        return None


def _code_stamp() -> bytes:
    import pydantic

    here = Path(__file__).parent
    parts = [__version__, pydantic.VERSION, sys.version]
    for name in _LOADERS:
        try:
            found = (here / name).stat()
        except OSError:
            return b""
        parts.append(f"{name}:{found.st_mtime_ns}:{found.st_size}")
    return "\n".join(parts).encode()


class TableCache:
    """`read(path)` gives what `tables.read_table(path)` gives, from the cache when it can."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory / "tables"
        self._stamp: bytes | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> TableCache | None:
        directory = default_directory(environ)
        return cls(directory) if directory is not None else None

    def read(self, path: Path) -> RateTable:
        try:
            raw = path.read_bytes()
            text = decode_text(raw, str(path))
        except (OSError, Unreadable):
            return read_table(path)  # which reports why in the table's own words
        if self._stamp is None:
            self._stamp = _code_stamp()
        if not self._stamp:
            return read_table(path, text=text)
        key = hashlib.sha256(self._stamp + b"\0" + raw).hexdigest()
        entry = self.directory / f"{key}.pickle"
        cached = self._load(entry)
        if cached is not None:
            return cached
        table = read_table(path, text=text)
        self._store(entry, table)
        return table

    @staticmethod
    def _load(entry: Path) -> RateTable | None:
        try:
            with entry.open("rb") as stream:
                found = pickle.load(stream)
        except Exception:  # missing, truncated or from elsewhere: read the file instead
            return None
        return found if isinstance(found, RateTable) else None

    def _store(self, entry: Path, table: RateTable) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".partial")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(table, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk only costs the next run its speed
