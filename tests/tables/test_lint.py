"""The code stays `ruff check` clean; part of the one test command so CI runs it too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def test_ruff_check_is_clean():
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the 'test' extra)")
    done = subprocess.run([ruff, "check", "--no-cache", str(ROOT / "src"), str(ROOT / "tests"),
                           str(ROOT / "benchmarks")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
