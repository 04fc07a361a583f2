"""The checks of an audit (SPEC §3), each a pure function of claims and rate tables;
`honorar.audit.pipeline` runs all of them in one streaming pass.

- rows: a claim on its own (honorarium over or under what is due, claim age, submitted
  before the meeting; the engine's own findings placed at the row);
- duplicates: the same claim id twice, the same person at the same meeting twice;
- groups: group meetings with fewer representatives than the table recommends;
- voiding: a finding that voids payment (a duplicate) makes the claim due 0;
- persons: who a claim is from (`person_key`), the same for every check;
- paid: claims paid before, as a ledger knows them (`PaidClaims`);
- totals: a file's own total row held against what its claims add up to;
"""

from .duplicates import DuplicateClaims, duplicate_findings
from .groups import GroupMeetings, group_findings
from .paid import PaidBefore, PaidClaims
from .persons import PersonKeys, person_key
from .rows import claim_age_limit, date_findings, honorarium_findings, located
from .totals import FileTotal, FileTotals
from .voiding import void_payment

__all__ = [
    "DuplicateClaims",
    "FileTotal",
    "FileTotals",
    "GroupMeetings",
    "PaidBefore",
    "PaidClaims",
    "PersonKeys",
    "claim_age_limit",
    "date_findings",
    "duplicate_findings",
    "group_findings",
    "honorarium_findings",
    "located",
    "person_key",
    "void_payment",
]
