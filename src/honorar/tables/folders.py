"""Where rate tables lie: the rates directories searched, in order (those named with
`--rates-dir`, then those in `HONORAR_RATES`, then the tables shipped inside the
package), a scheme's folder in each, its table files, and the files that lie where no
scheme's lookup finds them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .schema import REGULATION

ENV_VAR = "HONORAR_RATES"


def shipped_rates_dir() -> Path:
    """The tables installed with the package (or, in a source checkout, `rates/`)."""
    here = Path(__file__).resolve().parent.parent  # the package's folder
    installed = here / "rates"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rates"


def search_path(rates_dirs: Iterable[str | Path] = (), environ: dict | None = None) -> list[Path]:
    environ = os.environ if environ is None else environ
    dirs = [Path(d) for d in rates_dirs]
    dirs += [Path(p) for p in environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs.append(shipped_rates_dir())
    return dirs


def is_scheme_folder(name: str) -> bool:
    """Only a folder named like a scheme or a travel regulation (`state-travel`) holds
    tables: `_plans` and the like hold other data."""
    return re.fullmatch(REGULATION, name) is not None


TABLE_SUFFIXES = (".yaml", ".yml")


def table_files(folder: Path) -> list[Path]:
    """The table files of a folder (`.yaml` or `.yml`, any case), by name."""
    try:
        return sorted(p for p in folder.iterdir()
                      if p.suffix.lower() in TABLE_SUFFIXES and p.is_file())
    except OSError:
        return []


def scheme_files(directory: Path, scheme: str) -> list[Path]:
    """The table files of `scheme` in a rates directory: those in the folder named after it,
    in any case (`UNN/` is `unn`, as it already is where file names ignore case), and, when
    the directory is itself named after it (`--rates-dir my-rates/unn`), those straight in
    it that declare the scheme."""
    files = []
    if directory.name.lower() == scheme:
        files += [p for p in table_files(directory) if declared_scheme(p) == scheme]
    try:
        folders = sorted(p for p in directory.iterdir() if p.name.lower() == scheme and p.is_dir())
    except OSError:
        folders = []
    for folder in folders:
        here = table_files(folder)
        if holds_scheme(here, scheme):
            files += here
    return files


def holds_scheme(files: list[Path], scheme: str) -> bool:
    """Whether a folder named after `scheme` holds its tables: not when every file in it
    declares another scheme (`unm/` or `fousam/` with a table of unn). Those files are
    named by `stray_tables` and used by no scheme; a folder with tables of both is the
    folder's scheme, broken by the table that is not its own."""
    return any(declared_scheme(p) in (scheme, None) for p in files)


_DECLARED = re.compile(r"^(?:scheme|regulation)[ \t]*:[ \t]*[\"']?([^\s\"'#]+)", re.MULTILINE)
_EFFECTIVE = re.compile(r"^effective[ \t]*:", re.MULTILINE)


def declared_scheme(path: Path) -> str | None:
    """The scheme (or travel regulation) a file says it is a table of, from its top-level
    `scheme:` (or `regulation:`) and `effective:` lines; None for a file that is no table
    (a plan, a mapping) or cannot be read. A quick look, not a validation."""
    try:
        with path.open("rb") as stream:
            text = stream.read(1 << 16).decode("utf-8-sig", "replace")
    except OSError:
        return None
    found = _DECLARED.search(text)
    if found is None or _EFFECTIVE.search(text) is None:
        return None
    return found.group(1).lower()


@dataclass(frozen=True, slots=True)
class StrayTable:
    """A table file in a rates directory that no lookup finds, and where it would be used."""

    path: Path
    scheme: str  # the scheme it declares
    folder: Path  # the folder where it would be used: DIR/<scheme>/


def stray_tables(dirs: Iterable[Path]) -> list[StrayTable]:
    """Table files that lie where no scheme's lookup finds them: straight in a rates
    directory not named after their scheme, or in a folder whose name is not their scheme
    (`unm/`, `UNN-2024/`, `gamle/`). Folders whose names start with `_` or `.` hold other
    data (`_plans`) and are not looked into; nor are folders within folders."""
    found: list[StrayTable] = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        try:
            folders = sorted(p for p in directory.iterdir()
                             if p.is_dir() and not p.name.startswith(("_", ".")))
        except OSError:
            folders = []
        # the directory itself first: a table straight in it belongs to the scheme it is named
        for folder in (directory, *folders):
            own = folder.name.lower()
            for path in table_files(folder):
                scheme = declared_scheme(path)
                if scheme is not None and scheme != own:
                    found.append(StrayTable(path, scheme, directory / scheme))
    return found
