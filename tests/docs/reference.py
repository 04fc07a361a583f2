"""docs/referanse.md, the option reference, made from the command line's own help: `honorar
--help`, then `honorar COMMAND --help` for every command and every subcommand, in the order
`honorar --help` lists them. It cannot drift from the options: tests/docs/test_reference.py
fails when the page is not what this makes, and

    HONORAR_UPDATE_DOCS=1 python -m pytest -q tests/docs

(or `python -m tests.docs.reference`) writes it anew.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PAGE = ROOT / "docs" / "referanse.md"
COLUMNS = 100

HEAD = """# Alle kommandoer og valg

Hjelpeteksten til hver kommando og underkommando i honorar, slik `honorar KOMMANDO --help`
skriver den ut. Siden lages fra kommandoene selv (`tests/docs/reference.py`) og testes mot
dem, så den er alltid i takt med programmet; ikke rediger den for hånd. Hjelpeteksten er på
bokmål; `--lang nn` eller `--lang en` (eller `HONORAR_LANG`) gir den på nynorsk eller engelsk.

Oppgavene er forklart i [veiledningen](README.md).
"""


def command_paths() -> list[tuple[str, ...]]:
    """Every command line that has a help of its own: (), ("audit",), ("rates", "diff") …"""
    import typer

    from honorar.cli.app import COMMANDS, HonorarGroup, app

    group = typer.main.get_command(app)
    assert isinstance(group, HonorarGroup)
    paths: list[tuple[str, ...]] = [()]
    for name in COMMANDS:
        command = group.get_command(None, name)
        paths.append((name,))
        for sub in getattr(command, "commands", {}):
            paths.append((name, sub))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    """What `honorar PATH --help` prints in a terminal COLUMNS wide."""
    from typer.testing import CliRunner

    from honorar.cli import app

    result = CliRunner().invoke(app, [*path, "--help"],
                                env={"COLUMNS": str(COLUMNS), "HONORAR_LANG": None,
                                     "HONORAR_RATES": "", "HONORAR_LEDGER": None,
                                     "FORCE_COLOR": None, "TTY_COMPATIBLE": None,
                                     "NO_COLOR": "1", "TERM": "dumb"})
    if result.exit_code != 0:
        raise RuntimeError(f"honorar {' '.join(path)} --help ended with {result.exit_code}:\n"
                           f"{result.output}")
    return "\n".join(line.rstrip() for line in result.output.rstrip().split("\n"))


def page() -> str:
    parts = [HEAD]
    for path in command_paths():
        title = " ".join(("honorar", *path))
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def main() -> None:
    PAGE.write_text(page(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
