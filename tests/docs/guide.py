"""The guide's examples as data: find the console blocks of a Markdown page, run their
commands, compare what they print with what the page shows, and write the page anew.

A console block is a fenced block whose info string is `console`:

    ```console
    $ honorar audit examples/krav-mars-2025.xlsx
    Revisjon av examples/krav-mars-2025.xlsx
    …
    [exit 1]
    ```

A line starting with `$ ` is a command; the lines after it, up to the next command or the
end of the block, are what it prints (standard output, then standard error, as a terminal
shows them). A last line `[exit N]` is the exit status the command must end with; without
one it must end with 0. Only `honorar …` commands may stand in a block (split as a POSIX
shell splits words: quotes, no pipes, no redirection, no variables), so that every line of
a block is a command a reader can type and the test can run as it is.

Output is compared line by line with trailing spaces left out (the terminal's tables pad
their lines, editors strip them) and blank lines at the end left out. One thing a command
prints that depends on the clock is normalised before the comparison, in the output and on
the page alike: a date with a time of day (`2026-12-06 02:37`, when a batch was recorded)
reads `ÅÅÅÅ-MM-DD tt:mm`. The guide's other examples give every date they depend on
(`--paid-on`, the meeting dates, the plan's dates), so nothing else moves with the day.

A page's commands run in one language (`HONORAR_LANG`): bokmål, but nynorsk for a page in
a folder `nn/` (the nynorsk guide, `docs/nn/`), and whatever a first line

    <!-- honorar-guide: lang=nn -->

says (`nb`, `nn` or `en`) for any page that carries one.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

FENCE = re.compile(r"^```console[ \t]*$")
END = re.compile(r"^```[ \t]*$")
EXIT = re.compile(r"^\[exit (\d+)\]$")
CLOCK = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?\b")
CLOCK_SHOWN = "ÅÅÅÅ-MM-DD tt:mm"
PROMPT = "$ "
LANG_MARK = re.compile(r"^<!--\s*honorar-guide:\s*lang=(nb|nn|en)\s*-->\s*$")
FOLDER_LANGS = ("nn",)  # a page in docs/nn/ is written in, and run in, nynorsk


class GuideError(ValueError):
    """A block the runner cannot run: a command that is not `honorar …`, output before any
    command, an unclosed fence."""


@dataclass
class Step:
    """One command of a block, what the page says it prints and its exit status."""

    command: str
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0

    @property
    def args(self) -> list[str]:
        words = shlex.split(self.command)
        if not words or words[0] != "honorar":
            raise GuideError(f"only honorar commands may stand in a console block: {self.command!r}")
        if any(w in ("|", ">", "<", ">>", "&&", ";", "||") for w in words):
            raise GuideError(f"no shell features in a console block: {self.command!r}")
        return words[1:]


@dataclass
class Block:
    """A console block: where it stands in the page (the lines between its fences) and its
    steps."""

    start: int  # index of the first line after the opening fence
    end: int  # index of the closing fence
    steps: list[Step]


def language(text: str, folder: str = "") -> str:
    """The language a page's commands run in: its first line's marker, else its folder's
    (`nn`), else bokmål."""
    first = text.split("\n", 1)[0]
    if mark := LANG_MARK.match(first):
        return mark.group(1)
    return folder if folder in FOLDER_LANGS else "nb"


def parse(text: str, name: str = "<page>") -> list[Block]:
    """Every console block of a Markdown page, in order."""
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not FENCE.match(lines[i]):
            i += 1
            continue
        start = i + 1
        j = start
        while j < len(lines) and not END.match(lines[j]):
            j += 1
        if j == len(lines):
            raise GuideError(f"{name}:{i + 1}: a console block without its closing fence")
        blocks.append(Block(start, j, _steps(lines[start:j], name, start)))
        i = j + 1
    return blocks


def _steps(body: list[str], name: str, first: int) -> list[Step]:
    steps: list[Step] = []
    for offset, line in enumerate(body):
        if line.startswith(PROMPT):
            steps.append(Step(line[len(PROMPT):].strip()))
        elif not steps:
            raise GuideError(f"{name}:{first + offset + 1}: output before any command")
        else:
            steps[-1].expected.append(line)
    for step in steps:
        while step.expected and not step.expected[-1].strip():
            step.expected.pop()
        if step.expected and (code := EXIT.match(step.expected[-1].strip())):
            step.exit_code = int(code.group(1))
            step.expected.pop()
    return steps


def normalised(lines: list[str]) -> list[str]:
    """Lines as compared: trailing spaces and the clock left out, no blank lines at the end."""
    out = [CLOCK.sub(CLOCK_SHOWN, line).rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


@dataclass
class Outcome:
    step: Step
    output: list[str]
    exit_code: int

    @property
    def agrees(self) -> bool:
        return (self.exit_code == self.step.exit_code
                and normalised(self.output) == normalised(self.step.expected))


def run_blocks(blocks: list[Block], run: Callable[[list[str]], tuple[str, int]]) -> list[Outcome]:
    """Each step run in order by `run(args) -> (output, exit code)`."""
    outcomes = []
    for block in blocks:
        for step in block.steps:
            output, code = run(step.args)
            outcomes.append(Outcome(step, output.split("\n"), code))
    return outcomes


def difference(outcome: Outcome) -> str:
    """What differs between the page and the command, as a reader of a failed test wants it."""
    import difflib

    step = outcome.step
    lines = [f"$ {step.command}"]
    if outcome.exit_code != step.exit_code:
        lines.append(f"exit status {outcome.exit_code}, the guide says {step.exit_code}")
    lines += difflib.unified_diff(normalised(step.expected), normalised(outcome.output),
                                  "the guide", "the command", lineterm="", n=2)
    return "\n".join(lines)


def rewritten(text: str, blocks: list[Block], outcomes: list[Outcome]) -> str:
    """The page with every block's outputs and exit statuses replaced by the commands' own."""
    lines = text.split("\n")
    found = iter(outcomes)
    by_block = [[next(found) for _ in block.steps] for block in blocks]
    # from the last block to the first, so that the earlier blocks' places stay right
    for block, block_outcomes in reversed(list(zip(blocks, by_block, strict=True))):
        body: list[str] = []
        for outcome in block_outcomes:
            body.append(f"{PROMPT}{outcome.step.command}")
            body += normalised(outcome.output)
            if outcome.exit_code != 0:
                body.append(f"[exit {outcome.exit_code}]")
        lines[block.start:block.end] = body
    return "\n".join(lines)
