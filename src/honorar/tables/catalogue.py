"""Find, load and validate rate tables, and pick the version in force on a date.

Tables live as `<rates dir>/<scheme>/<anything>.yaml` (or `.yml`; `scheme_files` says
where else a table is used from, and `stray_tables` names those that are not used).
Directories are searched in order: those named with `--rates-dir`, then those in
`HONORAR_RATES`, then the tables shipped inside the package. A version (scheme and
effective date) found in an earlier directory shadows the same version in a later one; two
files giving the same version within one directory is an error.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..problem import Said, from_pydantic, said
from .schema import REGULATION, RateTable
from .yamldoc import Problem, Unreadable, parse, problem, read_text

ENV_VAR = "HONORAR_RATES"


class TableError(Exception):
    """A rate table that cannot be used; carries every problem found in it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def activity_names(tables: Iterable[AnyTable]) -> list[str]:
    """The activity names `tables` pay or refuse, in their order, each once (a travel
    table has none)."""
    return list(dict.fromkeys(name for table in tables
                              for name in (*getattr(table, "activities", ()),
                                           *getattr(table, "not_payable", ()))))


def shipped_rates_dir() -> Path:
    """The tables installed with the package (or, in a source checkout, `rates/`)."""
    here = Path(__file__).resolve().parent.parent  # the package's folder
    installed = here / "rates"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rates"


if TYPE_CHECKING:  # a travel table's models are loaded only when a travel table is read
    from .travel_schema import TravelTable

    AnyTable = RateTable | TravelTable


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


def search_path(rates_dirs: Iterable[str | Path] = (), environ: dict | None = None) -> list[Path]:
    environ = os.environ if environ is None else environ
    dirs = [Path(d) for d in rates_dirs]
    dirs += [Path(p) for p in environ.get(ENV_VAR, "").split(os.pathsep) if p]
    dirs.append(shipped_rates_dir())
    return dirs


def read_table(path: Path, *, text: str | None = None) -> AnyTable:
    """Load and validate one table file; every problem in it is raised together.

    A file with a `regulation` key is a travel table (`TravelTable`), any other a scheme's
    fee table (`RateTable`)."""
    name = str(path)
    if text is None:
        try:
            text = read_text(path)
        except Unreadable as err:
            raise TableError([err.problem]) from None
    doc = parse(text, name)
    problems = list(doc.problems)
    if doc.data is None and not problems:
        problems.append(problem(name, None, None, said("file.empty")))
    if problems and doc.data is None:
        raise TableError(problems)
    if not isinstance(doc.data, dict):
        raise TableError([*problems, problem(name, 1, 1, said("table.not_mapping"))])
    try:
        if "regulation" in doc.data:
            from .travel_schema import TravelTable as model
        else:
            model = RateTable  # type: ignore[assignment]
        table = model.model_validate(doc.data)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            # a model's own check may name the part at fault (models.problem_at)
            loc = (*error["loc"], *(error.get("ctx") or {}).get("at", ()))
            line, column = doc.place(loc)
            known = doc.resolve(loc)
            # a missing key is named by the location beyond what the file has
            missing = loc[len(known):] if error["type"] == "missing" else ()
            where = ".".join(str(part) for part in (*known, *missing[-1:]))
            reason = from_pydantic(error)
            hint = _comma_hint(doc.data, loc)
            if hint is not None:
                reason = said("table.with_hint", reason=reason, hint=hint)
            problems.append(problem(name, line, column, said("table.at", where=where, reason=reason)
                                    if where else reason))
        raise TableError(problems) from None
    if problems:
        raise TableError(problems)
    return table


_DECIMAL_COMMA = re.compile(r"\s*(\d+),(\d{1,2})\s*")


def _comma_hint(data: object, loc: tuple) -> Said | None:
    """A hint where an amount is written with a decimal comma: `kr: 420,50` is the text
    '420,50' in a block, and in braces (`{kr: 420,50, …}`) the amount 420 and a key 50."""
    value = _value_at(data, loc)
    if isinstance(value, str):
        match = _DECIMAL_COMMA.fullmatch(value)
        if match:
            return said("table.decimal_comma", value=f"{match[1]}.{match[2]}")
        return None
    if loc and isinstance(loc[-1], int | str) and str(loc[-1]).isdigit() \
            and len(str(loc[-1])) <= 2:
        parent = _value_at(data, loc[:-1])
        if isinstance(parent, dict):
            whole = next((v for k, v in parent.items() if isinstance(v, int)
                          and not isinstance(v, bool)), None)
            if whole is not None:
                return said("table.decimal_comma_in_braces", value=f"{whole}.{loc[-1]}")
    return None


def _value_at(data: object, loc: tuple) -> object:
    """The value of the file at a problem's location; a part the file does not have (the
    name of a rule pydantic tells its kinds apart by) is passed over."""
    for part in loc:
        if isinstance(data, dict):
            keys = (part, str(part)) if not isinstance(part, str) else \
                (part, int(part)) if part.isdigit() else (part,)
            key = next((k for k in keys if k in data), None)
            if key is not None:
                data = data[key]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _place_of(path: Path, key: str) -> tuple[int | None, int | None]:
    """Where a top-level key of a valid table file stands, for a problem found later."""
    try:
        return parse(path.read_text(encoding="utf-8-sig"), str(path)).place((key,))
    except (OSError, UnicodeDecodeError):
        return None, None


