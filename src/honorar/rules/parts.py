"""The parts a calculation is put together from, and how a rule writes one: its amount
in øre, and the steps and findings that give it, each citing the rate table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain import ZERO, Finding, Source, Step, TravelParts
from ..money import to_øre
from ..tables.schema import Cited, RateTable


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a calculation: its amount in øre (None where no rule decides it), and
    the steps and findings that give it, in order."""

    amount: Decimal | None
    steps: tuple[Step, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class FeePart(Part):
    # False where the meeting is paid nothing at all (the activity is not paid, or no
    # agreement was made), which leaves nothing else payable either
    payable: bool = True


@dataclass(frozen=True, slots=True)
class TravelPart(Part):
    travel_parts: TravelParts | None = None


NOTHING = Part(to_øre(ZERO))
NOTHING_ELSE_PAYABLE = Part(to_øre(ZERO), (Step("nothing_else_payable", {}, ZERO),))


class Writer:
    """The steps and findings of one part as they are made, each citing `table`."""

    def __init__(self, table: RateTable) -> None:
        self.table = table
        self.steps: list[Step] = []
        self.findings: list[Finding] = []

    def source(self, cited: Cited | None) -> Source | None:
        if cited is None:
            return None
        return Source(self.table.document.short, cited.quote, cited.assumption, cited.reason)

    def step(self, key: str, amount: Decimal | None = None, cited: Cited | None = None,
             **params: object) -> None:
        self.steps.append(Step(key, params, amount, self.source(cited)))

    def find(self, code: str, key: str | None = None, **params: object) -> None:
        self.findings.append(Finding(code, self.table.severity(code), params, key))

    def part(self, amount: Decimal | None) -> Part:
        return Part(None if amount is None else to_øre(amount), tuple(self.steps),
                    tuple(self.findings))
