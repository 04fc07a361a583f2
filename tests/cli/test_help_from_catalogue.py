"""Every command's summary and every option's help come from the catalogue: a command or
an option with no words there would show its English in every language."""

from __future__ import annotations

import pytest

from honorar import i18n


def _commands():
    import typer

    from honorar.cli.app import COMMANDS, app

    group = typer.main.get_command(app)
    found = []
    for name in COMMANDS:
        command = group.get_command(None, name)
        subs = getattr(command, "commands", {})
        found.extend((f"{name}.{sub}", each) for sub, each in subs.items())
        if not subs:
            found.append((name, command))
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_command_and_option_has_its_help_in_the_catalogue(lang):
    missing = []
    for path, command in _commands():
        if not i18n.has(f"help.command.{path}", lang):
            missing.append(f"help.command.{path}")
        for param in command.params:
            name = param.name or ""
            if getattr(param, "help", None) is None or name == "help":
                continue
            if not (i18n.has(f"help.{path}.{name}", lang) or i18n.has(f"help.option.{name}", lang)):
                missing.append(f"help.{path}.{name}")
    assert not missing, missing


def test_the_payroll_help_is_in_bokmål(cli):
    result = cli("ledger", "payroll", "--help", columns=200)
    assert "Navnet på bunken" in result.stdout and "--wage-types FIL" in result.stdout
    assert "The batch's name" not in result.stdout


def test_a_files_argument_is_named_in_the_readers_language(cli):
    """`rates check FILE...` was the one placeholder left in English in bokmål's help."""
    result = cli("rates", "check", "--help", columns=200)
    assert "FILE..." not in result.stdout and "FILE " not in result.stdout
    assert "FILER..." in result.stdout


def test_budgets_format_help_offers_only_what_budget_writes(cli):
    """budget has no --impact and refuses csv: its --format help says neither."""
    for lang in i18n.LANGUAGES:
        result = cli("budget", "--help", env={"HONORAR_LANG": lang})
        text = " ".join(result.stdout.split())
        said = text[text.index("--format FORMAT"):text.index("--lang nb|nn|en")]
        assert "csv" not in said and "--impact" not in said, (lang, said)


def test_a_default_number_is_not_written_with_a_decimal_point(cli):
    """`[standard: 30.0]`: a Norwegian reader writes 30, not 30.0."""
    for args in (("ledger", "list"), ("ledger", "record"), ("rates", "diff")):
        result = cli(*args, "--help")
        assert "30.0" not in result.stdout and "[standard: 30]" in result.stdout, args


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_ledger_asked_for_is_named_as_its_help_names_it(cli, lang):
    """`bruk --ledger STI` where the help says `--ledger FIL`."""
    import re

    shown = re.search(r"--ledger (\S+)", cli("ledger", "list", "--help",
                                            env={"HONORAR_LANG": lang}).stdout).group(1)
    result = cli("ledger", "list", "--lang", lang, env={"HONORAR_LEDGER": ""})
    assert result.exit_code == 2 and f"--ledger {shown} " in result.stderr, result.stderr
