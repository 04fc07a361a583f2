"""Read YAML into plain data while remembering where every value stands.

PyYAML's safe loader turns `1960.50` into a float and keeps the last of two equal keys
without a word. Rate tables need exact decimals and every mistake reported, so this walks
the composed node tree itself: floats become `Decimal` from their text, duplicate keys
become problems, and each value's line and column is kept by its path for error reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problem import Said, said

if TYPE_CHECKING:
    import yaml

# PyYAML is imported by the first parse, not here: a table that comes from the cache, and
# every command that reads no YAML, does without it.

KeyPath = tuple[str | int, ...]  # keys and list indexes from the document's root

_TAG = "tag:yaml.org,2002:"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a file, with its place (1-based line and column)."""

    file: str
    line: int | None
    column: int | None
    message: str
    said: Any = None  # what it says as a key and values (`problem.Said`), where it has one

    def where(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    data: Any
    places: dict[KeyPath, tuple[int, int]]
    problems: tuple[Problem, ...]
    file: str
    # where an alias stands → where its anchor's value stands: the places inside are there
    aliases: dict[KeyPath, KeyPath] = field(default_factory=dict)

    def resolve(self, loc: KeyPath) -> KeyPath:
        """The part of a validator's error location that names places in the file.

        Validators put words of their own into a location (a union's tag, say); those are
        skipped, so the path leads to the deepest value the file really has.
        """
        return self._follow(loc)[0]

    def place(self, path: KeyPath) -> tuple[int | None, int | None]:
        """The line and column of the deepest known part of `path`."""
        found = self.places.get(self._follow(path)[1])
        return found if found else (None, None)

    def _follow(self, loc: KeyPath) -> tuple[KeyPath, KeyPath]:
        """`resolve`'s path, and the path of the same value where the file writes it out."""
        named: KeyPath = ()
        written: KeyPath = ()
        for part in loc:
            base = self.aliases.get(written, written)
            if (*base, part) in self.places:
                named, written = (*named, part), (*base, part)
        return named, written


def problem(file: str, line: int | None, column: int | None, message: Said) -> Problem:
    """A `Problem` raised as a key and its values (its `message` the English of them)."""
    return Problem(file, line, column, str(message), message)


def os_said(err: OSError) -> Said:
    """Why the operating system would not give a file, by errno."""
    import errno as codes

    name = codes.errorcode.get(err.errno or 0)
    known = ("ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENAMETOOLONG", "EIO", "ELOOP",
             "EMFILE", "ENFILE", "ENXIO", "ENODEV")
    if name in known:
        return said(f"os.{name}")
    return said("os.other", reason=err.strerror or str(err))


# PyYAML's errors have no types of their own, only texts: these are matched exactly, each
# fixed part of a text around the value it names ("found character '\t' that cannot …")
_YAML_TEXTS = (
    "while scanning a quoted scalar",
    "while parsing a quoted scalar",
    "while scanning for the next token",
    "while scanning a simple key",
    "while scanning a plain scalar",
    "while scanning a block scalar",
    "while parsing a block mapping",
    "while parsing a flow mapping",
    "while parsing a block collection",
    "while parsing a flow sequence",
    "while parsing a block node",
    "while parsing a flow node",
    "while scanning an alias",
    "while scanning an anchor",
    "while parsing a flow sequence entry",
    "while constructing a mapping",
    "found unexpected end of stream",
    "mapping values are not allowed here",
    "mapping values are not allowed in this context",
    "could not find expected ':'",
    "block sequence entries are not allowed in this context",
    "found a tab character that violates indentation",
    "found character that cannot start any token",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected alphabetic or numeric character",
    "control characters are not allowed",
    "found undefined alias",
    "found duplicate anchor",
    "while increasing flow level exceeded maximum nesting depth",
    "while increasing indent level exceeded maximum nesting depth",
    "found unknown escape character",
    "expected a comment or a line break",
    "expected alphabetic or numeric character",
    "expected ' ', but found",
    "found duplicate anchor; first occurrence",
    "second occurrence",
)
# (the text before the value, the text after it): the key, the value as `found`
_YAML_AROUND = (
    ("found character ", " that cannot start any token", "yaml.bad_character"),
    ("found undefined alias ", "", "yaml.undefined_alias"),
    ("found duplicate anchor ", "; first occurrence", "yaml.duplicate_anchor"),
    ("found duplicate anchor ", "", "yaml.duplicate_anchor"),
    ("found unknown escape character ", "", "yaml.unknown_escape"),
    ("expected <block end>, but found ", "", "yaml.indentation"),
    ("expected ',' or '}', but got ", "", "yaml.flow_mapping_end"),
    ("expected ',' or ']', but got ", "", "yaml.flow_sequence_end"),
    ("expected <block end>, but got ", "", "yaml.indentation"),
    ("did not find expected ", "", "yaml.did_not_find"),
    ("unacceptable character ", ": special characters are not allowed", "yaml.unacceptable"),
    ("unacceptable character ", ": control characters are not allowed",
     "yaml.unacceptable_control"),
    ("expected ", ", but found ", "yaml.expected_found"),
)


def yaml_said(context: str | None, problem_text: str | None,
              begun: tuple[int, int] | None = None) -> Said:
    """A PyYAML error as a key and its values: where it was (context), what was wrong, and
    the line an unclosed quote or bracket was opened on."""
    joined = f"{context} {problem_text}"
    if context and problem_text and joined in _YAML_TEXTS:  # one text PyYAML splits in two
        return said("yaml." + _slug(joined))
    where = _yaml_part(context) if context else None
    if where is not None and begun is not None:
        where = said("yaml.begun", message=where, line=begun[0], column=begun[1])
    what = _yaml_part(problem_text) if problem_text else None
    if where is None or what is None:
        return where or what or said("yaml.invalid")
    return said("yaml.both", context=where, problem=what)


def _slug(text: str) -> str:
    """A PyYAML text as the end of its key: 'while parsing a flow mapping' →
    'while_parsing_a_flow_mapping'."""
    marks = {"]": "_bracket_", "}": "_brace_", ":": "_colon_"}
    spelt = "".join(c if c.isalnum() else marks.get(c, "_") for c in text)
    return "_".join(part for part in spelt.split("_") if part)


def _yaml_part(text: str) -> Said:
    text = text.split("\n", 1)[0].strip()
    if text in ("did not find expected ',' or ']'", "did not find expected ',' or '}'"):
        return said("yaml.no_comma_or", closing=text[-3:])
    if text in _YAML_TEXTS:
        return said("yaml." + _slug(text))
    for before, after, key in _YAML_AROUND:
        if text.startswith(before) and (not after or after in text[len(before):]):
            middle = text[len(before):]
            found, _, rest = middle.partition(after) if after else (middle, "", "")
            if key == "yaml.expected_found":
                return said(key, expected=found, found=rest)
            return said(key, found=found.removesuffix(":").strip())
    return said("yaml.other", text=text)


class Unreadable(Exception):
    """A file that cannot be read as text at all; carries the one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path) -> str:
    """A YAML file's text (UTF-8, with or without BOM), or `Unreadable` saying why not."""
    return decode_text(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """A YAML file's bytes, or `Unreadable` saying why not: a file larger than
    `limits.YAML_FILE` (a rate table is a few KB) is refused before it is read further."""
    from .. import limits

    name = str(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read(limits.YAML_FILE + 1)
    except OSError as err:
        raise Unreadable(problem(name, None, None, os_said(err))) from None
    if len(raw) > limits.YAML_FILE:
        raise Unreadable(problem(name, None, None, said(
            "yaml.too_large", limit=f"{limits.YAML_FILE / limits.MIB:g}")))
    return raw


def decode_text(raw: bytes, name: str) -> str:
    """A YAML file's bytes as text, or `Unreadable` when they are not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Unreadable(problem(name, None, None, said("yaml.not_utf8", position=err.start + 1))) from None


def parse(text: str, file: str) -> Document:
    """Parse one YAML document; syntax errors and duplicate keys come back as problems."""
    import yaml

    # libyaml's parser is much faster where PyYAML was built with it
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        begun = err.context_mark
        opened = bool(err.context and begun and mark and begun.line != mark.line)
        message = yaml_said(err.context, err.problem,
                            (begun.line + 1, begun.column + 1) if opened else None)
        return Document(None, {}, (problem(file, line, column, message),), file)
    except yaml.YAMLError as err:
        return Document(None, {}, (problem(file, None, None, yaml_said(None, str(err))),), file)
    walker = _Walker(file, EXPANSION_ALLOWANCE + EXPANSION_FACTOR * len(text))
    try:
        data = walker.value(node, ()) if node is not None else None
    except RecursionError:
        return Document(None, {}, (problem(file, None, None, said("yaml.too_deep")),), file)
    except _TooLarge:
        return Document(None, {}, (problem(file, None, None, said("yaml.expands_too_far")),),
                        file)
    return Document(data, walker.places, tuple(walker.problems), file, walker.aliases)


# Aliases and merge keys (`<<`) let a few lines stand for a great many values: each level
# of `<<: [*a, *a]` doubles what the one before it holds. The values a document stands for,
# every alias counted out in full, may be at most this many (whatever reads the data later,
# a validator say, walks them all), so reading any file takes time linear in its size.
EXPANSION_ALLOWANCE = 10_000
EXPANSION_FACTOR = 2  # values per character of the file, beyond the allowance
EXPANDS_TOO_FAR = "the aliases (*) and merges (<<) in this file stand for too many values"


class _TooLarge(Exception):
    """The document stands for more values than its size allows."""


class _Walker:
    def __init__(self, file: str, limit: int) -> None:
        self.file = file
        # values built or stood for so far, each alias and merge counted at the full size of
        # what it repeats: a bound on the work here and on the size of the data
        self._limit = limit
        self._counted = 0
        self._size: dict[int, int] = {}  # a built collection's node → the values it stands for
        self.places: dict[KeyPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        # An alias is its anchor's node once more. Its value is built once and shared, as
        # PyYAML's own loader does, so that aliases of aliases cannot blow a few lines up
        # into millions of values; places are kept where the anchor's value stands.
        self._built: dict[int, Any] = {}
        self._built_at: dict[int, KeyPath] = {}
        self.aliases: dict[KeyPath, KeyPath] = {}
        self._open: set[int] = set()  # collections being built: an alias to one loops

    def value(self, node: yaml.Node, path: KeyPath) -> Any:
        import yaml

        self.places.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._count(1)
            return self.scalar(node)
        if id(node) in self._built:
            self._count(self._size[id(node)])
            self.aliases[path] = self._built_at[id(node)]
            return self._built[id(node)]
        if self._loops(node):
            return None
        self._open.add(id(node))
        before = self._counted
        self._count(1)
        if isinstance(node, yaml.MappingNode):
            built: Any = self.mapping(node, path)
        else:
            built = [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        self._open.discard(id(node))
        self._remember(node, built, path, before)
        return built

    def _count(self, values: int) -> None:
        self._counted += values
        if self._counted > self._limit:
            raise _TooLarge

    def _remember(self, node: yaml.Node, built: Any, path: KeyPath, before: int) -> None:
        self._built[id(node)] = built
        self._built_at[id(node)] = path
        self._size[id(node)] = self._counted - before

    def _loops(self, node: yaml.Node) -> bool:
        if id(node) in self._open:
            self._problem(node, said("yaml.alias_to_itself"))
            return True
        return False

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        import yaml

        merged: dict[str, Any] = {}
        explicit: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                for base in self._merge_sources(value_node, path):
                    merged.update(base)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, said("yaml.key_not_plain"))
                continue
            key = key_node.value
            if key in explicit:
                self._problem(key_node, said("yaml.duplicate_key", key=str(key)))
                continue
            self.places[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.aliases.pop((*path, key), None)  # given here: not the merged one
            explicit[key] = self.value(value_node, (*path, key))
        return {**merged, **explicit}

    def _merge_sources(self, node: yaml.Node, path: KeyPath) -> list[dict[str, Any]]:
        import yaml

        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = []
        for item in nodes:
            if isinstance(item, yaml.MappingNode):
                if id(item) in self._built:  # an alias merged once more: counted, not rebuilt
                    self._count(self._size[id(item)])
                    sources.append(self._built[id(item)])
                    self._merged_places(self._built_at[id(item)], self._built[id(item)], path)
                elif (built := self.value(item, path)) is not None:  # None: it loops
                    sources.append(built)
            else:
                self._problem(item, said("yaml.merge_not_mapping"))
        return sources

    def _merged_places(self, base: KeyPath, keys: dict[str, Any], path: KeyPath) -> None:
        """The merged keys stand where the base writes them; what lies inside, too."""
        for key in keys:
            if (*base, key) in self.places:
                self.places[(*path, key)] = self.places[(*base, key)]
                self.aliases[(*path, key)] = self.aliases.get((*base, key), (*base, key))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _TAG + "float":
            try:
                return Decimal(text.replace("_", ""))
            except InvalidOperation:
                return text  # '.inf' and '.nan' stay text, and validation names them
        if tag == _TAG + "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == _TAG + "bool":
            return text.lower() in ("true", "yes", "on", "y")
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "timestamp":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        return text

    def _problem(self, node: yaml.Node, message: Said) -> None:
        mark = node.start_mark
        self.problems.append(problem(self.file, mark.line + 1, mark.column + 1, message))
