"""The catalogue of rate tables: each scheme's versions, loaded as they are needed, and
the version in force on a date. Where table files lie is `folders`; how one is read and
validated, `loading`.

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..problem import said
from .folders import (
    ENV_VAR,
    TABLE_SUFFIXES,
    StrayTable,
    declared_scheme,
    holds_scheme,
    is_scheme_folder,
    scheme_files,
    search_path,
    shipped_rates_dir,
    stray_tables,
    table_files,
)
from .loading import TableError, read_table
from .schema import RateTable
from .yamldoc import Problem, parse, problem

if TYPE_CHECKING:  # a travel table's models are loaded only when a travel table is read
    from .tax_free_schema import TaxFreeTable
    from .travel_schema import TravelTable

    AnyTable = RateTable | TravelTable | TaxFreeTable

# where tables lie (`folders`) and how one is read (`loading`), as callers have known them
__all__ = ["ENV_VAR", "TABLE_SUFFIXES", "Catalogue", "StrayTable", "TableError", "TableFile",
           "Versions", "activity_names", "declared_scheme", "holds_scheme", "is_scheme_folder",
           "read_table", "scheme_files", "search_path", "shipped_rates_dir", "stray_tables",
           "table_files"]


def activity_names(tables: Iterable[AnyTable]) -> list[str]:
    """The activity names `tables` pay or refuse, in their order, each once (a travel
    table has none)."""
    return list(dict.fromkeys(name for table in tables
                              for name in (*getattr(table, "activities", ()),
                                           *getattr(table, "not_payable", ()))))


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
        return table  # type: ignore[return-value]

    def tax_free_at(self, date: dt.date) -> TaxFreeTable | None:
        """The tax-free table (`rates/tax-free/`) in force on `date`: None before the first,
        after the last one's `valid_until`, or where there is none."""
        from .tax_free_schema import REGULATION_NAME, TaxFreeTable

        table = self.table_at(REGULATION_NAME, date)
        if not isinstance(table, TaxFreeTable) or not table.covers(date):
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
