"""Join each language's `.po` files into the `honorar.mo` that honorar reads.

Run `python -m honorar.i18n.compile` after changing a catalogue; `--check` says which
`.mo` is out of date and exits 1, changing nothing. Needs Babel (a dependency), imported
only here.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import sys
from pathlib import Path

from . import DOMAIN, HERE, LANGUAGES


def po_files(lang: str) -> list[Path]:
    return sorted((HERE / lang).glob("*.po"))


def read_catalogue(lang: str):
    """A language's `.po` files as one Babel catalogue; a key in two files is an error."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    # a fixed date: the same .po files make the same .mo, whenever they are compiled
    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    joined = Catalog(locale=lang, domain=DOMAIN, project="honorar", version="",
                     creation_date=fixed, revision_date=fixed)
    seen: dict[str, Path] = {}
    for path in po_files(lang):
        with path.open("rb") as file:
            catalogue = read_po(file, locale=lang, domain=DOMAIN)
        for message in catalogue:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in seen:
                raise ValueError(f"{path}: {key!r} is in {seen[key]} too")
            seen[key] = path
            joined[message.id] = message
    return joined


def mo_bytes(lang: str) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(lang))
    return buffer.getvalue()


def _messages(compiled: bytes) -> tuple[dict, tuple[int, ...]]:
    """What a `.mo` says, as honorar reads it: its messages (not its header, which names
    the Babel that wrote it) and its plural form for 0 to 5."""
    translations = gettext.GNUTranslations(io.BytesIO(compiled))
    messages = {key: words for key, words in translations._catalog.items() if key != ""}
    return messages, tuple(translations.plural(n) for n in range(6))


def is_current(lang: str) -> bool:
    target = HERE / lang / f"{DOMAIN}.mo"
    return target.exists() and _messages(target.read_bytes()) == _messages(mo_bytes(lang))


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for lang in LANGUAGES:
        target = HERE / lang / f"{DOMAIN}.mo"
        if is_current(lang):
            continue
        stale.append(target)
        if not check:
            target.write_bytes(mo_bytes(lang))
    for target in stale:
        print(f"{'out of date' if check else 'written'}: {target.relative_to(HERE.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
