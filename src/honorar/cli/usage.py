"""click's (typer's) own usage errors as one line in honorar's style: `--lang: 'de' is not one
of nb, en`, as the commands' own checks say it, rather than click's sentences with their
type names. The line is English; `render.messages.problem_text` gives it in bokmål."""

from __future__ import annotations

import re
from typing import Any

_CHOICE = re.compile(r"^(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.*?)\.?$")
_REQUIRES = re.compile(r"^Option '(?P<option>[^']+)' requires (?:an argument|(?P<n>\d+) arguments)\.?$")
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.?$")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:\(s\)|s?) \((?P<args>.*)\)$")

# pydantic's error types for an option's value, as honorar says them
_VALUE_TYPES = {
    "int_parsing": "{value} is not a whole number",
    "int_from_float": "{value} is not a whole number",
    "int_type": "{value} is not a whole number",
    "float_parsing": "{value} is not a number",
    "decimal_parsing": "{value} is not a number",
    "bool_parsing": "{value} is not yes or no",
    "date_parsing": "{value} is not a date",
    "date_from_datetime_parsing": "{value} is not a date",
}


def usage_line(err: Any) -> str:
    """One line for a usage error raised while click parsed the command line."""
    kind = type(err).__name__
    if kind == "MissingParameter":
        what = err.param_type or (err.param.param_type_name if err.param else "parameter")
        return f"missing {what} {_hint(err)}".rstrip()
    if kind == "NoSuchOption":
        line = f"no such option: {err.option_name}"
        if err.possibilities:
            line += f" (did you mean {', '.join(sorted(err.possibilities))}?)"
        return line
    if kind == "BadParameter":
        hint = _hint(err)
        detail = _detail(err)
        return f"{hint}: {detail}" if hint else detail
    message = str(err.format_message()).strip()
    if found := _REQUIRES.match(message):
        values = f"{found['n']} values" if found["n"] else "a value"
        return f"{found['option']} needs {values}"
    if found := _NO_COMMAND.match(message):
        return f"no such command '{found['name']}'"
    if found := _EXTRA.match(message):
        return f"unexpected extra arguments: {found['args']}"
    return message.removesuffix(".")


def _hint(err: Any) -> str:
    hint = err.param_hint
    if hint is None and err.param is not None:
        hint = err.param.get_error_hint()
    if hint is None:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(hint)
    return hint.replace("'", "")


def _detail(err: Any) -> str:
    cause = err.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if errors:
        first = errors[0]
        template = _VALUE_TYPES.get(first.get("type", ""))
        if template is not None:
            return template.format(value=repr(str(first.get("input", ""))))
    message = str(err.message).removeprefix("Value error, ").strip()
    if found := _CHOICE.match(message):
        choices = ", ".join(c.strip().strip("'") for c in found["choices"].split(","))
        return f"{found['value']} is not one of {choices}"
    return message.removesuffix(".")
