"""`honorar audit` (being built)."""

import typer

from . import UsageProblem

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def audit() -> None:
    raise UsageProblem("'honorar audit' is not available yet")
