"""The ledger's schema, as the list of steps that build it from nothing.

A ledger's version is its `PRAGMA user_version`: the number of steps applied. A newer
honorar applies the steps a ledger lacks, in order, in one transaction; an older one
refuses a ledger with more steps than it knows. A step once released is never changed:
a change to the schema is a new step at the end.

Money is integer øre, and the columns refuse anything else (`typeof(...) = 'integer'`), so
no float can enter the database. Dates are ISO text (`2024-03-15`), which sorts as dates do.
"""

from __future__ import annotations

# "HONR": marks the file as a honorar ledger (PRAGMA application_id)
APPLICATION_ID = 0x484F4E52

_FIRST = """
CREATE TABLE batch (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    claims INTEGER NOT NULL,
    paid_ore INTEGER NOT NULL CHECK (typeof(paid_ore) = 'integer')
);
CREATE TABLE claim (
    batch INTEGER NOT NULL REFERENCES batch(id),
    row INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    representative TEXT NOT NULL,
    representative_id TEXT,
    person TEXT NOT NULL,
    scheme TEXT NOT NULL,
    version TEXT,
    grp TEXT,
    group_key TEXT,
    date TEXT NOT NULL,
    start_s INTEGER,
    end_s INTEGER,
    honorarium_ore INTEGER NOT NULL CHECK (typeof(honorarium_ore) = 'integer'),
    lost_income_ore INTEGER NOT NULL CHECK (typeof(lost_income_ore) = 'integer'),
    gift_ore INTEGER NOT NULL CHECK (typeof(gift_ore) = 'integer'),
    paid_ore INTEGER NOT NULL CHECK (typeof(paid_ore) = 'integer'),
    claimed_ore INTEGER NOT NULL CHECK (typeof(claimed_ore) = 'integer')
);
CREATE INDEX claim_by_id ON claim (claim_id);
CREATE INDEX claim_by_person ON claim (person, date);
CREATE INDEX claim_by_batch ON claim (batch);
"""

# Version 2: a log of what was done to the ledger (batches recorded and undone), so that a
# batch removed by `undo` is still on record. The batches already there are logged as
# recorded.
_LOG = """
CREATE TABLE log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('record', 'undo')),
    batch TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    claims INTEGER NOT NULL,
    paid_ore INTEGER NOT NULL CHECK (typeof(paid_ore) = 'integer')
);
INSERT INTO log (at, action, batch, file, sha256, paid_on, claims, paid_ore)
    SELECT recorded_at, 'record', name, file, sha256, paid_on, claims, paid_ore
    FROM batch ORDER BY id;
"""

# Version 3: the travel and stay a claim was paid (part of `paid_ore`), so that a year's
# income can leave out what only repays expenses. Claims recorded before travel was audited
# had none.
_TRAVEL = """
ALTER TABLE claim ADD COLUMN travel_ore INTEGER NOT NULL DEFAULT 0
    CHECK (typeof(travel_ore) = 'integer');
"""

# Version 4: who and what each paid claim was, to know a claim written another way: the
# normalised name (`name_key`, looked up like the person key: a row without a number is the
# one person with a number that goes by its name), the meeting's length in seconds
# (`duration_s`) and a digest of all it claimed (`facts_key`, for identical claims).
# Claims recorded before get their name from `representative` (`normalised_name`, a
# function every connection has) and their length from their times; they have no digest.
_IDENTITY = """
ALTER TABLE claim ADD COLUMN name_key TEXT;
ALTER TABLE claim ADD COLUMN duration_s INTEGER;
ALTER TABLE claim ADD COLUMN facts_key TEXT;
UPDATE claim SET name_key = normalised_name(representative), duration_s = end_s - start_s;
CREATE INDEX claim_by_name ON claim (name_key);
"""

# Version 5: what repricing a paid claim under other rates, and a payroll line, need of it:
# `facts`, the claim as the audit read it (JSON: its date, times or hours, activity,
# attendance, trip), and `paid_parts`, what was paid for each part of it (JSON: øre as
# integers, with the quantity each part counts, such as km or nights). Claims recorded
# before have neither, and are counted apart where they are needed.
_PARTS = """
ALTER TABLE claim ADD COLUMN facts TEXT;
ALTER TABLE claim ADD COLUMN paid_parts TEXT;
"""

# Each step takes a ledger from version N to N + 1 (STEPS[0]: from nothing to version 1).
STEPS: tuple[str, ...] = (_FIRST, _LOG, _TRAVEL, _IDENTITY, _PARTS)

VERSION = len(STEPS)
