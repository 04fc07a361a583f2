"""click's (typer's) own usage errors as a problem in honorar's style, chosen by the
exception's class and its attributes (the option, the parameter, the possibilities) and,
for a value that did not convert, by pydantic's error type: never by click's English."""

from __future__ import annotations

from typing import Any

from ..problem import Said, said

# pydantic's error types for an option's value, as honorar says them
_VALUE_TYPES = {
    "int_parsing": "value.not_whole_number",
    "int_from_float": "value.not_whole_number",
    "int_type": "value.not_whole_number",
    "float_parsing": "value.not_number",
    "decimal_parsing": "value.not_number",
    "bool_parsing": "value.not_yes_no_plain",
    "date_parsing": "value.not_date_plain",
    "date_from_datetime_parsing": "value.not_date_plain",
}


def usage_line(err: Any) -> Said:
    """What a usage error raised while click parsed the command line says."""
    kind = type(err).__name__
    if kind == "MissingParameter":
        param = err.param
        if param is not None and param.param_type_name == "argument":
            return said("usage.missing_argument", argument=argument_word(param.name))
        name = param.opts[0] if param is not None and param.opts else ""
        return said("usage.missing_option", option=name)
    if kind == "NoSuchOption":
        if err.possibilities:
            return said("usage.no_such_option_hint", option=err.option_name,
                        possibilities=", ".join(sorted(err.possibilities)))
        return said("usage.no_such_option", option=err.option_name)
    if kind == "BadOptionUsage":
        nargs = _nargs(err)
        if nargs > 1:
            return said("usage.option_needs_values", option=err.option_name, count=nargs)
        return said("usage.option_needs_value", option=err.option_name)
    if kind == "BadParameter":
        return _bad_value(err)
    return said("usage.other", message=str(err.format_message()).strip().removesuffix("."))


def argument_word(name: str | None) -> Said:
    """An argument as a word of the sentence ("fila", "versjonen"), not its metavar."""
    return said(f"argument.{name}") if name in _ARGUMENTS else said("argument.other",
                                                                    name=str(name))


_ARGUMENTS = {"file", "files", "path", "batch", "version", "old", "new"}


def _nargs(err: Any) -> int:
    ctx = getattr(err, "ctx", None)
    for param in getattr(getattr(ctx, "command", None), "params", ()):
        if err.option_name in getattr(param, "opts", ()):
            return int(param.nargs or 1)
    return 1


def _where(err: Any) -> Any:
    param = err.param
    if param is None:
        return None
    if param.param_type_name == "argument":
        return argument_word(param.name)
    return param.opts[0] if param.opts else param.name


def _bad_value(err: Any) -> Said:
    cause = err.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    where = _where(err)
    detail: Any = None
    if errors:
        first = errors[0]
        value = str(first.get("input", ""))
        key = _VALUE_TYPES.get(first.get("type", ""))
        choices = _choices(err.param)
        if key is not None:
            detail = said(key, value=value)
        elif choices:
            detail = said("value.not_one_of", value=value, choices=", ".join(choices))
    if detail is None:
        reason = getattr(cause, "said", None)
        detail = reason if isinstance(reason, Said) else said(
            "usage.other", message=str(err.message).removesuffix("."))
    return said("usage.option", option=where, reason=detail) if where is not None else detail


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice:
        return []
    return [str(getattr(c, "value", c)) for c in descriptor.choices]
