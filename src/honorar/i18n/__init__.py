"""Every word honorar shows, looked up by its key in one catalogue per language.

The catalogues are gettext `.po` files: a folder per language (`nb`, `nn`, `en`), a file per
area (`common.po`, …). A message id is a stable key (`severity.warning`), never English
text: English is a catalogue like the others. Placeholders are `{name}`, filled by
`str.format_map`; a placeholder given no value is left as it is written.

`python -m honorar.i18n.compile` joins a language's files into its `honorar.mo`, which is
what runs: the standard library reads it in about a millisecond, where Babel's `.po`
reader would cost `calc` a fifth of its start. `tests/i18n` fails when a `.mo` is older
than its `.po` files, or a key or a placeholder is missing in a language.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from pathlib import Path

LANGUAGES = ("nb", "nn", "en")
DEFAULT = "nb"
HERE = Path(__file__).parent
DOMAIN = "honorar"


class MissingText(KeyError):
    """A key no catalogue of the language holds: honorar's own fault, never the user's."""


class _Kept(dict):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


@functools.cache
def _catalogue(lang: str) -> dict:
    if lang not in LANGUAGES:
        raise MissingText(f"no catalogue for the language {lang!r}")
    with (HERE / lang / f"{DOMAIN}.mo").open("rb") as file:
        translations = gettext.GNUTranslations(file)
    return {"messages": translations._catalog, "plural": translations.plural}


def has(key: str, lang: str) -> bool:
    messages = _catalogue(lang)["messages"]
    return key in messages or (key, 0) in messages


def template(key: str, lang: str, count: int | None = None) -> str:
    """The words of `key` in `lang`, unfilled; for a counted message, the form for
    `count` by the catalogue's own plural rule."""
    catalogue = _catalogue(lang)
    messages = catalogue["messages"]
    if (key, 0) in messages:
        form = catalogue["plural"](count if count is not None else 2)
        return messages[(key, form)]
    try:
        return messages[key]
    except KeyError:
        raise MissingText(f"{key!r} is not in the {lang!r} catalogue") from None


def text(key: str, lang: str, params: Mapping[str, object] | None = None, *,
         count: int | None = None) -> str:
    """`key` in `lang`, its placeholders filled from `params` (already formatted for the
    language: money, dates and numbers are the caller's)."""
    words = template(key, lang, count)
    if not params:
        return words
    return words.format_map(_Kept({name: value for name, value in params.items()}))


def counted(key: str, count: int, lang: str, params: Mapping[str, object] | None = None) -> str:
    """`key` for `count` things ("1 natt", "2 netter"); `{count}` is filled with it unless
    `params` gives it already formatted."""
    return text(key, lang, {"count": count, **(params or {})}, count=count)


@functools.cache
def section(prefix: str, lang: str):
    """Every key under `prefix.` in `lang`, as the dict of words a renderer looks up: its
    keys are the rest of the message ids; a part whose keys are 0, 1, … is a tuple."""
    start = prefix + "."
    tree: dict = {}
    for key in _catalogue(lang)["messages"]:
        name = key[0] if isinstance(key, tuple) else key
        if not name.startswith(start) or (isinstance(key, tuple) and key[1]):
            continue
        *path, last = name[len(start):].split(".")
        node = tree
        for part in path:
            node = node.setdefault(part, {})
        node[last] = template(name, lang)
    return _tuples(tree)


def _tuples(node):
    if not isinstance(node, dict):
        return node
    node = {name: _tuples(value) for name, value in node.items()}
    if node and all(name.isdigit() for name in node):
        return tuple(node[str(i)] for i in range(len(node)))
    return node


class Words:
    """A renderer's words by language: `Words("audit.table")["nn"]` is the dict of every key
    under `audit.table.` in nynorsk (a single key gives its text)."""

    __slots__ = ("_by_lang", "prefix")

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._by_lang: dict[str, object] = {}

    def __getitem__(self, lang: str):
        try:
            return self._by_lang[lang]
        except KeyError:
            pass
        if lang not in LANGUAGES:
            raise KeyError(lang)
        words = template(self.prefix, lang) if has(self.prefix, lang) else \
            section(self.prefix, lang)
        self._by_lang[lang] = words
        return words

    def __contains__(self, lang: object) -> bool:
        return lang in LANGUAGES

    def __iter__(self):
        return iter(LANGUAGES)

    def get(self, lang: str, default=None):
        return self[lang] if lang in LANGUAGES else default
