"""Help that speaks of values, not of Python types.

typer writes an option's value as its type (`--hours <str>`, `--rates-dir <list[Path]>`),
an argument twice (`OLD <str>`) and a required argument in braces (`{OLD}`), and cuts a
command's summary at 45 characters. Each command is given, once it is built, value names a
person recognises (`--hours HOURS`, `--start HH:MM`, `--lang nb|en`) and its summary whole.
"""

from __future__ import annotations

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
    """Give `command` and its subcommands value names and whole summaries (in place)."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
        elif param.param_type_name == "option" and not param.is_flag and param.metavar is None:
            param.metavar = _value_name(param)
    if not command.short_help and command.help:
        command.short_help = command.help.strip().split("\n\n")[0]
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def _value_name(option: Any) -> str:
    choices = option.type_descriptor.choices if option.type_descriptor.is_choice else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    name = VALUE_NAMES.get(option.opts[0]) or option.opts[0].lstrip("-").upper()
    return name
