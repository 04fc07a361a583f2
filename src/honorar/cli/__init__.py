"""The `honorar` command line (`app`): one module per command, `errors` for how a command
ends, `options` for the options several commands share."""

from .app import app, main

__all__ = ["app", "main"]
