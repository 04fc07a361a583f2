"""Money in the ledger: integer øre, converted at its edge only."""

from __future__ import annotations

from decimal import Decimal

from ..rules.calculation import to_øre

_HUNDRED = Decimal(100)


def to_ore(amount: Decimal) -> int:
    """Kroner (a Decimal) as whole øre, rounded half-up as every amount is."""
    return int(to_øre(amount) * _HUNDRED)


def from_ore(ore: int) -> Decimal:
    """Whole øre as kroner with two decimals."""
    return (Decimal(ore) / _HUNDRED).quantize(Decimal("0.01"))
