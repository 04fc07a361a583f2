"""Who a claim is from: the one way every check tells two people apart.

Duplicate claims, group meetings, the lost-income cap per person and day, and the ledger
all ask whether two claims are one person's. A file with a `representative_id` column (an
employee or resource number) says it best: two rows with the same number are one person
whatever the name says ('Kari Nordmann', 'K. Nordmann'), and two people of the same name
are two. A row without a number is known by its name, in any case and spacing (`person_key`),
and, in an audit, is the one person with a number its name goes by where there is one
(`Identities`, which the audit asks once for every check).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ...claims.cells import Cache


class _Claimant(Protocol):
    representative: str  # and perhaps representative_id: a claim-like object may lack it


def normalised_name(name: str) -> str:
    """A name or group in any case and spacing: ' kari  NORDMANN' is 'kari nordmann'."""
    return " ".join(name.casefold().split())


def _id_key(representative_id: str) -> str:
    # '#' keeps a number apart from a name that reads the same
    return "#" + normalised_name(representative_id)


def person_key(claim: _Claimant) -> str:
    """The person a claim is from: its representative id when it has one, else its name."""
    representative_id = getattr(claim, "representative_id", None)
    if representative_id:
        return _id_key(representative_id)
    return normalised_name(claim.representative)


class PersonKeys:
    """`person_key` with its answers kept, for a pass over a file (a file names a few
    thousand people at most; the caches are bounded all the same)."""

    __slots__ = ("by_id", "by_name")

    def __init__(self) -> None:
        # a hot loop may ask these itself: by_id[id] if the claim has an id, else
        # by_name[name]
        self.by_id = Cache(_id_key)
        self.by_name = Cache(normalised_name)

    def __call__(self, claim: _Claimant) -> str:
        representative_id = getattr(claim, "representative_id", None)
        if representative_id:
            return self.by_id[representative_id]
        return self.by_name[claim.representative]


class Identities:
    """Who each claim of a file is from, in file order, one person for one identity.

    A row with a `representative_id` is that number's person. A row without one is known
    by its name, unless the name (in any case and spacing) is that of exactly one person
    with a number, in the file so far or in the ledger (`ids_of_name`): then it is that
    person. A name that two numbers go by leaves a row without a number undecided
    (`ambiguous`). `__call__` answers with the claim's person key, the name key to look
    under as well (the rows of the name without a number before its number was known), and
    the two numbers it cannot choose between (None when it can)."""

    __slots__ = ("_asked", "_ids", "_ids_of_name", "_nameless", "answers", "by_id", "by_name")

    def __init__(self, ids_of_name: Callable[[str], tuple[str, ...]] | None = None) -> None:
        self.by_id = Cache(_id_key)
        self.by_name = Cache(normalised_name)
        self._ids: dict[str, tuple[str, ...]] = {}  # name key → the id keys it goes by
        self._ids_of_name = ids_of_name  # the ledger's id keys of a name key
        self._nameless: set[str] = set()  # names with rows without a number
        # (name, number) as written → the answer, until something new is known of the name
        # (a file names a few thousand people in a million rows); a hot loop may look here
        # first. `_asked`: name key → what was asked of it
        self.answers: dict[tuple[str, str | None], tuple] = {}
        self._asked: dict[str, list[tuple[str, str | None]]] = {}

    def __call__(self, representative: str, representative_id: str | None
                 ) -> tuple[str, str | None, tuple[str, str] | None]:
        asked = (representative, representative_id)
        answer = self.answers.get(asked)
        if answer is not None:
            return answer
        name = self.by_name[representative]
        answer = self._answer(name, representative_id)
        if len(self.answers) >= 65_536:
            self.answers.clear()
            self._asked.clear()
        self.answers[asked] = answer
        self._asked.setdefault(name, []).append(asked)
        return answer

    def _forget(self, name: str) -> None:
        """Something new is known of the name: what was answered of it may change."""
        for asked in self._asked.pop(name, ()):
            self.answers.pop(asked, None)

    def _bind(self, name: str, known: tuple[str, ...]) -> tuple[str, ...]:
        self._ids[name] = known
        self._forget(name)
        return known

    def _known(self, name: str) -> tuple[str, ...]:
        known = self._ids.get(name)
        if known is None:
            known = self._ids[name] = self._ids_of_name(name) if self._ids_of_name else ()
        return known

    def _answer(self, name: str, representative_id: str | None
                ) -> tuple[str, str | None, tuple[str, str] | None]:
        if representative_id:
            key = self.by_id[representative_id]
            known = self._ids.get(name)
            if known is None:
                known = self._known(name)
            if key not in known:
                known = self._bind(name, (*known, key)[:3])  # two say it is ambiguous
            if name in self._nameless and known[0] == key and len(known) == 1:
                return key, name, None
            return key, None, None
        known = self._ids.get(name)
        if known is None:
            known = self._known(name)
        if not known:
            if name not in self._nameless:
                self._nameless.add(name)
                self._forget(name)
            return name, None, None
        if len(known) == 1:
            return known[0], (name if name in self._nameless else None), None
        return name, None, (known[0][1:], known[1][1:])

    def shares_name(self, name: str, person: str) -> bool:
        """Whether `person` (a number's key) is one of two numbers the name key goes by, so
        that the name's claims without a number may be that person's or another's."""
        known = self._ids.get(name) or ()
        return person in known and len(known) > 1

    def only_number_of(self, name: str, person: str) -> bool:
        """Whether `person` (a number's key) is the one number the name key goes by, so
        that the name's claims without a number are that person's."""
        return self._ids.get(name) == (person,)
