"""A compact map from 64-bit fingerprints to small integers.

Duplicate and group checks must remember something about every claim of a file that may
hold millions. A dict of strings costs about a hundred bytes an entry; this keeps each
fingerprint (Python's 64-bit hash of the key) and its value in two arrays laid out as an
open-addressing table, at most two thirds full: about eighteen bytes an entry. The table
is as large as that asks, not the next power of two, which could be nearly twice it. Two
different keys share a fingerprint with a chance of about n²/2⁶⁵ (one in 37 million for a
million claims).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

_INITIAL = 1 << 12


class FingerprintMap:
    """`setdefault`, `swap` and `get`, as a dict of ints would have them, and `len`.

    Both are closures over the arrays rather than methods that look them up on `self`: a
    check calls one or two for every claim, and that makes each a third quicker."""

    __slots__ = ("_size", "get", "setdefault", "swap")

    def __init__(self, expected: int = 0) -> None:
        # room for `expected` keys without growing
        self.setdefault, self.swap, self.get, self._size = _open_addressing(
            max(_INITIAL, expected * 3 // 2 + 1))

    def __len__(self) -> int:
        return self._size()


def _open_addressing(capacity: int) -> tuple[Callable[[int, int], int],
                                             Callable[[int, int], int], Callable[[int], int],
                                             Callable[[], int]]:
    keys = array("q", bytes(8 * capacity))
    values = array("i", bytes(4 * capacity))
    free = capacity * 2 // 3  # keys that may be added before the table grows
    size = 0

    def slot(key: int) -> int:
        """Where `key` is, or where it would go: the first empty slot from its place on."""
        i = key % capacity
        found = keys[i]
        while found and found != key:
            i += 1
            if i == capacity:
                i = 0
            found = keys[i]
        return i

    def add(i: int, key: int, value: int) -> None:
        nonlocal free, size
        keys[i] = key
        values[i] = value
        size += 1
        free -= 1
        if not free:
            grow()

    def setdefault(key: int, value: int) -> int:
        """The value of `key`; a new key gets `value` (and returns it)."""
        key = key or 1  # 0 marks an empty slot
        i = slot(key)
        if keys[i]:
            return values[i]
        add(i, key, value)
        return value

    def swap(key: int, value: int) -> int:
        """Give `key` the value `value`; its value before, or -1 for a new key."""
        key = key or 1
        i = slot(key)
        if keys[i]:
            old = values[i]
            values[i] = value
            return old
        add(i, key, value)
        return -1

    def get(key: int) -> int:
        """The value of `key`, or -1 for a key not there."""
        key = key or 1
        i = slot(key)
        return values[i] if keys[i] else -1

    def grow() -> None:
        nonlocal keys, values, capacity, free
        old_keys, old_values = keys, values
        capacity *= 2
        keys = array("q", bytes(8 * capacity))
        values = array("i", bytes(4 * capacity))
        free = capacity * 2 // 3 - size
        for key, value in zip(old_keys, old_values, strict=True):
            if key:
                i = key % capacity
                while keys[i]:
                    i += 1
                    if i == capacity:
                        i = 0
                keys[i] = key
                values[i] = value

    def count() -> int:
        return size

    return setdefault, swap, get, count
