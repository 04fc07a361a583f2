"""Every example of the guide runs: each page of docs/ and docs/nn/ (and the README's
examples) has its console blocks run, in order, in a folder of its own holding a copy of
examples/, and what each command prints (and its exit status) must be what the page shows.
How a block is written, and what is normalised, is in `guide.py`; docs/README.md says the
same for the people who write the pages.

The commands run in-process through the conftest's runner, with the shipped rate tables
only, a terminal 100 columns wide and no ledger from the environment (HONORAR_LEDGER
unset): a page names its ledger with `--ledger`. They run in bokmål, but a page of the
nynorsk guide (`docs/nn/`) runs with HONORAR_LANG=nn, and a page whose first line is
`<!-- honorar-guide: lang=nn -->` (or `nb`, `en`) in that language (`guide.language`).

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
# the guide's pages, and the README's examples, run the same way
PAGES = sorted(p for p in (*DOCS.glob("*.md"), *DOCS.glob("nn/*.md"), ROOT / "README.md")
               if guide.parse(p.read_text(encoding="utf-8"), p.name))
UPDATE = os.environ.get("HONORAR_UPDATE_DOCS") == "1"
COLUMNS = 100
# the environment every command of the guide runs in: nothing of the user's own
# (a CI that forces colour or a terminal, FORCE_COLOR or TTY_COMPATIBLE, would otherwise
# put escape codes and other widths in the output)
ENVIRONMENT = {"HONORAR_LANG": None, "HONORAR_LEDGER": None, "HONORAR_RATES": "",
               "HONORAR_DEBUG": None, "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
               "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None, "CLICOLOR_FORCE": None,
               "LINES": None}


def page_id(page: Path) -> str:
    return page.relative_to(DOCS if page.is_relative_to(DOCS) else ROOT).as_posix()


def runner(folder: Path, lang: str = "nb"):
    env = {**ENVIRONMENT, "HONORAR_LANG": None if lang == "nb" else lang}

    def run(args: list[str]) -> tuple[str, int]:
        result = run_cli(*args, env=env, columns=COLUMNS)
        return result.output, result.exit_code
    return run


def test_there_are_pages_with_examples():
    pages = {page_id(p) for p in PAGES}
    for task in ("kontroll.md", "budsjett.md", "satser.md", "aar.md", "lonn.md"):
        assert {task, f"nn/{task}"} <= pages, task
    assert "README.md" in pages  # the front door's examples


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_example_prints_what_the_guide_shows(page: Path, tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    blocks = guide.parse(text, page.name)
    lang = guide.language(text, page.parent.name if page.parent != DOCS else "")
    outcomes = guide.run_blocks(blocks, runner(tmp_path, lang))
    if UPDATE:
        new = guide.rewritten(text, blocks, outcomes)
        if new != text:
            page.write_text(new, encoding="utf-8")
        return
    drifted = [guide.difference(o) for o in outcomes if not o.agrees]
    assert not drifted, (f"{page_id(page)}: {len(drifted)} example(s) print something else than "
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


def test_a_page_runs_in_its_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = "```console\n$ honorar ledger init utbetalt.db\n```\n"
    said = {}
    for lang in ("nb", "nn", "en"):
        (tmp_path / "utbetalt.db").unlink(missing_ok=True)
        [outcome] = guide.run_blocks(guide.parse(page), runner(tmp_path, lang))
        said[lang] = outcome.output[0]
    assert said["nb"] == "Opprettet utbetalingsregisteret utbetalt.db."
    assert said["nn"] != said["nb"] and said["en"] not in (said["nb"], said["nn"])


@pytest.mark.parametrize(("text", "folder", "lang"), [
    ("# Side\n", "", "nb"),
    ("# Side\n", "nn", "nn"),
    ("<!-- honorar-guide: lang=nn -->\n# Side\n", "", "nn"),
    ("<!-- honorar-guide: lang=en -->\n# Page\n", "nn", "en"),
    ("# Side\n<!-- honorar-guide: lang=nn -->\n", "", "nb"),  # only the first line counts
])
def test_a_pages_language_is_its_marker_else_its_folder(text, folder, lang):
    assert guide.language(text, folder) == lang
