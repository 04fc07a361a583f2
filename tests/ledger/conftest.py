"""The ledger a test records into: a new, empty one made by `honorar ledger init`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..ledger_helpers import run


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    result = run("ledger", "init", str(path))
    assert result.exit_code == 0, result.stderr
    return path
