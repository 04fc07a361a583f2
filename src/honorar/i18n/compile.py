"""Join each language's `.po` files into the `honorar.mo` that honorar reads.

Run `python -m honorar.i18n.compile` after changing a catalogue; `--check` says which
`.mo` is out of date and exits 1, changing nothing. Needs Babel (a dependency), imported
only here.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from . import DOMAIN, HERE, LANGUAGES

_FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def po_files(lang: str) -> list[Path]:
    return sorted((HERE / lang).glob("*.po"))


def read_catalogue(lang: str):
    """A language's `.po` files as one Babel catalogue; a key in two files is an error."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    # a fixed date: the compiled file is the same whenever it is compiled
    joined = Catalog(locale=lang, domain=DOMAIN, creation_date=_FIXED, revision_date=_FIXED)
    joined.plural_forms  # noqa: B018 - settles the header from the locale
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


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for lang in LANGUAGES:
        target = HERE / lang / f"{DOMAIN}.mo"
        compiled = mo_bytes(lang)
        if target.exists() and target.read_bytes() == compiled:
            continue
        stale.append(target)
        if not check:
            target.write_bytes(compiled)
    for target in stale:
        print(f"{'out of date' if check else 'written'}: {target.relative_to(HERE.parent)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
