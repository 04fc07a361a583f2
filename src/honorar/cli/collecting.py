"""Garbage collection for a pass over a whole file.

An audit makes a few objects for every row (a claim, its result, a line of the report)
and drops them a row later; they hold no cycles, so reference counting frees them all.
The cyclic collector still runs every 700 new objects, and now and then looks through
everything the audit keeps (its caches, the tables): a sixth to a fifth of an audit's
time, for nothing. During the pass it runs every `YOUNG_OBJECTS` new objects instead, so
a cycle is still freed, and what was loaded before the pass is set out of its way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_OBJECTS = 100_000


@contextmanager
def collecting_rarely() -> Iterator[None]:
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if not frozen_before:  # a process that runs more than the one command gets it back
            gc.unfreeze()
