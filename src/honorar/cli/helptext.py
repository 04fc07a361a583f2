"""Help that speaks of values, not of Python types.

typer writes an option's value as its type (`--hours <str>`, `--rates-dir <list[Path]>`),
an argument twice (`OLD <str>`) and a required argument in braces (`{OLD}`), and cuts a
command's summary at 45 characters. Each command is given, once it is built, value names a
person recognises (`--hours HOURS`, `--start HH:MM`, `--lang nb|en`) and its summary whole.
"""

from __future__ import annotations

import types
from typing import Any

from typer.core import TyperArgument

# what a value is called in help; an option not named here is called by its own name
VALUE_NAMES = {
    "--scheme": "SCHEME", "--date": "DATE", "--paid-on": "DATE", "--hours": "HOURS",
    "--travel-hours": "HOURS", "--start": "HH:MM", "--end": "HH:MM",
    "--attendance": "ATTENDANCE", "--activity": "ACTIVITY", "--lost-income": "KR",
    "--gift": "KR", "--expenses": "KR", "--flag-above": "KR", "--km": "KM",
    "--passenger-km": "KM", "--distance-km": "KM", "--vehicle": "VEHICLE",
    "--departure": "DATE-TIME", "--return": "DATE-TIME", "--nights": "N",
    "--nights-without-receipt": "N", "--meals": "MEALS", "--format": "FORMAT",
    "--rates-dir": "DIR", "--mapping": "FILE", "--impact": "CLAIMS", "--output": "FILE",
    "--plan": "FILE", "--ledger": "FILE", "--sheet": "SHEET", "--encoding": "ENCODING",
    "--delimiter": "CHAR", "--date-order": "dmy|mdy", "--by": "WHAT", "--top": "N",
    "--reps": "N", "--year": "YEAR", "--batch": "NAME", "--wait": "SECONDS",
    "--wage-types": "FILE", "--impact-ledger": "LEDGER", "--lodging": "LODGING",
}


class _Argument(TyperArgument):
    """An argument shown by its name alone: `OLD`, `[FILE]`, `FILE...`."""

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def _rich_display_name(self) -> str:
        return self.display_name_raw

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


def tidy(command: Any) -> Any:
    """Give `command` and its subcommands value names, whole summaries and the language the
    line asks for (`--lang` anywhere on it, else HONORAR_LANG) as the default of their
    `--lang` (in place)."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
        elif param.param_type_name == "option" and not param.is_flag and param.metavar is None:
            param.metavar = _value_name(param)
        if param.name == "lang":  # the line's --lang, else HONORAR_LANG: what a command writes too
            param.default = LANG
    if not command.short_help and command.help:
        command.short_help = command.help.strip().split("\n\n")[0]
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return speaking(command)


def _value_name(option: Any) -> str:
    choices = option.type_descriptor.choices if option.type_descriptor.is_choice else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    name = VALUE_NAMES.get(option.opts[0]) or option.opts[0].lstrip("-").upper()
    return name


# ------------------------------------------------------------------ help in the reader's language

LANG = "nb"  # set by the command group from --lang or HONORAR_LANG before anything is parsed


def _words(key: str, default: str | None = None) -> str | None:
    from .. import i18n  # loaded only when help is shown: one catalogue, no Babel

    return i18n.text(key, LANG) if i18n.has(key, LANG) else default


def _click_words(text: str) -> str:
    """typer's own words in its help ("Options", "default: …"), in the reader's language."""
    return _words("help.click." + text, text) or text


class Spoken:
    """A command whose help is read from the catalogue when it is shown, in `LANG`;
    nothing is looked up for a command that only runs."""

    __slots__ = ()

    def _path(self, ctx: Any) -> str:
        return ".".join(ctx.command_path.split()[1:]) or "honorar"

    def get_short_help_str(self, limit: int = 45) -> str:
        path = getattr(self, "_honorar_path", None) or self.name or ""
        found = _words(f"help.command.{path}")
        return found.split("\n\n")[0] if found else \
            _base(self).get_short_help_str(self, limit)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        path = self._path(ctx)
        self.help = _words(f"help.command.{path}", self.help)
        for command in getattr(self, "commands", {}).values():
            command._honorar_path = f"{path}.{command.name}" if path != "honorar" else command.name
        for param in self.params:
            name = param.name or ""
            if getattr(param, "help", None) is not None or name == "help":
                param.help = _words(f"help.{path}.{name}", None) or _words(f"help.option.{name}",
                                                                        param.help)
            if getattr(param, "metavar", None) and "|" not in param.metavar:
                param.metavar = _words(f"help.value.{param.metavar}", param.metavar)
        shown = self.get_help_option(ctx)  # type: ignore[attr-defined]
        if shown is not None:
            shown.help = _words("help.option.help", shown.help)
        self.options_metavar = _words("help.usage.options", self.options_metavar)
        if hasattr(self, "subcommand_metavar"):
            self.subcommand_metavar = _words("help.usage.command", self.subcommand_metavar)
        import typer.core

        typer.core._ = _click_words  # type: ignore[attr-defined]
        _base(self).format_help(self, ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=_words("help.usage.prefix", "Usage:") + " ")

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if hasattr(self, "commands"):
            args = _lang_to_the_command(args)
            if args and not args[0].startswith("-") and not ctx.resilient_parsing and \
                    args[0] not in self.list_commands(ctx):  # type: ignore[attr-defined]
                from ..problem import said
                from .errors import UsageProblem

                raise UsageProblem(said("usage.no_such_command", name=args[0]))
            return _base(self).parse_args(self, ctx, args)
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        rest = _base(self).parse_args(self, ctx, args)
        ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not ctx.resilient_parsing:
            from ..problem import said
            from .errors import UsageProblem

            raise UsageProblem(said("usage.extra_arguments", args=" ".join(ctx.args)))
        return rest


def _lang_to_the_command(args: list[str]) -> list[str]:
    """A group has no --lang of its own: one given before the command (`honorar --lang en
    calc …`) or beside a group's --help (`honorar rates --help --lang nn`) goes on to the
    command, or (no command: the help) was read already to choose the help's language."""
    rest: list[str] = []
    lang: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            rest += args[i:]
            break
        if word == "--lang" and i + 1 < len(args):
            lang, i = [word, args[i + 1]], i + 2
            continue
        if word.startswith("--lang="):
            lang, i = [word], i + 1
            continue
        rest.append(word)
        i += 1
    command = any(not word.startswith("-") for word in rest)
    return rest + lang if command else rest


def _base(command: Any) -> type:
    """The class whose methods `Spoken`'s stand in front of."""
    cls = type(command)
    if issubclass(cls, Spoken):
        return next(c for c in cls.__mro__[1:] if not issubclass(c, Spoken))
    return cls


_METHODS = ("get_short_help_str", "format_help", "format_usage", "parse_args", "_path")


def speaking(command: Any) -> Any:
    """`command`, its help read from the catalogue when shown (its own methods set on it:
    typer builds it, and its class cannot be changed)."""
    if not isinstance(command, Spoken):
        for name in _METHODS:
            setattr(command, name, types.MethodType(getattr(Spoken, name), command))
    return command
