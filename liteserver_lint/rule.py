"""A rule: its stable ID, name, default severity, one-line message and documentation.

Semantic rules carry a ``check`` function; the loading (LS0xx) and schema (LS1xx) rules are
reported by the loader and the schema checker and carry none.  Examples are YAML: for a
request rule, a fragment merged into a valid request (``null`` removes a field, as in the
API), for a file rule (``whole_file``), the whole file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .findings import Problem, Severity

Check = Callable[[dict[str, Any]], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """One rule and its docs; ``message`` says what is wrong and how to fix it, in one line."""

    id: str
    name: str
    severity: Severity
    message: str
    what: str
    why: str
    bad: str
    good: str
    source: str
    check: Check | None = None
    fixable: bool = False
    whole_file: bool = False
    pack: str = "liteserver-lint"

    def problem(self, path: tuple[str | int, ...], **details: Any) -> Problem:
        """A problem of this rule at ``path`` (details: message, fix, on_key, replacement)."""
        return Problem(self.id, path, **details)

    def docs(self) -> str:
        """The rule's documentation as Markdown, the way ``explain`` prints it."""
        example_note = "" if self.whole_file else " (merged into a valid request; `null` removes a field)"
        text = (
            f"# {self.id} {self.name} [{self.severity.value}]{' (fixable)' if self.fixable else ''}\n\n"
            f"{self.message}\n\n"
            f"## What it checks\n{self.what}\n\n"
            f"## Why\n{self.why}\n\n"
            f"## Example that fails{example_note}\n```yaml\n{self.bad.strip()}\n```\n\n"
            f"## Fixed\n```yaml\n{self.good.strip()}\n```\n\n"
            f"Source: {self.source}\n"
        )
        # A whole-file example may hold undecodable bytes (as surrogates): show them escaped.
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def merge(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    """``fragment`` deep-merged into a copy of ``base``; ``None`` removes a key (as in the API).

    This is how a rule's ``bad`` and ``good`` examples become whole requests.
    """
    result = copy.deepcopy(base)
    for key, value in fragment.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result
