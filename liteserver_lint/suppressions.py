"""Inline suppressions: ``# liteserver-lint: disable=LS204 -- reason`` in a spec file.

``disable=IDS`` on the line of a finding (or alone on the line above it) suppresses the
findings of those rules there; ``disable-file=IDS`` anywhere suppresses them in the whole
file.  Only real YAML comments count: libyaml drops comments, so a match is accepted only
when it lies outside every token the scanner reads (a ``#`` inside a quoted or block scalar is
text, not a comment).  The scan runs only for files whose text mentions ``liteserver-lint:``.
A suppression that suppresses nothing is itself a finding (LS008), so suppressions do not rot.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Collection, Iterable

import yaml

from .contract import EXAMPLE_YAML
from .findings import Finding, Problem, Severity
from .rule import Rule

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MARKER = "liteserver-lint:"
UNUSED_SUPPRESSION = "LS008"

# YAML's line breaks (libyaml counts NEL, LS and PS as breaks, and CRLF as one).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_COMMENT = re.compile("#[ \t]*liteserver-lint:[^\r\n\x85\u2028\u2029]*")
_DIRECTIVE = re.compile(
    r"#[ \t]*liteserver-lint:[ \t]*(?P<kind>disable-file|disable)[ \t]*=[ \t]*"
    r"(?P<ids>[A-Za-z][A-Za-z0-9]*(?:[ \t]*,[ \t]*[A-Za-z][A-Za-z0-9]*)*)[ \t]*(?:--.*)?\Z"
)

Position = tuple[int, int]  # 0-based (line, column) in characters


@dataclass(frozen=True)
class Directive:
    """One suppression comment: where it is, what it suppresses (``rules`` empty when malformed)."""

    line: int  # 1-based
    column: int  # 1-based, the '#'
    end_column: int  # exclusive
    kind: str  # "disable", "disable-file", or "" when malformed
    rules: tuple[str, ...]
    own_line: bool  # alone on its line: it covers the next line too

    @property
    def span(self) -> tuple[int, int, int, int]:
        """Where the comment is, for its LS008 finding."""
        return (self.line, self.column, self.line, self.end_column)

    def covers(self, line: int) -> bool:
        """Does this directive apply to a finding that starts on ``line``?"""
        if self.kind == "disable-file":
            return True
        return self.kind == "disable" and (line == self.line or (self.own_line and line == self.line + 1))


def directives(text: str) -> list[Directive]:
    """Every suppression comment in ``text`` that is a real comment (cheap when there is none)."""
    if MARKER not in text:
        return []
    starts = line_starts(text)
    candidates = [(m, _position(starts, m.start())) for m in _COMMENT.finditer(text)]
    if not candidates:
        return []
    spans, limit = _token_spans(text)
    found = []
    for match, (line, column) in candidates:
        before = text[starts[line] : match.start()]
        if before and before[-1] not in " \t":
            continue  # YAML needs a space before a comment: this '#' is part of a value
        if limit is not None and (line, column) >= limit:
            continue  # after a syntax error: cannot tell comment from text
        if _inside(spans, (line, column)):
            continue
        found.append(_directive(match, line, column, own_line=not before.strip(" \t")))
    return found


def line_starts(text: str) -> list[int]:
    """The offset of each line's first character, with YAML's line breaks (CRLF counts once)."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(text)]


def _position(starts: list[int], offset: int) -> Position:
    """The 0-based (line, column) of a character offset, given ``line_starts``."""
    line = bisect.bisect_right(starts, offset) - 1
    return line, offset - starts[line]


def _token_spans(text: str) -> tuple[list[tuple[Position, Position]], Position | None]:
    """(start, end) of every token with a width, and where a syntax error stopped the scan."""
    spans = []
    limit = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start, end = token.start_mark, token.end_mark
            if (end.line, end.column) > (start.line, start.column):
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken token began (an unclosed quote): stop there.
        marks = [(m.line, m.column) for m in (error.problem_mark, error.context_mark) if m is not None]
        limit = min(marks, default=(0, 0))
    except yaml.YAMLError:
        limit = (0, 0)
    return spans, limit


