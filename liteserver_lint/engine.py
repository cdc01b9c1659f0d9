"""The pipeline: load -> normalise -> schema -> rules -> findings (with positions).

A :class:`Linter` is built once from :class:`Options` and then only read.  Positions are
looked up on the node tree only for documents that have findings, and the schema's slow path
(cerberus) runs only for a request the compiled checker rejects.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

import yaml

from . import loading, schema, suppressions
from .findings import Finding, Path, Problem, Report, Severity, format_path
from .loading import Limits, Span, node_span, node_start
from .normalize import normalize, to_plain
from .rule import Rule
from .rules import RULES as SEMANTIC_RULES

BUILTIN_RULES: tuple[Rule, ...] = (*loading.RULES, *suppressions.RULES, *schema.RULES, *SEMANTIC_RULES)


@dataclass(frozen=True)
class Options:
    """What to check and how: rule selection (IDs or prefixes; ``ALL``), severity overrides,
    input limits, extra rules (policy packs), and whether inline suppressions count."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    limits: Limits = Limits()
    extra_rules: tuple[Rule, ...] = ()
    inline_suppressions: bool = True

    def selects(self, rule_id: str) -> bool:
        """Whether ``rule_id`` is selected and not ignored."""
        return _matches(rule_id, self.select) and not _matches(rule_id, self.ignore)


