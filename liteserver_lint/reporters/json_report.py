"""The JSON report: ``{"version": 1, "summary": {...}, "findings": [...]}``."""

from __future__ import annotations

import json

from ..findings import Report
from . import Context


def as_dict(report: Report) -> dict[str, object]:
    """The report as plain data: a format version, the summary counts and every finding."""
    return {
        "version": 1,
        "summary": {"files": report.files, "documents": report.documents, **report.counts()},
        "findings": [finding.to_dict() for finding in report.findings],
    }


def render(report: Report, context: Context) -> str:
    """The report as indented JSON (UTF-8 text, not escaped)."""
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
