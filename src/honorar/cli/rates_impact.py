"""`rates diff --impact FILE` and `--impact-ledger LEDGER`: the claims to cost, read at the
edge, and the options that go with each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..problem import said
from .errors import UsageProblem, option_problem, os_reason, standard_input
from .ledger_options import opened
from .reading import claim_mapping


def goes_with_either(option: str) -> UsageProblem:
    """An option that goes with either source of claims, given without one."""
    return UsageProblem(said("impact.goes_with_either", option=option))


def impact_options(impact: Path | None, impact_ledger: Path | None, year: int | None,
                   mapping, sheet, encoding, delimiter, date_order) -> None:
    """One source of claims, and only the options that go with it."""
    if impact is not None and impact_ledger is not None:
        raise UsageProblem(said("impact.one_source"))
    if year is not None and impact_ledger is None:
        raise UsageProblem(said("impact.goes_with_ledger", option="--year"))
    if year is not None and not dt.MINYEAR < year < dt.MAXYEAR:
        raise option_problem("--year", said("value.not_a_year", value=year))
    for name, given in (("--mapping", mapping), ("--sheet", sheet), ("--encoding", encoding),
                        ("--delimiter", delimiter), ("--date-order", date_order)):
        if given is not None and impact is None:
            if impact_ledger is not None:
                raise UsageProblem(said("impact.goes_with_file", option=name))
            raise UsageProblem(said("rates.goes_with_impact", option=name))


def file_impact(claims_file: Path, mapping_file: Path | None, old, new, top: int,
                by: str | None, sheet: str | None = None, encoding: str | None = None,
                delimiter: str | None = None, date_order: str | None = None,
                first: dt.date | None = None, tables=None):
    """What the change costs on a claims file's claims."""
    from ..audit.impact import impact
    from ..claims import ClaimFileError, read_claims

    mapping = claim_mapping(mapping_file)
    source = standard_input() if str(claims_file) == "-" else claims_file
    try:
        claims = read_claims(source, mapping=mapping, sheet=sheet, encoding=encoding,
                             delimiter=delimiter, date_order=date_order)
        return impact(claims, old, new, tables=tables, top=top, by=by, first=first)
    except ClaimFileError as err:  # it names the file already
        raise option_problem("--impact", err) from None
    except OSError as err:
        raise option_problem("--impact", said("env.file", file=str(claims_file),
                                              reason=os_reason(err))) from None


def ledger_impact(path: Path, wait: float, year: int, old, new, top: int, by: str | None,
                  first: dt.date | None, tables):
    """What the change costs on the claims a ledger paid in `year`. The ledger is opened
    to read only, as it is: an older one is read without being brought forward."""
    from ..audit.impact import impact
    from ..ledger.repricing import paid_in_year

    with opened(path, wait, read_only=True) as ledger:
        paid = paid_in_year(ledger, year)
        if not paid.paid:
            years = ", ".join(str(y) for y in paid.years)
            raise UsageProblem(said("impact.no_claims_paid", year=year, file=str(path),
                                    years=years or said("usage.none")))
        return impact(paid.claims(), old, new, tables=tables, top=top, by=by, first=first,
                      year=year, without_facts=paid.without_facts, origin=paid.origin,
                      paid=paid.paid_before())
