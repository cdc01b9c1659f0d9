"""Reporters turn a :class:`~liteserver_lint.findings.Report` into text for people or tools.

Each reporter is a module with ``render(report, context) -> str``; :data:`FORMATS` maps the
``--format`` names to them, imported on first use.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..findings import Report, Severity
from ..rule import Rule

Renderer = Callable[[Report, "Context"], str]

# --format name -> module in this package.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


@dataclass(frozen=True)
class Context:
    """What a reporter may need besides the findings."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    color: bool = False
    fail_on: Severity = Severity.ERROR
    version: str = ""
    quiet: bool = False


def portable_path(file: str) -> str:
    """``file`` with forward slashes, relative to the working directory when it lies inside it.

    CI tools (GitHub annotations, code scanning) resolve paths from the checkout's root,
    which is where the linter runs.
    """
    if os.path.isabs(file):
        try:
            relative = os.path.relpath(file)
        except ValueError:  # another drive on Windows
            relative = file
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            file = relative
    return file.replace(os.sep, "/")


def renderer(name: str) -> Renderer:
    """The ``render`` function of the format ``name``."""
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    return module.render  # type: ignore[no-any-return]
