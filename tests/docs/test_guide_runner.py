"""The guide's runner itself: it finds the blocks, fails when an output or an exit status
drifts, forgives only what it says it forgives, and rewrites a page to what the commands
print. Also: the excerpts of example files in the guide are in those files."""

from __future__ import annotations

import re

import pytest

from ..conftest import ROOT
from . import guide

PAGE = """# En side

Tekst.

```console
$ honorar ledger init utbetalt.db
Opprettet utbetalingsregisteret utbetalt.db.
$ honorar audit "krav mars.xlsx"
Revisjon av krav mars.xlsx
Funn
[exit 1]
```

```sh
honorar ikke en console-blokk
```

```console
$ honorar ledger show mars
Bunken mars (ført ÅÅÅÅ-MM-DD tt:mm)
```
"""

PRINTS = {
    ("ledger", "init", "utbetalt.db"): ("Opprettet utbetalingsregisteret utbetalt.db.\n", 0),
    ("audit", "krav mars.xlsx"): ("Revisjon av krav mars.xlsx   \nFunn\n\n", 1),
    ("ledger", "show", "mars"): ("Bunken mars (ført 2026-12-06 02:37)\n", 0),
}


def run_with(prints: dict):
    def run(args):
        return prints[tuple(args)]
    return run


def outcomes(page: str = PAGE, prints: dict = PRINTS):
    blocks = guide.parse(page)
    return blocks, guide.run_blocks(blocks, run_with(prints))


def test_blocks_steps_outputs_and_exit_statuses_are_read():
    blocks = guide.parse(PAGE)
    assert [[s.command for s in b.steps] for b in blocks] == [
        ["honorar ledger init utbetalt.db", 'honorar audit "krav mars.xlsx"'],
        ["honorar ledger show mars"]]
    first, second = blocks[0].steps
    assert first.expected == ["Opprettet utbetalingsregisteret utbetalt.db."]
    assert first.exit_code == 0
    assert second.args == ["audit", "krav mars.xlsx"]
    assert second.expected == ["Revisjon av krav mars.xlsx", "Funn"]
    assert second.exit_code == 1


def test_a_page_that_agrees_passes_trailing_spaces_and_the_clock_aside():
    _, found = outcomes()
    assert all(o.agrees for o in found)


def test_a_changed_word_fails_and_says_where():
    prints = dict(PRINTS)
    prints[("audit", "krav mars.xlsx")] = ("Kontroll av krav mars.xlsx\nFunn\n", 1)
    _, found = outcomes(prints=prints)
    drifted = [o for o in found if not o.agrees]
    assert len(drifted) == 1
    told = guide.difference(drifted[0])
    assert '$ honorar audit "krav mars.xlsx"' in told
    assert "-Revisjon av krav mars.xlsx" in told
    assert "+Kontroll av krav mars.xlsx" in told


def test_a_line_more_or_less_fails():
    prints = dict(PRINTS)
    prints[("ledger", "init", "utbetalt.db")] = ("Opprettet utbetalingsregisteret utbetalt.db.\nNy linje\n", 0)
    _, found = outcomes(prints=prints)
    assert not found[0].agrees
    prints[("ledger", "init", "utbetalt.db")] = ("", 0)
    _, found = outcomes(prints=prints)
    assert not found[0].agrees


def test_another_exit_status_fails_with_the_same_output():
    prints = dict(PRINTS)
    prints[("audit", "krav mars.xlsx")] = ("Revisjon av krav mars.xlsx\nFunn\n", 0)
    _, found = outcomes(prints=prints)
    assert not found[1].agrees
    assert "exit status 0, the guide says 1" in guide.difference(found[1])


def test_spacing_inside_a_line_counts():
    prints = dict(PRINTS)
    prints[("audit", "krav mars.xlsx")] = ("Revisjon av  krav mars.xlsx\nFunn\n", 1)
    _, found = outcomes(prints=prints)
    assert not found[1].agrees


def test_only_a_date_with_a_time_of_day_is_normalised():
    assert guide.normalised(["ført 2026-12-06 02:37:05", "møte 2025-03-04", "kl. 02:37"]) == [
        "ført ÅÅÅÅ-MM-DD tt:mm", "møte 2025-03-04", "kl. 02:37"]


def test_rewriting_puts_the_commands_output_in_the_page_and_nothing_else():
    prints = dict(PRINTS)
    prints[("audit", "krav mars.xlsx")] = ("Kontroll av krav mars.xlsx\nTo funn\n", 2)
    blocks, found = outcomes(prints=prints)
    new = guide.rewritten(PAGE, blocks, found)
    assert new == PAGE.replace("Revisjon av krav mars.xlsx\nFunn\n[exit 1]",
                               "Kontroll av krav mars.xlsx\nTo funn\n[exit 2]")
    again = guide.parse(new)
    assert all(o.agrees for o in guide.run_blocks(again, run_with(prints)))


def test_a_block_that_has_grown_is_rewritten_whole():
    page = PAGE.replace("Funn\n[exit 1]", "Funn\nGammel linje\n\n[exit 1]")
    blocks = guide.parse(page)
    new = guide.rewritten(page, blocks, guide.run_blocks(blocks, run_with(PRINTS)))
    assert new == PAGE


@pytest.mark.parametrize("line", [
    "$ cat krav.csv",
    "$ honorar audit krav.csv | head",
    "$ honorar audit krav.csv > rapport.txt",
    "$ honorar audit krav.csv && honorar ledger list",
])
def test_only_honorar_commands_without_shell_features(line):
    page = f"```console\n{line}\n```\n"
    with pytest.raises(guide.GuideError):
        guide.run_blocks(guide.parse(page), run_with({}))


def test_output_before_a_command_and_an_open_fence_are_refused():
    with pytest.raises(guide.GuideError, match="output before any command"):
        guide.parse("```console\nRevisjon\n$ honorar audit x\n```\n")
    with pytest.raises(guide.GuideError, match="closing fence"):
        guide.parse("```console\n$ honorar audit x\n")


EXCERPT = re.compile(r"```yaml\n# (examples/\S+)[^\n]*\n(.*?)```", re.S)


def test_the_excerpts_of_example_files_are_in_those_files():
    excerpts = [(page.name, m.group(1), m.group(2))
                for page in sorted((ROOT / "docs").rglob("*.md"))
                for m in EXCERPT.finditer(page.read_text(encoding="utf-8"))]
    assert excerpts, "the guide shows a plan file"
    for page, name, body in excerpts:
        lines = set((ROOT / name).read_text(encoding="utf-8").split("\n"))
        missing = [line for line in body.split("\n") if line.strip() and line not in lines]
        assert not missing, f"{page}: not in {name}: {missing}"


def test_every_picture_and_page_the_guide_and_the_readme_link_to_is_there():
    links = [(page, target)
             for page in (*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md")
             for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)",
                                      page.read_text(encoding="utf-8"))
             if "://" not in target]
    assert any(target.endswith(".png") for _, target in links)
    assert any(page.parent.name == "nn" for page, _ in links)
    missing = [(page.name, target) for page, target in links
               if not (page.parent / target).exists()]
    assert not missing
