"""docs/reference/errors.md lists every problem code a user can meet with its English
words: the table is the English catalogue's, so it fails here when a problem is added or
reworded and the page is not made anew (`HONORAR_UPDATE_DOCS=1 python -m pytest -q
tests/docs`). The families named by a pattern (`os.<ERRNO>`, `model.<type>`, …) are
written by hand below the codes."""

from __future__ import annotations

import os
from pathlib import Path

from honorar.i18n import compile as po

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "errors.md"
PREFIX = "problem."
# codes a family row names together, by a pattern
FAMILIES = ("os.", "model.", "yaml.", "claims.kind.", "argument.")
HEAD = "| code | says (English) |\n|---|---|\n"


def _cell(words: str) -> str:
    return words.replace("|", "\\|").replace("\n", " ")


def code_rows() -> list[str]:
    rows = []
    for message in po.read_catalogue("en"):
        key = message.id if isinstance(message.id, str) else message.id[0]
        if not key.startswith(PREFIX):
            continue
        code = key[len(PREFIX):]
        if code.startswith(FAMILIES):
            continue
        words = message.string if isinstance(message.string, str) else message.string[-1]
        rows.append((code, f"| `{code}` | {_cell(words)} |"))
    return [row for _, row in sorted(rows)]


def page_made(text: str) -> str:
    start = text.index(HEAD) + len(HEAD)
    families = next(i for i, line in enumerate(text[start:].splitlines(keepends=True))
                    if line.startswith(tuple(f"| `{f}" for f in FAMILIES)))
    rest = text[start:].splitlines(keepends=True)
    return text[:start] + "".join(row + "\n" for row in code_rows()) + "".join(rest[families:])


def test_the_table_of_problem_codes_is_the_catalogues():
    text = PAGE.read_text(encoding="utf-8")
    made = page_made(text)
    if os.environ.get("HONORAR_UPDATE_DOCS") == "1":
        if made != text:
            PAGE.write_text(made, encoding="utf-8")
        return
    assert text == made, ("docs/reference/errors.md's problem codes are not the catalogue's: "
                          "HONORAR_UPDATE_DOCS=1 python -m pytest -q tests/docs writes them anew")


def test_a_reworded_problem_makes_the_table_stale():
    text = PAGE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `ledger.none` |"))
    assert page_made(text.replace(row, "| `ledger.none` | reworded |")) == page_made(text)
    assert page_made(text.replace(row, "| `ledger.none` | reworded |")) != text.replace(
        row, "| `ledger.none` | reworded |")
