"""A compact set of 64-bit fingerprints, each given a dense slot number.

Duplicate and group checks must remember something about every claim of a file that may
hold millions. A dict of strings costs about a hundred bytes an entry; this keeps a
fingerprint (Python's 64-bit hash of the key) in an array and an open-addressing table of
slot numbers, about twenty bytes an entry. Two different keys share a fingerprint with a
chance of about n²/2⁶⁵ (one in 37 million for a million claims).
"""

from __future__ import annotations

from array import array

_INITIAL = 1 << 12


class FingerprintIndex:
    __slots__ = ("_mask", "_table", "keys")

    def __init__(self, expected: int = 0) -> None:
        size = _INITIAL
        while size * 2 < expected * 3:  # room for `expected` keys without growing
            size *= 2
        self.keys = array("q")  # slot → fingerprint
        self._table = array("i", bytes(4 * size))  # position → slot + 1 (0: empty)
        self._mask = size - 1

    def __len__(self) -> int:
        return len(self.keys)

    def slot(self, key: int) -> int:
        """The slot of `key`; a new key gets the next slot, `len(self) - 1`."""
        table = self._table
        mask = self._mask
        i = key & mask
        found = table[i]
        while found:
            if self.keys[found - 1] == key:
                return found - 1
            i = (i + 1) & mask
            found = table[i]
        keys = self.keys
        keys.append(key)
        slot = len(keys)
        table[i] = slot
        if slot * 3 > mask * 2:  # keep the table at most two thirds full
            self._grow()
        return slot - 1

    def _grow(self) -> None:
        size = (self._mask + 1) * 2
        table = array("i", bytes(4 * size))
        mask = size - 1
        for slot, key in enumerate(self.keys, 1):
            i = key & mask
            while table[i]:
                i = (i + 1) & mask
            table[i] = slot
        self._table, self._mask = table, mask
