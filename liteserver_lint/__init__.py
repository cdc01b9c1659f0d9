"""liteserver-lint: validate and policy-lint ModelArts Lite Server create requests.

    from liteserver_lint import lint, LintFailed
    report = lint(request)          # a dict or an SDK object
    report.raise_for_errors()       # LintFailed lists the findings, never a value

The names below are imported on first use, so ``import liteserver_lint`` (and the CLI's
``--version``) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "LintFailed",
    "Linter",
    "Options",
    "PolicyError",
    "Report",
    "Severity",
    "__version__",
    "lint",
    "lint_file",
]

_LAZY = {
    "lint": "engine",
    "lint_file": "engine",
    "Linter": "engine",
    "Options": "engine",
    "PolicyError": "policy",
    "Finding": "findings",
    "LintFailed": "findings",
    "Report": "findings",
    "Severity": "findings",
}

if TYPE_CHECKING:
    from .engine import Linter, Options, lint, lint_file
    from .findings import Finding, LintFailed, Report, Severity
    from .policy import PolicyError


def __getattr__(name: str) -> Any:
    """Import the public names on first use (PEP 562), so importing the package stays cheap."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'liteserver_lint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)
