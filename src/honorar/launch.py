"""The `honorar` command's entry point: a quick start before the command line is loaded.

Importing typer, click and pydantic allocates a great many objects that live as long as
the process. Collections that run while they are imported search all of them and free
nothing; that costs a short command such as `calc` a tenth of its run. So nothing is
collected while the command line is imported, and what was imported is then frozen out
of the collector's way. Collection runs as usual for the command's own work.
"""

from __future__ import annotations

import gc


def main() -> None:
    collecting = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as run
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
    run()
