"""Bytes to documents: YAML (and JSON, which is YAML) with the position of every node.

Only PyYAML's safe machinery is used, and only to *compose* the node tree (the C composer
when libyaml is there).  The data is then built here from the nodes, so that:

* a tag outside the YAML core set (``!!python/object/apply``, ``!foo``) is a finding and is
  never constructed;
* a duplicate key is a finding (PyYAML silently keeps the last value);
* the input limits hold: file size (checked before reading), nesting depth, and alias
  expansion (an alias bomb is counted on the node tree before anything walks the data).

Nothing here raises for bad input: every problem becomes a :class:`Problem` with a span.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor

from .contract import EXAMPLE_YAML
from .findings import Path, Problem, Severity
from .rule import Rule

try:  # The C composer is about 10x faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Span = tuple[int, int, int, int]

YAML_SYNTAX = "LS001"
NOT_A_MAPPING = "LS002"
EMPTY_DOCUMENT = "LS003"
DUPLICATE_KEY = "LS004"
UNREADABLE = "LS005"
INPUT_LIMIT = "LS006"
UNSUPPORTED_YAML = "LS007"

_TAG = "tag:yaml.org,2002:"
_SCALAR_BUILDERS = {
    _TAG + "null": SafeConstructor.construct_yaml_null,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "float": SafeConstructor.construct_yaml_float,
    _TAG + "str": SafeConstructor.construct_yaml_str,
    _TAG + "timestamp": SafeConstructor.construct_yaml_timestamp,
}
_STR = _TAG + "str"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_MERGE = _TAG + "merge"
# What PyYAML's scalar constructors raise on a value their tag cannot read ('!!int ' has no
# digit, '!!bool maybe' no meaning, '!!timestamp 2024-13-45' no date).
_UNREADABLE_SCALAR = (ArithmeticError, AttributeError, LookupError, TypeError, ValueError, yaml.YAMLError)
# Open without blocking: a FIFO would otherwise wait for a writer.  (Flags a platform lacks are 0.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
# A constructor with no state of its own: its scalar builders only read the node.
_SCALARS = SafeConstructor()


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from hanging the linter or eating memory.

    A create request is a few hundred bytes, about 50 nodes, 4 levels deep; the defaults leave
    room for files of many requests while keeping the worst file to about a quarter of a second
    and 40 MiB.  ``Options(limits=Limits(max_bytes=...))`` changes them.
    """

    max_bytes: int = 4 * 1024 * 1024  # checked with fstat before reading (and while reading)
    max_depth: int = 64  # mappings and lists inside each other; libyaml itself stops at 1000
    max_nodes: int = 50_000  # YAML nodes per file, and per document with every alias expanded
    max_documents: int = 1_000  # documents per file


@dataclass
class Document:
    """One YAML document: its data, its node tree (for positions) and its loading problems."""

    index: int
    data: Any
    node: yaml.Node | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Loaded:
    """A file's documents, and the problems that belong to the file rather than a document."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        """The file's problems and every document's, in order."""
        return [*self.problems, *(p for document in self.documents for p in document.problems)]


class _LimitExceeded(Exception):
    """Raised by the builder past a limit; ``node`` is where, for the problem's span."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.node = node


def node_span(node: yaml.Node) -> Span:
    """The 1-based (line, column, end_line, end_column) of a node, end exclusive."""
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def node_start(node: yaml.Node) -> Span:
    """The empty span at the start of a node."""
    start = node.start_mark
    return (start.line + 1, start.column + 1, start.line + 1, start.column + 1)


