"""A paid batch as payroll lines (`honorar ledger payroll`): each claim's paid parts split
into a-melding lines by the tax-free table in force on the batch's payment date, with the
totals per description, and the payer's own wage types where given.

A claim recorded before the ledger kept its parts (schema step 5) has its fee, lost income
and gift from the ledger's columns, and the rest of what it was paid (travel and stay) as
one line that cannot be split: it is left to a person (`PayrollClaim.unsplit`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..money import to_ore
from ..problem import Problem, said
from ..rules.paid_parts import PaidPart, PartsError, from_json
from ..rules.payroll import (
    CAR,
    DAY_TRIP,
    KOST_TAXABLE,
    NIGHT,
    OTHER,
    OTHER_VEHICLES,
    PASSENGER,
    VERV,
    PayrollLine,
    payroll_lines,
)
from ..tables.tax_free_schema import TaxFreeTable
from .store import Batch, Ledger, LedgerError, PaidClaim

# the overnight descriptions of the a-melding, before 2023 and from it
OVERNIGHT = ("reiseKostMedOvernattingPaaHotell",
             "reiseKostMedOvernattingPaaHybelUtenKokEllerPensjonatEllerBrakke",
             "reiseKostMedOvernattingPaaHybelMedKokEllerPrivat",
             "reiseKostMedOvernattingPaaPensjonat", "reiseKostMedOvernattingPaaHybelBrakkePrivat")
# the order descriptions are shown and totalled in; then the lines not reported
DESCRIPTIONS = (VERV, CAR, PASSENGER, OTHER_VEHICLES, DAY_TRIP, *OVERNIGHT, KOST_TAXABLE, NIGHT,
                OTHER)
NOT_REPORTED = ("refund", "gift", "unsplit")


class NoTaxFreeTable(Exception):
    """No tax-free table is in force on the batch's payment date."""

    def __init__(self, batch: Batch) -> None:
        super().__init__(batch.paid_on)
        self.batch = batch

    @property
    def table_to_add(self) -> str:
        return f"rates/tax-free/{self.batch.paid_on.year}-01-01.yaml"


class WageTypesError(Problem, ValueError):
    """A wage types file that cannot be used: one line, raised as what it says
    (`payroll.wage_types.*`, or the reader's own problem: not readable, not YAML)."""


@dataclass(frozen=True, slots=True)
class PayrollClaim:
    claim: PaidClaim
    lines: tuple[PayrollLine, ...]
    unsplit: bool  # recorded before the ledger kept its parts


@dataclass(frozen=True, slots=True)
class Total:
    """The lines of one description (or, not reported, of one kind) and withholding."""

    description: str | None
    kind: str  # pay, tax_free, taxable, refund, gift, unsplit
    withholding: bool
    employer_contribution: bool
    lines: int
    amount: Decimal
    quantity: Decimal | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class Payroll:
    batch: Batch
    table: TaxFreeTable
    lodging: str
    claims: tuple[PayrollClaim, ...]
    totals: tuple[Total, ...]
    wage_types: Mapping[str, str | Mapping[str, str]] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((c.claim.paid for c in self.claims), Decimal("0.00"))

    @property
    def needs_person(self) -> int:
        """How many lines honorar cannot report by itself."""
        return sum(1 for c in self.claims for line in c.lines if line.needs_person)

    def wage_type(self, line: PayrollLine) -> str | None:
        return wage_type(self.wage_types, line)


def old_parts(claim: PaidClaim) -> tuple[PaidPart, ...]:
    """The parts of a claim recorded before the ledger kept them: fee, lost income and gift
    from its columns, and what is left of what it was paid as travel kept whole."""
    fee, lost, gift = (to_ore(claim.honorarium), to_ore(claim.lost_income), to_ore(claim.gift))
    rest = to_ore(claim.paid) - fee - lost - gift
    parts = [PaidPart("fee", fee), PaidPart("lost_income", lost), PaidPart("gift", gift),
             PaidPart("travel", rest)]
    return tuple(p for p in parts if p.ore)


def claim_parts(claim: PaidClaim) -> tuple[tuple[PaidPart, ...], bool]:
    """A paid claim's parts, and whether they were made from its columns (no parts kept)."""
    if claim.paid_parts is None:
        return old_parts(claim), True
    try:
        parts = from_json(claim.paid_parts)
    except PartsError as err:
        raise LedgerError(said("payroll.claim_parts", claim=claim.claim_id, row=claim.row,
                               reason=err.said)) from None
    if sum(p.ore for p in parts) != to_ore(claim.paid):
        raise LedgerError(said("payroll.parts_do_not_add_up", claim=claim.claim_id,
                               row=claim.row, paid=str(claim.paid)))
    return parts, False


