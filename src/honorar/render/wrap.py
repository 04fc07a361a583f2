"""Text for the terminal that breaks only where a reader expects a line to break.

rich breaks a line at any white space, the no-break space in "1 960,00 kr" too, and folds a
long word wherever the column ends. `Wrapped` breaks at ordinary spaces only, so an amount
stays whole; keeps a «quote» on one line when it fits on one; and breaks a dotted item path
(`activities.meeting.remote.tiers.0.up_to_hours`) after a dot rather than inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

_WORD = re.compile(r"[^ ]+ *")  # a word and the ordinary spaces after it
_AFTER_DOT = re.compile(r"(?<=\.)(?=[^.])")
_AFTER_SLASH = re.compile(r"(?<=/)(?=[^/])")  # a web address breaks after its slashes


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int  # without the spaces after it
    next: int  # where the next word starts

    def width(self, plain: str) -> int:
        return cell_len(plain[self.start:self.end])


def _words(plain: str) -> list[_Word]:
    found = []
    for match in _WORD.finditer(plain):
        text = match.group()
        found.append(_Word(match.start(), match.start() + len(text.rstrip(" ")), match.end()))
    return found


def _join_quotes(plain: str, words: list[_Word], width: int) -> list[_Word]:
    """The words of a «quote» as one, where the quote fits on a line."""
    joined: list[_Word] = []
    i = 0
    while i < len(words):
        word = words[i]
        if "«" in plain[word.start:word.end] and "»" not in plain[word.start:word.end]:
            close = next((j for j in range(i + 1, len(words))
                          if "»" in plain[words[j].start:words[j].end]), None)
            if close is not None:
                whole = _Word(word.start, words[close].end, words[close].next)
                if whole.width(plain) <= width:
                    joined.append(whole)
                    i = close + 1
                    continue
        joined.append(word)
        i += 1
    return joined


def _pieces(plain: str, word: _Word, width: int) -> list[int]:
    """Where to break a word longer than the line: after the dots of a path or the slashes of
    an address, else where it must."""
    text = plain[word.start:word.end]
    after = _AFTER_SLASH if "/" in text else _AFTER_DOT
    cuts = [m.start() for m in after.finditer(text)]
    breaks, line_start = [], 0
    points = [*cuts, len(text)]
    last_fit = None
    for point in points:
        if cell_len(text[line_start:point]) <= width:
            last_fit = point
            continue
        if last_fit is not None and last_fit > line_start:
            breaks.append(last_fit)
            line_start = last_fit
        while cell_len(text[line_start:point]) > width:  # a part longer than the line
            line_start += max(1, width)
            breaks.append(line_start)
        last_fit = point
    return [word.start + b for b in breaks if 0 < b < len(text)]


def break_offsets(plain: str, width: int) -> list[int]:
    """Offsets into one line of text at which to break it to fit `width` cells."""
    width = max(width, 1)
    offsets: list[int] = []
    line_start = 0
    for word in _join_quotes(plain, _words(plain), width):
        if cell_len(plain[line_start:word.end]) <= width:
            continue
        if word.start > line_start:
            offsets.append(word.start)
            line_start = word.start
        if word.width(plain) > width:
            inner = _pieces(plain, word, width)
            offsets.extend(inner)
            if inner:
                line_start = inner[-1]
    return offsets


class Wrapped:
    """A text (or rich `Text`) laid out by `break_offsets` in whatever width it is given."""

    def __init__(self, text: str | Text, *, markup: bool = False, style: str = "") -> None:
        if isinstance(text, Text):
            self.text = text
        else:
            self.text = Text.from_markup(text) if markup else Text(text)
        if style:
            self.text.stylize(style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(narrowest(self.text.plain), widest), widest).clamp(
            max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for paragraph in self.text.split("\n", allow_blank=True):
            offsets = break_offsets(paragraph.plain, width)
            for line in paragraph.divide(offsets) if offsets else [paragraph]:
                line.rstrip()
                line.no_wrap = True
                line.overflow = "fold"
                line.justify = options.justify or self.text.justify
                yield line


def narrowest(text: str) -> int:
    """The narrowest `text` can be laid out without breaking a word: its longest amount,
    or the longest part of a long path."""
    found = 1
    for line in text.split("\n"):
        for word in _words(line):
            piece = line[word.start:word.end]
            parts = _parts(piece) if cell_len(piece) > 20 else [piece]
            found = max(found, *(cell_len(p) for p in parts))
    return found


def _parts(text: str) -> list[str]:
    """A long word's parts, each with its dot (or slash): 'a.', 'b.', 'c'."""
    return [p for p in (_AFTER_SLASH if "/" in text else _AFTER_DOT).split(text) if p]


def fit_columns(table, width: int) -> None:
    """Give each column of a rich `Table` a width no narrower than its longest word, where
    the table fits so: rich narrows the widest columns first and would fold a word
    ("erfaringsformidli / ng"). Columns wider than they need give up their room first."""
    columns = table.columns
    if not columns:
        return
    left, right = table.padding[3], table.padding[1]
    padding = sum(left + right for _ in columns)
    if not table.pad_edge:
        padding -= left + right
    room = width - table._extra_width - padding
    least, most = [], []
    for column in columns:
        texts = [_plain(column.header)] + [_plain(cell) for cell in column.cells]
        least.append(max(narrowest(t) for t in texts))
        most.append(max(max((cell_len(line) for line in t.split("\n")), default=0)
                        for t in texts))
    if sum(least) > room or sum(most) <= room:
        return  # rich's own layout: it cannot fit whole words, or it need not narrow any
    widths = list(most)
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: (widths[k] - least[k], widths[k]))
        widths[i] -= 1
    for column, fitted in zip(columns, widths, strict=True):
        column.width = fitted


def _plain(cell) -> str:
    if isinstance(cell, Wrapped):
        return cell.text.plain
    if isinstance(cell, Text):
        return cell.plain
    return str(cell)
