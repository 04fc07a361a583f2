"""Money: kroner as a Decimal of two decimals (`to_øre`, half-up as every amount is), and
as whole øre where the ledger stores it (`to_ore`, `from_ore`, at its edge only).

Below every other module: the rules, the ledger and the reports all round here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ØRE = Decimal("0.01")
_HUNDRED = Decimal(100)


def to_øre(amount: Decimal) -> Decimal:
    return amount.quantize(ØRE, rounding=ROUND_HALF_UP)


def to_ore(amount: Decimal) -> int:
    """Kroner (a Decimal) as whole øre, rounded half-up as every amount is."""
    return int(to_øre(amount) * _HUNDRED)


def from_ore(ore: int) -> Decimal:
    """Whole øre as kroner with two decimals."""
    return (Decimal(ore) / _HUNDRED).quantize(ØRE)
