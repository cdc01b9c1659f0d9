"""GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``.

The runner turns each line into an annotation on the pull request.  Values are escaped the
way the Actions toolkit (``@actions/core``) does it: ``%``, CR and LF in the message, and
also ``:`` and ``,`` in properties.  Columns are sent only for a single-line span (the
runner drops them otherwise); like the other formats, the end column is exclusive.
"""

from __future__ import annotations

from ..findings import Finding, Report, Severity
from . import Context, portable_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (toolkit ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (toolkit ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    """One finding as a workflow command line."""
    properties: list[tuple[str, object]] = [("file", portable_path(finding.file))]
    if finding.line is not None:
        properties.append(("line", finding.line))
        single_line = finding.end_line in (None, finding.line)
        if single_line and finding.column is not None:
            properties.append(("col", finding.column))
        if finding.end_line is not None:
            properties.append(("endLine", finding.end_line))
            if single_line and finding.column is not None and finding.end_column is not None:
                properties.append(("endColumn", finding.end_column))
    properties.append(("title", f"{finding.rule} {finding.name}"))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(finding.message)}"


def render(report: Report, context: Context) -> str:
    """One workflow command per finding (the runner prints no summary line)."""
    return "".join(command(f) + "\n" for f in report.findings)
