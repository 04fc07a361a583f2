"""The one switch for speed: every memo of a run keeps what it learnt, or nothing.

An audit remembers what it has worked out by the values it came from: the value of a
cell's text, the calculation of a set of facts under a table, the parts a calculation is
put together from, the texts of a report's amounts and findings. Every memo is bounded (it
starts afresh when full) and lives as long as its run. Each one asks `ON` here.

On in the product. Off (`ON = False`, as the plain-vs-fast test sets it), every memo keeps
nothing and every claim is made whole and checked by every rule: the plain audit that
does everything again for every row, which the fast one must match byte for byte. A new
memo that asks this switch is in that test without being named there.
"""

from __future__ import annotations

ON = True


class Forgetful(dict):
    """A memo that keeps nothing: what a memo is with the switch off."""

    __slots__ = ()

    def __setitem__(self, key: object, value: object) -> None:
        pass


def memo() -> dict:
    """A new memo for a run: a dict, or with the switch off one that keeps nothing."""
    return {} if ON else Forgetful()
