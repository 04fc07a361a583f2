"""Every example of the guide runs: each page of docs/ has its console blocks run, in order,
in a folder of its own holding a copy of examples/, and what each command prints (and its
exit status) must be what the page shows. How a block is written, and what is normalised,
is in `guide.py`; docs/README.md says the same for the people who write the pages.

The commands run in-process through the conftest's runner, with the shipped rate tables
only, a terminal 100 columns wide, bokmål (no HONORAR_LANG) and no ledger from the
environment (HONORAR_LEDGER unset): a page names its ledger with `--ledger`.

After a change of wording, regenerate the pages and read the diff:

    HONORAR_UPDATE_DOCS=1 python -m pytest -q tests/docs
    git diff docs/
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, ROOT, run_cli
from . import guide

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md") if guide.parse(p.read_text(encoding="utf-8"), p.name))
UPDATE = os.environ.get("HONORAR_UPDATE_DOCS") == "1"
COLUMNS = 100
# the environment every command of the guide runs in: nothing of the user's own
# (a CI that forces colour or a terminal, FORCE_COLOR or TTY_COMPATIBLE, would otherwise
# put escape codes and other widths in the output)
ENVIRONMENT = {"HONORAR_LANG": None, "HONORAR_LEDGER": None, "HONORAR_RATES": "",
               "HONORAR_DEBUG": None, "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
               "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None, "CLICOLOR_FORCE": None,
               "LINES": None}


def runner(folder: Path):
    def run(args: list[str]) -> tuple[str, int]:
        result = run_cli(*args, env=ENVIRONMENT, columns=COLUMNS)
        return result.output, result.exit_code
    return run


def test_there_are_pages_with_examples():
    assert {p.name for p in PAGES} >= {"kontroll.md", "budsjett.md", "satser.md", "aar.md"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_example_prints_what_the_guide_shows(page: Path, tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    blocks = guide.parse(text, page.name)
    outcomes = guide.run_blocks(blocks, runner(tmp_path))
    if UPDATE:
        new = guide.rewritten(text, blocks, outcomes)
        if new != text:
            page.write_text(new, encoding="utf-8")
        return
    drifted = [guide.difference(o) for o in outcomes if not o.agrees]
    assert not drifted, (f"{page.name}: {len(drifted)} example(s) print something else than "
                         "the guide shows (HONORAR_UPDATE_DOCS=1 rewrites the page):\n\n"
                         + "\n\n".join(drifted))


def test_a_drifted_page_fails_and_is_rewritten_to_what_the_command_prints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = ("Før:\n\n```console\n$ honorar ledger init utbetalt.db\nGammel ordlyd\n"
            "$ honorar ledger init utbetalt.db\n```\n\nEtter.\n")
    blocks = guide.parse(page)
    outcomes = guide.run_blocks(blocks, runner(tmp_path))
    assert [o.agrees for o in outcomes] == [False, False]  # other words; exit 2, not 0
    new = guide.rewritten(page, blocks, outcomes)
    assert "Gammel ordlyd" not in new
    assert "[exit 2]" in new and new.startswith("Før:") and new.endswith("Etter.\n")
    (tmp_path / "utbetalt.db").unlink()
    again = guide.parse(new)
    assert all(o.agrees for o in guide.run_blocks(again, runner(tmp_path)))
