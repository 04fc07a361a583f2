"""The `honorar` command line: a thin shell over the library.

Subcommands are imported only when they run, so `honorar calc` does not pay for the audit,
the tables commands or the budget. Any problem with what the user typed or gave us ends in
one line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

# name → (module holding a Typer `app`, one-line help)
COMMANDS = {
    "calc": ("honorar.cli.calc", "Calculate the fee for one meeting."),
    "audit": ("honorar.cli.audit", "Audit a file of claims before they are paid."),
    "rates": ("honorar.cli.rates", "List, show, check and compare rate tables."),
    "budget": ("honorar.cli.budget", "Cost a working group before it starts."),
    "ledger": ("honorar.cli.ledger", "Record what was paid, so nothing is paid twice."),
}

USAGE_ERROR = 2
ENVIRONMENT_ERROR = 3


class UsageProblem(Exception):
    """Bad options or unusable input: one line for the user, exit code 2.

    The line is English; where it is already written in every language (a message of
    `render.messages`), `said` holds it by language and is shown as it is.
    """

    def __init__(self, message: str, said: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.said = said or {}


class EnvironmentProblem(Exception):
    """The machine failed the command (disk, permissions, a lock, a closed stream, a signal),
    not the user's input: one line, exit code 3."""


class HonorarGroup(TyperGroup):
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
        code = run_one_line_errors(
            lambda: super(HonorarGroup, self).main(
                args=args, prog_name="honorar", complete_var=complete_var,
                standalone_mode=False, **extra),
            lang=language(sys.argv[1:] if args is None else args))
        if standalone_mode:
            sys.exit(code)
        return code


def language(args: Any) -> str:
    """The --lang of a command line (the last one given), for errors found before or while
    the command parses it; bokmål unless it asks for English."""
    lang = "nb"
    words = [str(a) for a in args]
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(words):
            lang = words[i + 1]
        elif word.startswith("--lang="):
            lang = word.partition("=")[2]
    return "en" if lang == "en" else "nb"


def run_one_line_errors(invoke: Any, prog: str = "honorar", lang: str = "nb") -> int:
    """Run the command line; turn any usage or input problem into one line and exit 2."""

    def _fail(prog: str, message: str, code: int) -> int:
        return fail(prog, message, code, lang)

    try:
        result = invoke()
    except UsageProblem as err:
        if lang in err.said:
            return fail(prog, err.said[lang], USAGE_ERROR, "en")  # "en": said as it is
        return _fail(prog, str(err), USAGE_ERROR)
    except EnvironmentProblem as err:
        return _fail(prog, str(err), ENVIRONMENT_ERROR)
    except KeyboardInterrupt:
        return _fail(prog, "interrupted", 130)
    except Exception as err:
        if type(err).__name__ == "NoArgsIsHelpError":  # a bare `honorar`: show the help
            print(err.format_message())
            return USAGE_ERROR
        # click's usage errors (vendored or not) carry these two; anything else is a bug
        if hasattr(err, "format_message") and hasattr(err, "exit_code"):
            from .usage import usage_line

            return _fail(prog, usage_line(err), err.exit_code)
        if type(err).__name__ == "Abort":
            return _fail(prog, "aborted", 1)
        raise
    return result if isinstance(result, int) else 0


def fail(prog: str, message: str, code: int, lang: str = "nb") -> int:
    """Print one line on stderr, in `lang`, and give back the exit code."""
    from ..render.messages import problem_text

    line = problem_text(" ".join(str(message).split()), lang)
    print(f"{prog}: error: {line}", file=sys.stderr)
    return code


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
