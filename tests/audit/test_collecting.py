"""A pass over a file collects garbage rarely, and leaves the collector as it found it."""

from __future__ import annotations

import gc

from honorar.cli.collecting import YOUNG_OBJECTS, collecting_rarely


def test_the_collector_runs_rarely_during_the_pass_and_as_before_after_it():
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with collecting_rarely():
        assert gc.get_threshold()[0] == YOUNG_OBJECTS > before[0]
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen or frozen > 0


def test_the_collector_stays_on_during_the_pass():
    class Node:
        pass

    with collecting_rarely():
        node = Node()
        node.itself = node
        del node
        assert gc.isenabled() and gc.collect() >= 1