def read_file(path: str, limits: Limits) -> tuple[bytes | None, Problem | None]:
    """The bytes of ``path``, or a problem saying why they cannot be linted (size checked first).

    The path is opened without blocking, so a FIFO (which would wait for a writer) or a device
    is reported at once instead of hanging the run.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None, file_problem(UNREADABLE, "no such file")
    except OSError as error:
        return None, file_problem(UNREADABLE, f"cannot read the file: {error.strerror or 'I/O error'}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return None, file_problem(UNREADABLE, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            return None, file_problem(UNREADABLE, "not a regular file; lint files or directories")
        if info.st_size > limits.max_bytes:
            return None, _too_large(limits)
        data = _read_at_most(fd, info.st_size + 1, limits.max_bytes + 1)
    except OSError as error:
        return None, file_problem(UNREADABLE, f"cannot read the file: {error.strerror or 'I/O error'}")
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:  # grew while we read it
        return None, _too_large(limits)
    return data, None


def _read_at_most(fd: int, expected: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``fd``: one read of the size ``fstat`` saw, more if the file grew.

    Asking for the size seen (not the limit) matters: a buffer of the limit per small file is slow.
    """
    chunks = []
    total = 0
    want = expected
    while total < limit:
        chunk = os.read(fd, min(want, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(limits: Limits) -> Problem:
    return file_problem(INPUT_LIMIT, f"file is larger than {limits.max_bytes} bytes; split it")


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text without a BOM; invalid UTF-8 is a problem at the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        head = data[: error.start]
        line = head.count(b"\n") + 1
        column = error.start - (head.rfind(b"\n") + 1) + 1
        return None, Problem(
            UNREADABLE,
            (),
            message="the file is not valid UTF-8 text; save it as UTF-8",
            span=(line, column, line, column + 1),
        )
    return text, None


def _implicit_resolvers(table: dict[Any, list[Any]], wildcard: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    return {first: (*resolvers, *wildcard) for first, resolvers in table.items() if first is not None}


class _NodeBudget:
    """Mixed into a PyYAML safe loader: counts the nodes it composes and stops past a budget.

    ``descend_resolver`` is PyYAML's hook called once before each node is composed (the C
    composer calls it too); the safe loaders have no path resolvers, so it has nothing else
    to do.  Counting there bounds the memory of the node tree itself, before any data exists.
    """

    # The YAML 1.1 implicit resolvers by first character, as ``Resolver.resolve`` looks them
    # up, with the wildcard ones appended once instead of at every call.
    _WILDCARD = tuple(yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, []))
    _IMPLICIT = _implicit_resolvers(yaml.resolver.Resolver.yaml_implicit_resolvers, _WILDCARD)
    _DEFAULT_TAGS: dict[type, str] = {
        yaml.ScalarNode: yaml.resolver.Resolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.Resolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.Resolver.DEFAULT_MAPPING_TAG,
    }

    def __init__(self, text: str, max_nodes: int) -> None:
        super().__init__(text)  # type: ignore[call-arg]
        self.max_nodes = max_nodes
        self.nodes = 0

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        """The tag of an untagged node: ``Resolver.resolve`` without its per-call list building."""
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, regexp in self._IMPLICIT.get(value[:1], self._WILDCARD):  # type: ignore[index]
                if regexp.match(value):
                    return tag  # type: ignore[no-any-return]
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: yaml.Node | None, current_index: Any) -> None:
        """Count one more node; past the budget, stop composing."""
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _TooManyNodes(current_node)

    def ascend_resolver(self) -> None:
        """Nothing to undo: there are no path resolvers."""


class _Composer(_NodeBudget, _Loader):  # type: ignore[misc]
    """The safe composer (libyaml's when PyYAML has it) with a node budget."""


class _TooManyNodes(Exception):
    """Raised by the composer past its node budget; ``parent`` is the collection being composed."""

    def __init__(self, parent: yaml.Node | None) -> None:
        super().__init__()
        self.parent = parent


def _compose(text: str, max_nodes: int) -> Iterator[yaml.Node]:
    """The node tree of each document of ``text`` (what ``yaml.compose_all`` does, with a node budget)."""
    composer = _Composer(text, max_nodes)
    try:
        while composer.check_node():
            node = composer.get_node()
            if node is not None:  # check_node() said there is one
                yield node
    finally:
        composer.dispose()


def load(text: str, limits: Limits = Limits()) -> Loaded:
    """Every document of ``text``, with the problems found while building them."""
    loaded = Loaded()
    # Without a '*' in the text there is no alias, so each node is built once and the
    # composer's node count already bounds the work: the builder need not track nodes.
    aliases = "*" in text
    try:
        for index, node in enumerate(_compose(text, limits.max_nodes)):
            if index == limits.max_documents:
                message = f"the file holds more than {limits.max_documents} documents; split it"
                loaded.problems.append(Problem(INPUT_LIMIT, (), message=message, span=node_start(node)))
                break
            loaded.documents.append(_document(index, node, limits, aliases))
    except _TooManyNodes as error:  # at the start of the collection being composed (it has no end yet)
        span = node_start(error.parent) if error.parent is not None else (1, 1, 1, 1)
        message = f"the file holds more than {limits.max_nodes} YAML nodes; split it"
        loaded.problems.append(Problem(INPUT_LIMIT, (), message=message, span=span))
    except yaml.MarkedYAMLError as error:
        loaded.problems.append(_syntax_problem(error, limits))
    except yaml.YAMLError as error:  # a reader error: a control character, for instance
        loaded.problems.append(_reader_problem(error, text))
    except RecursionError:  # the pure-Python composer, or a depth limit above what Python can follow
        loaded.problems.append(file_problem(INPUT_LIMIT, "nesting too deep to read; flatten the document"))
    if not loaded.documents and not loaded.problems:
        loaded.problems.append(file_problem(EMPTY_DOCUMENT, "the file holds no document; write one request"))
    return loaded


def _too_deep(limits: Limits) -> str:
    return f"nesting deeper than {limits.max_depth} levels; flatten the document"


def _too_many_nodes(limits: Limits) -> str:
    return (
        f"the document expands to more than {limits.max_nodes} nodes (aliases counted); "
        "remove the alias chain"
    )


def _document(index: int, node: yaml.Node, limits: Limits, aliases: bool) -> Document:
    """One document built from its node tree, with its problems (limits, emptiness, not a mapping)."""
    document = Document(index, None, node)
    builder = _Builder(limits, document.problems, aliases)
    try:
        document.data = builder.build(node, 0, ())
    except _LimitExceeded as error:
        document.data = None
        document.problems.append(Problem(INPUT_LIMIT, (), message=str(error), span=node_span(error.node)))
        return document
    if document.data is None:
        document.problems.append(Problem(EMPTY_DOCUMENT, (), message="the document is empty; write a request"))
    elif not isinstance(document.data, dict):
        document.problems.append(
            Problem(NOT_A_MAPPING, (), message="the document is not a mapping; write the request's fields as key: value")
        )
    return document


class _Builder:
    """Builds plain data from a node tree, within limits, reporting what it refuses.

    With ``aliases``, a node may appear several times in the tree: it is built once, and every
    appearance counts the nodes it stands for, so an alias bomb stops at ``max_nodes``.
    """

    def __init__(self, limits: Limits, problems: list[Problem], aliases: bool) -> None:
        self.limits = limits
        self.problems = problems
        self.built: dict[int, Any] | None = {} if aliases else None
        self.weight: dict[int, int] = {}
        self.expanded = 0

    def build(self, node: yaml.Node, depth: int, path: Path) -> Any:
        """The data of ``node`` at ``depth`` (the root is 0) and ``path`` (for problems)."""
        built = self.built
        if built is not None:
            key = id(node)
            if key in built:  # an alias: count what it would expand to
                self.expanded += self.weight[key]
                self._check_size(node)
                return built[key]
        if depth > self.limits.max_depth:
            raise _LimitExceeded(_too_deep(self.limits), node)
        if built is not None:
            before = self.expanded
            self.expanded += 1
            self._check_size(node)
        if isinstance(node, yaml.ScalarNode):
            value = node.value if node.tag == _STR else self._scalar(node, path)
        elif isinstance(node, yaml.SequenceNode):
            value = self._sequence(node, depth, path)
        else:
            value = self._mapping(node, depth, path)  # type: ignore[arg-type]  # the only other kind
        if built is not None:
            built[key] = value
            self.weight[key] = self.expanded - before
        return value

    def _check_size(self, node: yaml.Node) -> None:
        if self.expanded > self.limits.max_nodes:
            raise _LimitExceeded(_too_many_nodes(self.limits), node)

    def _refuse(self, node: yaml.Node, path: Path, what: str) -> None:
        self.problems.append(
            Problem(UNSUPPORTED_YAML, path, message=f"{what}; write plain YAML values", span=node_span(node))
        )

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        builder = _SCALAR_BUILDERS.get(node.tag)
        if builder is None:
            self._refuse(node, path, "a YAML tag outside the core schema is not allowed")
            return None
        try:
            return builder(_SCALARS, node)
        except _UNREADABLE_SCALAR:  # e.g. a timestamp out of range, or '!!int' with no digits
            self._refuse(node, path, "a value that cannot be read as its type")
            return None

    def _sequence(self, node: yaml.SequenceNode, depth: int, path: Path) -> Any:
        if node.tag != _SEQ:
            self._refuse(node, path, "a YAML tag outside the core schema is not allowed")
            return None
        build = self.build
        inner = depth + 1
        return [build(item, inner, (*path, i)) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, depth: int, path: Path) -> Any:
        if node.tag != _MAP:
            self._refuse(node, path, "a YAML tag outside the core schema is not allowed")
            return None
        build = self.build
        inner = depth + 1
        # Without aliases and within the depth limit, a string scalar is its own value: taken
        # here without a call to build() (most keys and values of a request are such scalars).
        inline = self.built is None and inner <= self.limits.max_depth
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] | None = None
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = {} if merged is None else merged
                self._merge(merged, value_node, depth, path)
                continue
            if type(key_node) is not yaml.ScalarNode:
                self._refuse(key_node, path, "a key that is not a plain scalar")
                continue
            key = key_node.value if inline and key_node.tag == _STR else build(key_node, inner, path)
            if key in result:
                self.problems.append(
                    Problem(
                        DUPLICATE_KEY,
                        (*path, key if type(key) is str else str(key)),
                        message="the key appears twice in this mapping and only the last value is sent; keep one",
                        span=node_span(key_node),
                        on_key=True,
                    )
                )
            if inline and type(value_node) is yaml.ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = build(value_node, inner, (*path, key if type(key) is str else str(key)))
        if merged:
            for key, value in merged.items():
                result.setdefault(key, value)
        return result

    def _merge(self, merged: dict[Any, Any], node: yaml.Node, depth: int, path: Path) -> None:
        """``<<: *base`` (or a list of them): keys not already given are taken from each source."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for source in sources:
            value = self.build(source, depth + 1, path)
            if not isinstance(value, dict):
                self._refuse(source, path, "a merge key ('<<') whose value is not a mapping")
                continue
            for key, item in value.items():
                merged.setdefault(key, item)


def file_problem(rule: str, message: str) -> Problem:
    """A problem of the file as a whole, placed at its start (1:1)."""
    return Problem(rule, (), message=message, span=(1, 1, 1, 1))


# libyaml's messages name the problem, never the text; the pure-Python scanner quotes the
# offending character, which could be part of a password: drop anything quoted.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _syntax_problem(error: yaml.MarkedYAMLError, limits: Limits) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    span = (line, column, line, column + 1)
    if error.problem and "maximum nesting depth" in error.problem:  # libyaml stops at 1000 levels
        return Problem(INPUT_LIMIT, (), message=_too_deep(limits), span=span)
    problem = _QUOTED.sub("a character", error.problem or "invalid YAML")
    context = f" ({_QUOTED.sub('a character', error.context)})" if error.context else ""
    return Problem(YAML_SYNTAX, (), message=f"YAML syntax error: {problem}{context}", span=span)


def _reader_problem(error: yaml.YAMLError, text: str) -> Problem:
    position = getattr(error, "position", None)
    if isinstance(position, int):
        head = text[:position]
        line = head.count("\n") + 1
        column = position - (head.rfind("\n") + 1) + 1
    else:
        line = column = 1
    return Problem(
        YAML_SYNTAX,
        (),
        message="the file holds a character YAML does not allow (a control character?); remove it",
        span=(line, column, line, column + 1),
    )


# ---------------------------------------------------------------------------------------
# The rules the loader reports.  Their examples are whole files.


def _file_rule(rule_id: str, name: str, message: str, what: str, why: str, bad: str, good: str) -> Rule:
    return Rule(
        rule_id, name, Severity.ERROR, message, what=what, why=why, bad=bad, good=good,
        source="the loader (YAML 1.1 core schema, PyYAML safe composer)", whole_file=True,
    )


RULES: tuple[Rule, ...] = (
    _file_rule(
        YAML_SYNTAX, "yaml-syntax", "The file is not valid YAML or JSON; fix the syntax at the position shown.",
        what="The file must parse as YAML 1.1 (JSON is YAML).",
        why="A file that does not parse cannot be checked, nor sent.",
        bad=EXAMPLE_YAML.replace("flavor: s7.small.1", "flavor: [s7.small.1"), good=EXAMPLE_YAML,
    ),
    _file_rule(
        NOT_A_MAPPING, "not-a-mapping", "A document that is not a mapping; write the request as key: value fields.",
        what="Each YAML document (or the JSON file) holds one request: a mapping, not a list or a scalar.",
        why="The API takes one JSON object per create request.",
        bad="- " + EXAMPLE_YAML.replace("\n", "\n  ").rstrip() + "\n", good=EXAMPLE_YAML,
    ),
    _file_rule(
        EMPTY_DOCUMENT, "empty-document", "An empty file or document; write a request or delete it.",
        what="A file with no document, or a document with nothing in it (`---` twice).",
        why="An empty spec is usually a mistake: a file truncated, or a document left behind.",
        bad=EXAMPLE_YAML + "---\n", good=EXAMPLE_YAML,
    ),
    _file_rule(
        DUPLICATE_KEY, "duplicate-key", "A key given twice in one mapping; keep one.",
        what="The same key twice in one mapping, at any level.",
        why="YAML loaders silently keep the last value, so the request sent is not the one reviewed.",
        bad=EXAMPLE_YAML + "name: server_prod\n", good=EXAMPLE_YAML,
    ),
    _file_rule(
        UNREADABLE, "unreadable-file", "A path that cannot be read as UTF-8 text; check the path and encoding.",
        what="A path that does not exist, a directory loop, a FIFO or device, a read error, or bytes "
        "that are not UTF-8.",
        why="The linter goes on with the other files and says which one it could not read.",
        bad=EXAMPLE_YAML.replace("server_test", "server_t\udcffst"), good=EXAMPLE_YAML,
    ),
    _file_rule(
        INPUT_LIMIT, "input-limit", "The file exceeds a safety limit (size, depth, alias expansion); simplify it.",
        what="Files over 4 MiB, nesting deeper than 64 levels, more than 50,000 YAML nodes in a file or "
        "in a document once its aliases are expanded (an alias bomb), more than 1,000 documents in a file. "
        "The limits are set by `loading.Limits`.",
        why="A linter reads untrusted files first; it must neither hang nor run out of memory.",
        bad="a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcde", "bcdef")
        ),
        good=EXAMPLE_YAML,
    ),
    _file_rule(
        UNSUPPORTED_YAML, "unsupported-yaml", "A YAML tag or key the linter will not construct; write plain values.",
        what="Tags outside the YAML core schema (`!!python/object/apply`, `!custom`, `!!binary`, `!!set`) "
        "and keys that are lists or mappings.",
        why="Tags can execute code in unsafe loaders; the API takes plain JSON values only.",
        bad=EXAMPLE_YAML.replace("server_test", "!!python/object/apply:os.system [id]"), good=EXAMPLE_YAML,
    ),
)
