"""Reporters turn a :class:`~liteserver_lint.findings.Report` into text for people or tools.

Each reporter is a module with ``render(report, context) -> str``; :data:`FORMATS` maps the
``--format`` names to them, imported on first use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..findings import Report, Severity
from ..rule import Rule

Renderer = Callable[[Report, "Context"], str]

# --format name -> module in this package.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
}


@dataclass(frozen=True)
class Context:
    """What a reporter may need besides the findings."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    color: bool = False
    fail_on: Severity = Severity.ERROR
    version: str = ""


def renderer(name: str) -> Renderer:
    """The ``render`` function of the format ``name``."""
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    return module.render  # type: ignore[no-any-return]
