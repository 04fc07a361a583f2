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

_INITIAL = 1 << 12
_EMPTY = 0  # a fingerprint of 0 is stored as 1


class FingerprintMap:
    __slots__ = ("_keys", "_limit", "_size", "_values", "size")

    def __init__(self, expected: int = 0) -> None:
        # room for `expected` keys without growing
        self._allocate(max(_INITIAL, expected * 3 // 2 + 1))
        self.size = 0

    def _allocate(self, capacity: int) -> None:
        self._keys = array("q", bytes(8 * capacity))
        self._values = array("i", bytes(4 * capacity))
        self._size = capacity
        self._limit = capacity * 2 // 3

    def __len__(self) -> int:
        return self.size

    def setdefault(self, key: int, value: int) -> int:
        """The value of `key`; a new key gets `value` (and returns it)."""
        key = key or 1
        keys, capacity = self._keys, self._size
        i = key % capacity
        found = keys[i]
        while found:
            if found == key:
                return self._values[i]
            i += 1
            if i == capacity:
                i = 0
            found = keys[i]
        keys[i] = key
        self._values[i] = value
        self.size += 1
        if self.size > self._limit:
            self._grow()
        return value

    def swap(self, key: int, value: int) -> int:
        """Give `key` the value `value`; its value before, or -1 for a new key."""
        key = key or 1
        keys, capacity = self._keys, self._size
        i = key % capacity
        found = keys[i]
        while found:
            if found == key:
                old = self._values[i]
                self._values[i] = value
                return old
            i += 1
            if i == capacity:
                i = 0
            found = keys[i]
        keys[i] = key
        self._values[i] = value
        self.size += 1
        if self.size > self._limit:
            self._grow()
        return -1

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        self._allocate(self._size * 2)
        keys, values, capacity = self._keys, self._values, self._size
        for key, value in zip(old_keys, old_values, strict=True):
            if key:
                i = key % capacity
                while keys[i]:
                    i += 1
                    if i == capacity:
                        i = 0
                keys[i] = key
                values[i] = value
