"""`honorar rates` (being built)."""

import typer

from . import UsageProblem

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def rates() -> None:
    raise UsageProblem("'honorar rates' is not available yet")
