"""Shared fixtures: a valid request, and helpers to lint YAML text and fragments."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from liteserver_lint.contract import EXAMPLE_YAML
from liteserver_lint.engine import Linter
from liteserver_lint.findings import Finding
from liteserver_lint.rule import merge  # noqa: F401  (re-exported for the tests)

VALID_YAML = EXAMPLE_YAML
VALID: dict[str, Any] = yaml.safe_load(VALID_YAML)


def valid() -> dict[str, Any]:
    """A fresh copy of a valid request."""
    return copy.deepcopy(VALID)


def lint_yaml(text: str, linter: Linter | None = None) -> list[Finding]:
    """Sorted findings of ``text`` as a file named ``spec.yaml``."""
    findings, _ = (linter or Linter()).lint_text(text, "spec.yaml")
    return sorted(findings, key=Finding.sort_key)


def rule_ids(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


@pytest.fixture
def linter() -> Linter:
    return Linter()
