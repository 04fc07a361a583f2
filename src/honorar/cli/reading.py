"""The options that say how to read a claims file, shared by `audit`, `ledger record` and
`rates diff --impact`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..problem import said
from .errors import UsageProblem, option_problem, reason_of, standard_input, unknown_scheme

DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "bar": "|",
                   "pipe": "|"}

MappingOption = Annotated[Path | None, typer.Option(
    help="A YAML file naming other columns and words (see examples/mapping.yaml).",
    show_default=False)]
EncodingOption = Annotated[str | None, typer.Option(
    help="The file's encoding, e.g. utf-8 or cp1252 (detected if left out).",
    show_default=False)]
DelimiterOption = Annotated[str | None, typer.Option(
    help="The column separator: , ; tab or | (detected if left out).", show_default=False)]
SchemeOption = Annotated[str | None, typer.Option(
    "--scheme", help="The scheme of rows that give none (a sheet of one scheme may have no "
    "scheme column); a row's own scheme wins.", metavar="SCHEME", show_default=False)]
DateOrderOption = Annotated[str | None, typer.Option(
    "--date-order", help="How slashed dates are written: dmy (15/03/2023) or mdy "
    "(03/15/2023); detected if left out.", show_default=False)]


def reading_options(delimiter: str | None, date_order: str | None) -> str | None:
    """The delimiter as one character, after checking both options."""
    from ..claims.head import check_date_order
    from ..claims.records import ClaimFileError

    try:
        check_date_order(date_order)
    except ClaimFileError as err:
        raise UsageProblem(reason_of(err)) from None
    if delimiter is not None:
        delimiter = DELIMITER_WORDS.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise option_problem("--delimiter", said("usage.bad_delimiter", value=delimiter))
    return delimiter


def given_scheme(tables, scheme: str | None) -> str | None:
    """--scheme as a scheme's name, after checking that the rate tables know it (a
    TableError of the tables is the caller's to report)."""
    if scheme is None:
        return None
    name = " ".join(scheme.strip().lower().split())
    if not name or tables.fee_versions(name) is None:
        raise option_problem("--scheme", unknown_scheme(name, tables.fee_scheme_names()))
    return name


def claim_mapping(mapping: Path | None):
    """The mapping file read (None without one); a broken one is a usage problem."""
    from ..claims import ClaimFileError, load_mapping

    try:
        return load_mapping(mapping) if mapping is not None else None
    except ClaimFileError as err:
        raise option_problem("--mapping", err) from None


def read_claim_file(file: str, mapping, encoding: str | None, delimiter: str | None,
                    date_order: str | None, sheet: str | None = None,
                    activities: set[str] | None = None, scheme: str | None = None):
    """A `ClaimReader` on `file` (`-`: standard input) with a mapping already read; what makes
    it unusable is a usage problem."""
    from ..claims import ClaimFileError, read_claims

    try:
        source = standard_input() if file == "-" else Path(file)
        return read_claims(source, mapping=mapping, encoding=encoding, delimiter=delimiter,
                           date_order=date_order, sheet=sheet, activities=activities,
                           scheme=scheme)
    except ClaimFileError as err:
        raise UsageProblem(reason_of(err)) from None


def open_claims(file: str, mapping: Path | None, encoding: str | None, delimiter: str | None,
                date_order: str | None, sheet: str | None = None,
                activities: set[str] | None = None, scheme: str | None = None):
    """A `ClaimReader` on `file` (`-`: standard input), its mapping file read first; what makes
    it unusable is a usage problem."""
    return read_claim_file(file, claim_mapping(mapping), encoding, delimiter, date_order, sheet,
                           activities, scheme)
