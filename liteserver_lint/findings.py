"""What the linter reports: problems (no position yet), findings, and a run's report."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable

Path = tuple[str | int, ...]


class Severity(str, enum.Enum):
    """How bad a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0, 1, 2 for info, warning, error: for comparing severities."""
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """One rule's verdict on one field, before it is given a place in a file.

    ``on_key`` points the finding at the key rather than the value (unknown and
    duplicate keys).  ``replacement`` is the text that fixes the span, for ``--fix``.
    ``span`` is set by the loader, which knows the place before any path exists.
    """

    rule: str
    path: Path
    message: str | None = None
    fix: str | None = None
    on_key: bool = False
    replacement: str | None = None
    span: tuple[int, int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with its rule's metadata and its place: 1-based lines and columns, end exclusive."""

    rule: str
    name: str
    severity: Severity
    message: str
    file: str
    document: int
    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: str | None = None
    replacement: str | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """The report's order: file, document, position, rule, path."""
        # The path breaks ties (two required fields missing from one block share its position),
        # so the order never depends on the order a set or a worker produced them in.
        return (self.file, self.document, self.line or 0, self.column or 0, self.rule, self.path)

    def location(self) -> str:
        """``file:line:col`` (or just the file when the position is unknown)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def to_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data (without ``replacement``, a fixer's detail)."""
        return {
            "file": self.file,
            "document": self.document,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "fix": self.fix,
        }


def format_path(path: Path) -> str:
    """``("network", "allowed_address_pairs", 0, "ip_address")`` -> ``network.allowed_address_pairs[0].ip_address``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{printable(part)}" if text else printable(part)
    return text


def printable(text: str) -> str:
    """``text`` with non-printable characters escaped: keys are user input, and an escape
    sequence in one must not reach a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class LintFailed(Exception):
    """Raised by :meth:`Report.raise_for_errors`; lists the findings, never a value."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [f"{f.location()}: {f.rule} [{f.severity}] {f.path or '<document>'}: {f.message}" for f in report.errors]
        super().__init__(f"{len(lines)} error(s) in the request:\n" + "\n".join(lines))


@dataclass
class Report:
    """The findings of one run, sorted, with the counts the reporters need.

    ``paths`` names the files linted, in order (as the findings name them), for the
    reporters that list every file (JUnit); it is empty for a request linted from Python.
    """

    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    paths: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many files were linted."""
        return len(self.paths)

    @property
    def errors(self) -> list[Finding]:
        """The error-level findings."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The warning-level findings."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings and notes are allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        """How many findings of each severity (every severity present, zero or not)."""
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def worst_at_least(self, threshold: Severity) -> bool:
        """True when some finding is at least as severe as ``threshold`` (the exit code's test)."""
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings; call :meth:`sort` once all are in."""
        self.findings.extend(findings)

    def sort(self) -> None:
        """Put the findings in :meth:`Finding.sort_key` order, so output never depends on the run."""
        self.findings.sort(key=Finding.sort_key)

    def raise_for_errors(self) -> None:
        """Raise :class:`LintFailed` when the report has an error-level finding."""
        if not self.ok:
            raise LintFailed(self)
