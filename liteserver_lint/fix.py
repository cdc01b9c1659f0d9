"""``--fix``: apply the safe fixes (``Finding.replacement``) to a spec file, changing nothing else.

The file is decoded (its UTF-8 BOM remembered), each fix's span turned into character offsets
from its 1-based line and column (YAML's line breaks: CRLF counts once), and the text spliced
last fix first, so comments, key order, quoting, blank lines and line endings elsewhere stay
byte-identical.  A fix is refused on a node that is anchored, aliased, tagged or merged from
elsewhere (changing it would change other places), on a multi-line or block scalar, and when
fixes overlap.  The result is parsed and linted again: it must load as before, the fixed
findings must be gone (a JSON file must stay JSON), else the fixes are retried one by one.
Fixes that reveal new fixable findings (a renamed key whose value has the wrong case) are
applied in further passes.  This module imports neither click nor a reporter.
"""

from __future__ import annotations

import codecs
import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import yaml

from . import loading
from .findings import Finding
from .loading import Limits, Span, node_span
from .suppressions import LINE_BREAK, line_starts

FindingsOf = Callable[[str], list[Finding]]
"""The findings of a file's text, as the run reports them (selection, suppressions, baseline)."""

MAX_PASSES = 10
# The loader problems that mean "this file did not parse": never touch such a file.
_UNPARSED = {loading.YAML_SYNTAX, loading.INPUT_LIMIT}
Key = tuple[str, int, str]  # rule, document, path


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` to fix ``finding``."""

    start: int
    end: int
    new: str
    finding: Finding


@dataclass
class TextFix:
    """The fixed text, the findings fixed and refused (with why), and the findings left."""

    text: str
    applied: list[Finding] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class FileFix:
    """A file's bytes before and after (``fixed`` is None when nothing changes)."""

    original: bytes
    fixed: bytes | None
    applied: list[Finding] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)
    findings: list[Finding] | None = None  # None: the file was not linted again (not fixed)


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings --fix would try: they have a replacement and a place."""
    return [f for f in findings if f.replacement is not None and f.line is not None and f.end_line is not None]


def fix_bytes(data: bytes, findings_of: FindingsOf, is_json: bool = False, limits: Limits = Limits()) -> FileFix:
    """Fix a file's bytes: the BOM and every byte outside the fixed spans are kept."""
    text, problem = loading.decode(data)
    if text is None or problem is not None:
        return FileFix(data, None)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    result = fix_text(text, findings_of, is_json, limits)
    if result.text == text:
        return FileFix(data, None, [], result.refused, None)
    return FileFix(data, bom + result.text.encode("utf-8"), result.applied, result.refused, result.findings)


def fix_text(text: str, findings_of: FindingsOf, is_json: bool = False, limits: Limits = Limits()) -> TextFix:
    """Apply the safe fixes to ``text``, pass after pass, each pass checked by re-parsing and re-linting."""
    result = TextFix(text)
    if not _parses(text, limits):
        return result
    findings = findings_of(text)
    json_ok = is_json and _is_json(text)
    refused: dict[tuple[Key, Span], tuple[Finding, str]] = {}
    for _ in range(MAX_PASSES):
        edits, pass_refused = plan(result.text, fixable(findings), limits)
        for finding, reason in pass_refused:
            refused.setdefault((_key(finding), _span(finding)), (finding, reason))
        applied, new_text, new_findings = _apply_checked(result.text, findings, edits, findings_of, json_ok, limits)
        for edit in edits:
            if edit not in applied:
                refused.setdefault((_key(edit.finding), _span(edit.finding)), (edit.finding, "the fixed file would not check out"))
        if not applied:
            break
        result.text, findings = new_text, new_findings
        result.applied.extend(edit.finding for edit in applied)
    result.findings = findings
    left = {(_key(f), _span(f)) for f in fixable(findings)}
    result.refused = [item for key, item in refused.items() if key in left]
    return result


def _key(finding: Finding) -> Key:
    """What a finding is about, whatever its line: its rule, document and field path."""
    return (finding.rule, finding.document, finding.path)


def _span(finding: Finding) -> Span:
    """Where a finding is (zeros for what it lacks)."""
    return (finding.line or 0, finding.column or 0, finding.end_line or 0, finding.end_column or 0)


# -- planning the edits -------------------------------------------------------------------


def plan(text: str, findings: Sequence[Finding], limits: Limits = Limits()) -> tuple[list[Edit], list[tuple[Finding, str]]]:
    """The edits for ``findings`` in ``text`` (no two overlapping), and the findings refused with why."""
    loaded = loading.load(text, limits)
    trees = {document.index: _Tree(document.node) for document in loaded.documents if document.node is not None}
    starts = line_starts(text)
    edits: list[Edit] = []
    refused: list[tuple[Finding, str]] = []
    for finding in findings:
        tree = trees.get(finding.document)
        edit_or_reason = _edit(text, starts, tree, finding) if tree is not None else "no such document"
        if isinstance(edit_or_reason, str):
            refused.append((finding, edit_or_reason))
        elif any(edit_or_reason.start < e.end and e.start < edit_or_reason.end for e in edits):
            refused.append((finding, "another fix changes the same text"))
        else:
            edits.append(edit_or_reason)
    return edits, refused


def offset(starts: list[int], line: int, column: int) -> int:
    """The character offset of a 1-based line and column."""
    return starts[line - 1] + column - 1


def _edit(text: str, starts: list[int], tree: _Tree, finding: Finding) -> Edit | str:
    """The edit that fixes ``finding``, or why it is refused."""
    assert finding.line and finding.column and finding.end_column and finding.replacement is not None
    span = _span(finding)
    nodes = [node for node in tree.by_span.get(span, ()) if isinstance(node, yaml.ScalarNode)]
    if len(nodes) != 1:
        return "the fix does not point at one value"
    node = nodes[0]
    if id(node) in tree.shared:
        return "the value is anchored and used elsewhere (alias or merge); fix it by hand"
    if node.style not in (None, "", '"', "'"):  # plain is "" from the C composer, None from Python
        return "a block scalar; fix it by hand"
    if finding.line > len(starts):
        return "the fix points past the end of the file"
    start = offset(starts, finding.line, finding.column)
    end = offset(starts, finding.end_line or finding.line, finding.end_column)
    if start != node.start_mark.index or end != node.end_mark.index or end > len(text):
        return "the position does not match the file"
    source = text[start:end]
    if not _bare(source, node):
        return "the value carries an anchor or a tag; fix it by hand"
    if "\n" in finding.replacement or "\r" in finding.replacement:
        return "the replacement spans lines"
    return Edit(start, end, _requote(finding.replacement, node.style), finding)


def _bare(source: str, node: yaml.ScalarNode) -> bool:
    """Is the span just the scalar (no anchor, tag, or line break inside)?"""
    if LINE_BREAK.search(source):
        return False
    if not node.style:
        return bool(source == node.value)
    return len(source) >= 2 and source[0] == node.style and source[-1] == node.style


def _requote(replacement: str, style: str | None) -> str:
    """A string replacing a quoted string keeps its quotes (a JSON file stays JSON)."""
    if style not in ('"', "'"):
        return replacement
    try:
        value = yaml.safe_load(replacement)
    except yaml.YAMLError:
        return replacement
    if not isinstance(value, str) or value != replacement:
        return replacement  # a number, or already quoted: the fix means to change the type
    if style == '"':
        return json.dumps(replacement, ensure_ascii=False)
    return "'" + replacement.replace("'", "''") + "'"


class _Tree:
    """A document's nodes by span, and the nodes reached more than once (aliases, merges)."""

    def __init__(self, root: yaml.Node) -> None:
        self.by_span: dict[Span, list[yaml.Node]] = {}
        self.shared: set[int] = set()
        again = self._count(root)
        seen: set[int] = set()
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, inherited = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            shared = inherited or id(node) in again
            if shared:
                self.shared.add(id(node))
            self.by_span.setdefault(node_span(node), []).append(node)
            stack.extend((child, shared) for child in _children(node))

    @staticmethod
    def _count(root: yaml.Node) -> set[int]:
        """The nodes reached twice or more (the composer shares one node object per anchor)."""
        seen: set[int] = set()
        again: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                again.add(id(node))
                continue
            seen.add(id(node))
            stack.extend(_children(node))
        return again


def _children(node: yaml.Node) -> list[yaml.Node]:
    """A node's keys and values, or items."""
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# -- applying and checking ----------------------------------------------------------------


def splice(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with each edit's span replaced, last first (so earlier offsets stay valid)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def _apply_checked(
    text: str, findings: list[Finding], edits: list[Edit], findings_of: FindingsOf, json_ok: bool, limits: Limits
) -> tuple[list[Edit], str, list[Finding]]:
    """Apply all the edits if the result checks out, else those that do one by one."""
    if not edits:
        return [], text, findings
    outcome = _try(text, findings, edits, findings_of, json_ok, limits)
    if outcome is not None:
        return edits, *outcome
    accepted: list[Edit] = []
    current_text, current_findings = text, findings
    for edit in edits:
        outcome = _try(text, findings, [*accepted, edit], findings_of, json_ok, limits)
        if outcome is not None:
            accepted.append(edit)
            current_text, current_findings = outcome
    return accepted, current_text, current_findings


def _try(
    text: str, findings: list[Finding], edits: list[Edit], findings_of: FindingsOf, json_ok: bool, limits: Limits
) -> tuple[str, list[Finding]] | None:
    """The new text and its findings, if it loads as well as before and the fixed findings are gone."""
    new_text = splice(text, edits)
    if json_ok and not _is_json(new_text):
        return None
    before, after = loading.load(text, limits), loading.load(new_text, limits)
    if len(after.documents) != len(before.documents) or _loader_rules(after) - _loader_rules(before):
        return None
    new_findings = findings_of(new_text)
    counts_before = Counter(_key(f) for f in findings)
    counts_after = Counter(_key(f) for f in new_findings)
    fixed = Counter(_key(edit.finding) for edit in edits)
    if any(counts_after[key] > counts_before[key] - n for key, n in fixed.items()):
        return None
    return new_text, new_findings


def _loader_rules(loaded: loading.Loaded) -> Counter[str]:
    """How many problems of each loader rule a file has (a fix must not add one: a duplicate key)."""
    return Counter(problem.rule for problem in loaded.all_problems())


def _parses(text: str, limits: Limits) -> bool:
    """Does ``text`` load into documents (no syntax error, no input limit hit)?  Else it is not touched."""
    loaded = loading.load(text, limits)
    return bool(loaded.documents) and not _loader_rules(loaded).keys() & _UNPARSED


def _is_json(text: str) -> bool:
    """Is ``text`` JSON (a fixed JSON file must stay JSON)?"""
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def unified_diff(original: bytes, fixed: bytes, name: str) -> str:
    """The change as a unified diff (``--- name`` / ``+++ name``), marking a missing final newline."""
    old = original.decode("utf-8-sig").splitlines(keepends=True)
    new = fixed.decode("utf-8-sig").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(old, new, fromfile=name, tofile=name):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def fix_path(path: str, findings_of: FindingsOf, limits: Limits = Limits(), write: bool = True) -> FileFix:
    """Fix the file at ``path``; write it (atomically, mode kept) only when ``write`` and it changed."""
    data, problem = loading.read_file(path, limits)
    if data is None or problem is not None:
        return FileFix(b"", None)
    result = fix_bytes(data, findings_of, path.lower().endswith(".json"), limits)
    if write and result.fixed is not None:
        from .files import write_atomic

        write_atomic(path, result.fixed)
    return result
