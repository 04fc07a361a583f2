"""The `honorar` command line: a thin shell over the library.

Subcommands are imported only when they run, so `honorar calc` does not pay for the audit,
the tables commands or the budget. How a command ends (exit codes, one-line errors) is in
`errors`.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from . import helptext
from .errors import run_one_line_errors
from .helptext import Spoken

# name → (module holding a Typer `app`, one-line help)
COMMANDS = {
    "calc": ("honorar.cli.calc", "Calculate the fee for one meeting."),
    "audit": ("honorar.cli.audit", "Audit a file of claims before they are paid."),
    "rates": ("honorar.cli.rates", "List, show, check and compare rate tables."),
    "budget": ("honorar.cli.budget", "Cost a working group before it starts."),
    "ledger": ("honorar.cli.ledger", "Record what was paid, so nothing is paid twice."),
}

class HonorarGroup(Spoken, TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        from .helptext import tidy

        module = importlib.import_module(COMMANDS[name][0])
        command = typer.main.get_command(module.app)
        command.name = name
        command.short_help = command.short_help or COMMANDS[name][1]
        return tidy(command)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        lang = language(sys.argv[1:] if args is None else args)
        helptext.LANG = lang
        code = run_one_line_errors(
            lambda: super(HonorarGroup, self).main(
                args=args, prog_name="honorar", complete_var=complete_var,
                standalone_mode=False, **extra),
            lang=lang)
        if standalone_mode:
            sys.exit(code)
        return code


LANG_VAR = "HONORAR_LANG"  # nb, nn or en: the language when no --lang is given
LANGUAGES = ("nb", "nn", "en")


def language(args: Any) -> str:
    """The --lang of a command line (the last one given), else HONORAR_LANG, else bokmål:
    read before the command is parsed, for its help and for errors found on the way."""
    lang = os.environ.get(LANG_VAR, "nb").strip().lower()
    words = [str(a) for a in args]
    for i, word in enumerate(words):
        if word == "--":
            break
        given = words[i + 1] if word == "--lang" and i + 1 < len(words) else \
            word.partition("=")[2] if word.startswith("--lang=") else None
        if given in LANGUAGES:  # a language honorar has not is refused in the one before
            lang = given
    return lang if lang in LANGUAGES else "nb"


app = typer.Typer(
    cls=HonorarGroup,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("honorar")
        except PackageNotFoundError:  # run from a source tree that is not installed
            from .. import __version__ as number
        print(f"honorar {number}")
        raise typer.Exit()


@app.callback()
def honorar(
    show_version: bool = typer.Option(False, "--version", callback=_show_version,
                                      is_eager=True, help="Show the version and exit."),
) -> None:
    """Fees of user representatives (brukerrepresentanter) in Norwegian health services:
    exact, explained, auditable."""


def main() -> None:
    # Pydantic looks through every installed package for plugins before it builds a model;
    # that scan costs more than the rest of a `calc`, and no plugin has a use in this
    # process. A user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="honorar")