def batch_payroll(ledger: Ledger, name: str,
                  tax_free_at: Callable[[dt.date], TaxFreeTable | None], lodging: str = "hotel",
                  wage_types: Mapping[str, str | Mapping[str, str]] | None = None) -> Payroll:
    """The payroll lines of batch `name`, by the tax-free table in force on its payment date
    (`tax_free_at`). LedgerError: no such batch; NoTaxFreeTable: no table that day."""
    batch = ledger.batch(name)
    if batch is None:
        raise LedgerError(said("ledger.no_batch_see_list", batch=name, ledger=str(ledger.path)))
    table = tax_free_at(batch.paid_on)
    if table is None:
        raise NoTaxFreeTable(batch)
    claims = []
    kept: dict[str | None, tuple[PayrollLine, ...]] = {}  # the same parts, the same lines
    for claim in ledger.claims_of(batch):
        parts, unsplit = claim_parts(claim)
        key = None if unsplit else claim.paid_parts
        lines = kept.get(key) if key is not None else None
        if lines is None:
            lines = payroll_lines(parts, table, lodging)
            if key is not None and len(kept) < 4096:
                kept[key] = lines
        claims.append(PayrollClaim(claim, lines, unsplit))
    return Payroll(batch, table, lodging, tuple(claims), totals(claims), wage_types or {})


def _order(total: Total) -> tuple[int, int]:
    if total.description is not None:
        return DESCRIPTIONS.index(total.description), total.withholding
    return len(DESCRIPTIONS) + NOT_REPORTED.index(total.kind), 0


def totals(claims: list[PayrollClaim]) -> tuple[Total, ...]:
    """The lines summed per description and withholding (lines not reported: per kind),
    in the order of `DESCRIPTIONS`."""
    sums: dict[tuple, list] = {}
    for claim in claims:
        for line in claim.lines:
            key = (line.description, line.kind if line.description is None else
                   ("pay" if line.kind == "pay" else line.kind), line.withholding)
            entry = sums.setdefault(key, [line, 0, Decimal("0.00"), Decimal(0), line.unit])
            entry[1] += 1
            entry[2] += line.amount
            if line.quantity is not None and entry[3] is not None and line.unit == entry[4]:
                entry[3] += line.quantity
            else:
                entry[3] = None
    found = [Total(first.description, first.kind, first.withholding,
                   first.employer_contribution, count, amount, quantity, unit)
             for first, count, amount, quantity, unit in sums.values()]
    return tuple(sorted(found, key=_order))


# ----------------------------------------------------------------------- wage types

WAGE_TYPE_KEYS = (*DESCRIPTIONS, "refund", "gift")


def wage_type(mapping: Mapping[str, str | Mapping[str, str]], line: PayrollLine) -> str | None:
    """The payer's wage type (lønnsart) of `line`: by its description (or, for a line not
    reported, its kind), one for both or one each for `tax_free` and `taxable`."""
    found = mapping.get(line.description or line.kind)
    if isinstance(found, Mapping):
        return found.get("taxable" if line.withholding else "tax_free")
    return found


def read_wage_types(path: Path) -> dict[str, str | dict[str, str]]:
    """A YAML mapping from a-melding description (or `refund`, `gift`) to the payer's
    wage type, or to `{tax_free: …, taxable: …}`. WageTypesError, with the file's place,
    for anything else; OSError where it cannot be read."""
    from ..tables.yamldoc import Unreadable, parse, read_text

    try:
        text = read_text(path)
    except Unreadable as err:
        raise WageTypesError(_placed(err.problem)) from None
    doc = parse(text, str(path))
    if doc.problems:
        raise WageTypesError(_placed(doc.problems[0]))
    data = doc.data
    if data is None:
        raise WageTypesError(said("payroll.wage_types.empty", file=str(path),
                                  example=f'{CAR}: "7100"'))
    if not isinstance(data, dict):
        raise WageTypesError(said("payroll.wage_types.not_mapping", file=str(path)))

    def where(*keys: object) -> str:
        line, column = doc.place(tuple(keys))
        return f"{path}:{line}:{column}" if line else str(path)

    def code(value: object, *keys: object) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
            named = ".".join(map(str, keys))
            raise WageTypesError(said("payroll.wage_types.bad_code", where=where(*keys),
                                      key=named))
        return str(value).strip()

    found: dict[str, str | dict[str, str]] = {}
    for key, value in data.items():
        if key not in WAGE_TYPE_KEYS:
            known = ", ".join(WAGE_TYPE_KEYS)
            raise WageTypesError(said("payroll.wage_types.unknown", where=where(key), key=key,
                                      known=known))
        if isinstance(value, dict):
            stray = sorted(set(map(str, value)) - {"tax_free", "taxable"})
            if stray or not value:
                raise WageTypesError(said("payroll.wage_types.pair", where=where(key),
                                          key=key))
            found[key] = {k: code(v, key, k) for k, v in value.items()}
        else:
            found[key] = code(value, key)
    return found


def _placed(problem):
    """A problem of the YAML reader (`tables.yamldoc.Problem`) as what it says, with its
    place."""
    return said("env.file", file=problem.where(), reason=problem.said or problem.message)