def _of_travel_rules(versions: Versions | None) -> bool:
    """Whether a folder's versions are travel tables: the folder is then no fee scheme."""
    return versions is not None and bool(versions.files) \
        and not isinstance(versions.files[0].table, RateTable)


@dataclass(frozen=True, slots=True)
class TableFile:
    table: AnyTable
    path: Path
    shadows: tuple[Path, ...] = ()


@dataclass
class Versions:
    """The versions of one scheme, oldest first."""

    scheme: str
    files: list[TableFile] = field(default_factory=list)

    def at(self, date: dt.date) -> AnyTable | None:
        """The newest version effective on or before `date`, or None before the first."""
        found = self.file_at(date)
        return found.table if found else None

    def file_at(self, date: dt.date) -> TableFile | None:
        """The version `at` gives, with the file it comes from."""
        dates = [f.table.effective for f in self.files]
        i = bisect.bisect_right(dates, date)
        return self.files[i - 1] if i else None

    def effective_on(self, date: dt.date) -> TableFile | None:
        for f in self.files:
            if f.table.effective == date:
                return f
        return None


class Catalogue:
    """The rate tables on a search path, loaded one scheme at a time as they are needed."""

    def __init__(self, dirs: Sequence[Path],
                 read: Callable[[Path], AnyTable] | None = None) -> None:
        """`read` loads one table file (default `read_table`; the CLI passes a cache's)."""
        self.dirs = list(dirs)
        self._read = read or read_table
        self._schemes: dict[str, Versions] = {}

    @classmethod
    def from_options(cls, rates_dirs: Iterable[str | Path] = (), environ: dict | None = None,
                     read: Callable[[Path], AnyTable] | None = None) -> Catalogue:
        return cls(search_path(rates_dirs, environ), read)

    def scheme_names(self) -> list[str]:
        names = set()
        for d in self.dirs:
            if not d.is_dir():
                continue
            names.update(p.name.lower() for p in d.iterdir() if p.is_dir()
                         and is_scheme_folder(p.name.lower())
                         and holds_scheme(table_files(p), p.name.lower()))
            own = d.name.lower()
            if is_scheme_folder(own) and any(declared_scheme(p) == own for p in table_files(d)):
                names.add(own)  # a rates directory that is itself a scheme's folder
        return sorted(names)

    def fee_scheme_names(self) -> list[str]:
        """The schemes that pay fees: every folder but those of travel rules. A folder
        whose tables cannot be read counts as a scheme (its problem is reported where used)."""
        names = []
        for name in self.scheme_names():
            try:
                versions = self.versions(name)
            except TableError:
                versions = None
            if not _of_travel_rules(versions):
                names.append(name)
        return names

    def fee_versions(self, scheme: str) -> Versions | None:
        """`versions`, but None for a folder of travel rules: it is no scheme."""
        found = self.versions(scheme)
        return None if _of_travel_rules(found) else found

    def versions(self, scheme: str) -> Versions | None:
        """All versions of `scheme`, or None for a scheme no directory has."""
        if scheme not in self._schemes:
            found = self._load(scheme)
            if found is None:
                return None
            self._schemes[scheme] = found
        return self._schemes[scheme]

    def table_at(self, scheme: str, date: dt.date) -> AnyTable | None:
        versions = self.versions(scheme)
        return versions.at(date) if versions else None

    def travel_at(self, regulation: str, date: dt.date) -> TravelTable | None:
        """The travel table of `regulation` in force on `date` (None before the first, or
        where the folder holds no travel tables)."""
        table = self.table_at(regulation, date)
        if table is None or isinstance(table, RateTable) or not table.covers(date):
            return None
        return table

    def travel_for(self, table: RateTable | None, date: dt.date) -> TravelTable | None:
        """The travel table the fee table `table` names (`table.travel`) in force on `date`
        (None where it names none, or none is in force)."""
        if table is None or table.travel is None:
            return None
        return self.travel_at(table.travel.table, date)

    def activity_names(self) -> set[str]:
        """Every activity name a version of any scheme pays or refuses."""
        names: set[str] = set()
        for scheme in self.fee_scheme_names():
            versions = self.versions(scheme)
            names.update(activity_names([f.table for f in versions.files] if versions else []))
        return names

    def _load(self, scheme: str) -> Versions | None:
        if not is_scheme_folder(scheme):
            return None
        by_date: dict[dt.date, TableFile] = {}
        problems: list[Problem] = []
        seen_any = False
        for directory in self.dirs:
            here: dict[dt.date, Path] = {}
            for path in scheme_files(directory, scheme):
                seen_any = True
                try:
                    table = self._read(path)
                except TableError as err:
                    problems.extend(err.problems)
                    continue
                if table.scheme != scheme:
                    problems.append(problem(str(path), *_place_of(path, "scheme"), said(
                        "table.wrong_folder", scheme=table.scheme, folder=scheme)))
                    continue
                if table.effective in here:
                    problems.append(problem(str(path), *_place_of(path, "effective"), said(
                        "table.second_version", scheme=scheme, date=str(table.effective),
                        other=str(here[table.effective]))))
                    continue
                here[table.effective] = path
                earlier = by_date.get(table.effective)
                if earlier is None:
                    by_date[table.effective] = TableFile(table, path)
                else:
                    by_date[table.effective] = TableFile(
                        earlier.table, earlier.path, (*earlier.shadows, path))
        if problems:
            raise TableError(problems)
        if not seen_any:
            return None
        return Versions(scheme, [by_date[d] for d in sorted(by_date)])
