"""The README is the front door: short, its two set-up commands as CI runs them, and a link
to the guide, the option reference, the English reference and ARCHITECTURE.md."""

from __future__ import annotations

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_AUDIT = ("python3 -m venv .venv && .venv/bin/pip install . && "
                     ".venv/bin/honorar audit examples/claims.csv")
INSTALL_AND_TEST = ("python3 -m venv .venv && .venv/bin/pip install '.[test]' && "
                    ".venv/bin/python -m pytest")


def test_the_two_set_up_commands_are_there_as_they_are():
    lines = README.split("\n")
    assert INSTALL_AND_AUDIT in lines and INSTALL_AND_TEST in lines


def test_ci_runs_the_readmes_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().split("\n")[-1]
    assert run.endswith(".venv/bin/pip install --quiet '.[test]' && .venv/bin/python -m pytest")


def test_the_readme_is_short_and_its_fences_are_closed():
    lines = README.split("\n")
    assert len(lines) <= 250
    assert sum(line.startswith("```") for line in lines) % 2 == 0


def test_the_readme_links_to_the_guide_and_the_reference():
    for target in ("docs/README.md", "docs/nn/README.md", "docs/referanse.md",
                   "ARCHITECTURE.md", "docs/reference/commands.md",
                   "docs/reference/findings.md", "docs/reference/errors.md",
                   "docs/reference/rules.md", "docs/reference/development.md"):
        assert f"]({target})" in README, target
