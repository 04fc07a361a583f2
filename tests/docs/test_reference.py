"""docs/referanse.md is the command line's own help, for every command and subcommand: it
fails here when an option is added, renamed or reworded and the page is not made anew
(`HONORAR_UPDATE_DOCS=1 python -m pytest -q tests/docs`)."""

from __future__ import annotations

import os

from . import reference


def test_every_command_and_subcommand_is_in_the_reference():
    paths = reference.command_paths()
    assert () in paths
    assert {("audit",), ("calc",), ("budget",), ("rates", "diff"), ("rates", "check"),
            ("ledger", "record"), ("ledger", "report")} <= set(paths)


def test_the_reference_is_the_help_of_today():
    made = reference.page()
    if os.environ.get("HONORAR_UPDATE_DOCS") == "1":
        if not reference.PAGE.exists() or reference.PAGE.read_text(encoding="utf-8") != made:
            reference.PAGE.write_text(made, encoding="utf-8")
        return
    assert reference.PAGE.read_text(encoding="utf-8") == made, (
        "docs/referanse.md is not the help of today's commands: "
        "HONORAR_UPDATE_DOCS=1 python -m pytest -q tests/docs writes it anew")


def test_a_changed_option_makes_the_reference_stale(monkeypatch):
    """The help is read from the catalogue: a reworded option there must make the page
    stale (and show in the page made)."""
    from honorar import i18n

    text_of = i18n.text

    def reworded(key, lang, params=None, **kwargs):
        if key == "help.option.paid_on":
            return "Dagen bunken ble betalt (omskrevet)."
        return text_of(key, lang, params, **kwargs)

    monkeypatch.setattr(i18n, "text", reworded)
    made = reference.page()
    assert "Dagen bunken ble betalt (omskrevet)." in made
    assert made != reference.PAGE.read_text(encoding="utf-8")