def _matches(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(p == "ALL" or rule_id.startswith(p) for p in patterns)


class Linter:
    """Checks requests and files with one set of options."""

    def __init__(self, options: Options = Options()) -> None:
        self.options = options
        self.rules: dict[str, Rule] = {rule.id: rule for rule in (*BUILTIN_RULES, *options.extra_rules)}
        self.enabled = frozenset(rule_id for rule_id in self.rules if options.selects(rule_id))
        self.checks = tuple(r.check for r in self.rules.values() if r.check is not None and r.id in self.enabled)

    # -- requests ---------------------------------------------------------------------

    def problems(self, request: dict[str, Any]) -> list[Problem]:
        """Every problem of one request (plain data): schema facts, then the semantic rules.

        The compiled checker clears a valid request at once; cerberus explains any other,
        looking only at the fields the checker rejects.  :meth:`slow_problems` is the reference
        this must equal (a differential test and the benchmark check that it does).
        """
        if schema.is_valid(request):
            return self._rule_problems(request)
        return self._explained(request, schema.schema_problems)

    def slow_problems(self, request: dict[str, Any]) -> list[Problem]:
        """The reference for any request: normalise, cerberus on the whole of it, then the rules."""
        return self._explained(request, schema.all_schema_problems)

    def _explained(
        self, request: dict[str, Any], schema_check: Callable[[dict[str, Any]], list[Problem]]
    ) -> list[Problem]:
        """Normalise a request the checker rejected, then let cerberus and the rules explain it."""
        request, problems = normalize(request)
        problems.extend(schema_check(request))
        problems.extend(self._rule_problems(request))
        return problems

    def _rule_problems(self, request: dict[str, Any]) -> list[Problem]:
        """The semantic rules' problems (one list comprehension: this runs for every request)."""
        return [problem for check in self.checks for problem in check(request)]

    def lint(self, request: Any, file: str = "<request>") -> Report:
        """Lint one request given as a dict or an SDK object; findings carry no position."""
        if type(request) is dict and schema.is_valid(request):
            # The checker accepts only plain dicts, lists, strings, numbers and booleans:
            # ``to_plain`` would return an equal copy, so the request is used as it is.
            problems = self._rule_problems(request)
        else:
            data = to_plain(request)
            if isinstance(data, dict):
                problems = self.problems(data)
            else:
                problems = [Problem(loading.NOT_A_MAPPING, (), message="the request is not a mapping of fields")]
        report = Report(documents=1)
        if problems:
            report.extend(self.findings_for(problems, file))
            report.sort()
        return report

    # -- files ------------------------------------------------------------------------

    def lint_text(self, text: str, file: str) -> tuple[list[Finding], int]:
        """Findings of every document of ``text``, and how many documents it holds."""
        loaded = loading.load(text, self.options.limits)
        findings = self.findings_for(loaded.problems, file)
        for document in loaded.documents:
            problems = list(document.problems)
            if isinstance(document.data, dict):
                problems.extend(self.problems(document.data))
            if problems:
                findings.extend(self._findings(problems, file, document.index, document.node))
        if self.options.inline_suppressions and suppressions.MARKER in text:
            findings = self._suppress(findings, text, file)
        return findings, len(loaded.documents)

    def _suppress(self, findings: list[Finding], text: str, file: str) -> list[Finding]:
        """The findings no ``# liteserver-lint: disable=...`` comment suppresses, and LS008 for unused ones."""
        kept, unused = suppressions.apply(findings, text, self.rules, self.enabled)
        return kept + self.findings_for(unused, file)

    def lint_bytes(self, data: bytes, file: str) -> tuple[list[Finding], int]:
        """Findings of a file's bytes (decoded as UTF-8 first), and how many documents it holds."""
        text, problem = loading.decode(data)
        if text is None:
            assert problem is not None
            return self.findings_for([problem], file), 0
        return self.lint_text(text, file)

    def lint_path(self, path: str, file: str | None = None) -> tuple[list[Finding], int]:
        """Findings of the file at ``path``, reported under ``file`` (default: the path)."""
        shown = path if file is None else file
        data, problem = loading.read_file(path, self.options.limits)
        if data is None:
            assert problem is not None
            return self.findings_for([problem], shown), 0
        return self.lint_bytes(data, shown)

    def lint_file(self, path: str) -> Report:
        """A sorted report of the file at ``path``."""
        findings, documents = self.lint_path(path)
        report = Report(findings, documents=documents, paths=[path])
        report.sort()
        return report

    # -- problems to findings ------------------------------------------------------------

    def findings_for(self, problems: Iterable[Problem], file: str) -> list[Finding]:
        """Findings for problems with no node tree to place them (a file's own carry their span)."""
        return self._findings(problems, file, 0, None)

    def _findings(self, problems: Iterable[Problem], file: str, index: int, node: yaml.Node | None) -> list[Finding]:
        findings = []
        for problem in problems:
            if problem.rule not in self.enabled:
                continue
            rule = self.rules[problem.rule]
            span = problem.span or (locate(node, problem.path, problem.on_key, index) if node is not None else None)
            line, column, end_line, end_column = span or (None, None, None, None)
            findings.append(
                Finding(
                    rule=rule.id,
                    name=rule.name,
                    severity=self.options.severity.get(rule.id, rule.severity),
                    message=problem.message or rule.message,
                    file=file,
                    document=index,
                    path=format_path(problem.path),
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    fix=problem.fix,
                    replacement=problem.replacement,
                )
            )
        return findings


def locate(root: yaml.Node, path: Path, on_key: bool, index: int = 0) -> Span:
    """The span of the field at ``path``: its value (or key), else its nearest parent's key.

    A path that reaches no key points at the document's start (1:1 for the first document).
    """
    node: yaml.Node | None = root
    key_node: yaml.Node | None = None
    for part in path:
        found = _child(node, part) if node is not None else None
        if found is None:
            node = None
            break
        key_node, node = found
    if node is not None and not (on_key and key_node is not None):
        return node_span(node)
    if key_node is not None:
        return node_span(key_node)
    if index == 0:
        return (1, 1, 1, 1)
    return node_start(root)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of ``part`` in a mapping (last one wins, merges searched), or a list item."""
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if not isinstance(node, yaml.MappingNode):
        return None
    wanted = str(part)
    merges = []
    for key_node, value_node in reversed(node.value):
        if key_node.tag == "tag:yaml.org,2002:merge":
            merges.append(value_node)
        elif isinstance(key_node, yaml.ScalarNode) and key_node.value == wanted:
            return key_node, value_node
    for merge in merges:
        sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
        for source in sources:
            found = _child(source, part)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=1)
def default_linter() -> Linter:
    """The linter with default options, built once per process."""
    return Linter()


def _linter(options: Options | None, policies: Iterable[str] = ()) -> Linter:
    """The default linter, or one built for ``options`` plus the rules of the packs ``policies``."""
    policies = tuple(policies)
    if not policies:
        return default_linter() if options is None else Linter(options)
    from .policy import load_rules  # imported only when packs are used

    base = options or Options()
    return Linter(dataclasses.replace(base, extra_rules=(*base.extra_rules, *load_rules(policies))))


def lint(request: Any, options: Options | None = None, *, policies: Iterable[str] = ()) -> Report:
    """Lint a create request: a dict, or an SDK object (anything with ``to_dict()`` or attributes).

    ``policies`` names policy packs (shipped names or paths) whose rules run too; a bad pack
    raises :class:`~liteserver_lint.policy.PolicyError`.  To lint many requests, build a
    ``Linter(Options(extra_rules=policy.load_rules(...)))`` once instead.
    """
    return _linter(options, policies).lint(request)


def lint_file(path: str, options: Options | None = None, *, policies: Iterable[str] = ()) -> Report:
    """Lint a YAML or JSON spec file (every document in it), with the rules of ``policies`` too."""
    return _linter(options, policies).lint_file(path)
