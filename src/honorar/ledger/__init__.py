"""The ledger (SPEC §8): what was paid, batch by batch, so nothing is paid twice.

- schema: the tables, as forward steps from the first version;
- store: opening, creating and migrating a ledger file, and its failures as one line;
- paid: the ledger as the audit's `PaidClaims` (claims paid before);
- record: a batch audited and kept whole, or not at all.
"""

from .record import Recording, content_sha256, record_batch
from .store import (
    DEFAULT_TIMEOUT,
    Batch,
    Ledger,
    LedgerError,
    LedgerUnavailable,
    LogEntry,
    PaidClaim,
    create_ledger,
    guarded,
    open_ledger,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "Batch",
    "Ledger",
    "LedgerError",
    "LedgerUnavailable",
    "LogEntry",
    "PaidClaim",
    "Recording",
    "content_sha256",
    "create_ledger",
    "guarded",
    "open_ledger",
    "record_batch",
]
