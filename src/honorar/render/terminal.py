"""What reaches a terminal from the data: text only, never a control sequence.

A name, a claim id or a cell of a claims file is whatever its author typed, and a terminal
obeys control characters: an escape sequence in a name could clear the screen, move the
cursor over a finding, or plant a hyperlink (OSC 8). Every human report (the tables of
audit, rates, budget, calc and ledger, and the one-line errors) passes its text through
`plain` here; the report's own styling is added after it, by rich, and is not touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console as _RichConsole
from rich.segment import Segment

# C0 and C1 controls but the line break, DEL, and the marks that turn text right to left
# (which can make a line read otherwise than it is)
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# every control character, the line break too: what a text from the data may not bring
_ANY_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHOWN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` from the data with its control characters shown as escapes (`\\n`, `\\x1b`,
    `\\u202e`), so that a line feed in a name cannot start a line of the report of its own
    (and forge a finding), nor an escape sequence act."""
    if not _ANY_CONTROL.search(text):
        return text
    return _ANY_CONTROL.sub(lambda m: _SHOWN.get(m[0]) or (
        f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}"), text)


def escape(text: str) -> str:
    """`text` from the data for a rich markup string: its markup escaped (rich's `escape`)
    and its control characters shown (`visible`)."""
    from rich.markup import escape as markup_escape

    return markup_escape(visible(text))


def plain(text: str) -> str:
    """`text` without control characters: they are left out, what they wrapped stays."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


class Console(_RichConsole):
    """rich's Console, whose text from the data never carries a control character."""

    def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and _CONTROL.search(segment.text):
                yield Segment(plain(segment.text), segment.style)
            else:
                yield segment
