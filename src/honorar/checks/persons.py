"""Who a claim is from: the one way every check tells two people apart.

Duplicate claims, group meetings, the lost-income cap per person and day, and the ledger
all ask whether two claims are one person's, and all ask `person_key`. A file with a
`representative_id` column (an employee or resource number) says it best: two rows with
the same number are one person whatever the name says ('Kari Nordmann', 'K. Nordmann'),
and two people of the same name are two. A row without a number is known by its name, in
any case and spacing.
"""

from __future__ import annotations

from typing import Protocol

from ..claims.cells import Cache


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