def _inside(spans: list[tuple[Position, Position]], position: Position) -> bool:
    """Is ``position`` within a token (the tokens come in order and do not overlap)?"""
    index = bisect.bisect_right(spans, (position, (1 << 62, 0))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _directive(match: re.Match[str], line: int, column: int, own_line: bool) -> Directive:
    comment = match.group().rstrip(" \t")
    parsed = _DIRECTIVE.match(comment)
    kind = ""
    rules: tuple[str, ...] = ()
    if parsed is not None:
        kind = parsed.group("kind")
        rules = tuple(dict.fromkeys(part.strip().upper() for part in parsed.group("ids").split(",")))
    return Directive(line + 1, column + 1, column + 1 + len(comment), kind, rules, own_line)


def apply(
    findings: Iterable[Finding], text: str, known: Collection[str], enabled: Collection[str]
) -> tuple[list[Finding], list[Problem]]:
    """The findings no directive suppresses, and LS008 problems for directives that suppress nothing.

    ``known``: every rule ID (a directive naming another is unused); ``enabled``: the rules that
    run (a directive for a rule that is switched off is not reported: it may be needed elsewhere).
    """
    found = directives(text)
    findings = list(findings)
    if not found:
        return findings, []
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hits = [i for i, d in enumerate(found) if finding.line is not None and finding.rule in d.rules and d.covers(finding.line)]
        used.update((i, finding.rule) for i in hits)
        if not hits:
            kept.append(finding)
    problems = [
        problem
        for i, directive in enumerate(found)
        for problem in _unused(directive, i, used, known, enabled)
        if not any(UNUSED_SUPPRESSION in d.rules and d.covers(directive.line) for d in found)
    ]
    return kept, problems


def _unused(
    directive: Directive, index: int, used: set[tuple[int, str]], known: Collection[str], enabled: Collection[str]
) -> Iterable[Problem]:
    """The LS008 problems of one directive: malformed, an unknown rule, or a rule with nothing to suppress."""
    if not directive.kind:
        yield _problem(directive, "a malformed suppression comment suppresses nothing; write "
                       "'# liteserver-lint: disable=LS204 -- reason' (or disable-file=...)")
        return
    where = {"disable-file": "in this file", "disable": "on this line"}[directive.kind]
    if directive.kind == "disable" and directive.own_line:
        where = "on this line or the next"
    for rule in directive.rules:
        if rule == UNUSED_SUPPRESSION:
            continue
        if rule not in known:
            yield _problem(directive, f"suppression of unknown rule '{rule}' suppresses nothing; fix the ID or remove it")
        elif rule in enabled and (index, rule) not in used:
            yield _problem(directive, f"unused suppression: no {rule} finding {where}; remove '{rule}' from it")


def _problem(directive: Directive, message: str) -> Problem:
    return Problem(UNUSED_SUPPRESSION, (), message=message, span=directive.span)


RULES: tuple[Rule, ...] = (
    Rule(
        UNUSED_SUPPRESSION,
        "unused-suppression",
        Severity.WARNING,
        "A suppression comment that suppresses nothing; remove it (or the rule ID in it).",
        what="A `# liteserver-lint: disable=ID` comment with no finding of that rule on its line (or, "
        "alone on a line, the next one), a `disable-file=ID` with none in the file, a rule ID that "
        "does not exist, or a malformed suppression comment. Rules switched off by --select/--ignore "
        "are not reported. `disable=LS008` silences this rule too.",
        why="A suppression outlives the finding it was written for: once the value is fixed, it would "
        "silently hide the next real problem on that line.",
        bad=EXAMPLE_YAML.replace("name: server_test", "name: server_test  # liteserver-lint: disable=LS204 -- legacy"),
        good=EXAMPLE_YAML,
        source="liteserver-lint's inline suppressions (like ruff's RUF100)",
        whole_file=True,
    ),
)
