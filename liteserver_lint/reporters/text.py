"""``file:line:col: LS204 [error] message`` lines and a summary, coloured on a terminal."""

from __future__ import annotations

from ..findings import Finding, Report, Severity
from . import Context

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def line(finding: Finding, color: bool = False) -> str:
    """One finding as ``file:line:col: RULE [severity] message`` (``[*]`` when --fix can fix it)."""
    where = _paint(finding.location(), "1", color)
    severity = _paint(f"[{finding.severity.value}]", _COLORS[finding.severity], color)
    fixable = " [*]" if finding.replacement is not None else ""
    return f"{where}: {finding.rule}{fixable} {severity} {finding.message}"


def summary(report: Report) -> str:
    """The closing line: counts by severity, files and documents, and how many --fix can fix."""
    counts = report.counts()
    scope = f"{_plural(report.files, 'file')}, {_plural(report.documents, 'document')}"
    if not report.findings:
        return f"All checks passed ({scope})."
    parts = f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, {_plural(counts['info'], 'note')}"
    fixable = sum(1 for f in report.findings if f.replacement is not None)
    hint = f"; {fixable} fixable with --fix" if fixable else ""
    return f"Found {parts} ({scope}){hint}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report, context: Context) -> str:
    """One line per finding, then the summary unless quiet."""
    lines = [line(f, context.color) for f in report.findings]
    if not context.quiet:
        lines.append(summary(report))
    return "".join(f"{text}\n" for text in lines)
