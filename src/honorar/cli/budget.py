"""`honorar budget` (being built)."""

import typer

from . import UsageProblem

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def budget() -> None:
    raise UsageProblem("'honorar budget' is not available yet")
