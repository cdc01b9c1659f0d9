"""Every rule is documented, and its documented examples do what they say."""

from __future__ import annotations

import re

import pytest
import yaml

from liteserver_lint.engine import BUILTIN_RULES, Linter
from liteserver_lint.findings import Severity
from liteserver_lint.rule import Rule

from .conftest import VALID, merge

IDS = [rule.id for rule in BUILTIN_RULES]


def _rules_triggered(rule: Rule, example: str) -> set[str]:
    linter = Linter()
    if rule.whole_file:
        findings, _ = linter.lint_bytes(example.encode("utf-8", "surrogateescape"), "example.yaml")
    else:
        fragment = yaml.safe_load(example)
        findings = linter.lint(merge(VALID, fragment)).findings
    return {f.rule for f in findings}


def test_rule_ids_are_unique_and_well_formed() -> None:
    assert len(IDS) == len(set(IDS))
    names = [rule.name for rule in BUILTIN_RULES]
    assert len(names) == len(set(names))
    for rule in BUILTIN_RULES:
        assert re.fullmatch(r"LS\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert isinstance(rule.severity, Severity)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=IDS)
def test_rule_has_docs(rule: Rule) -> None:
    for field in ("message", "what", "why", "bad", "good", "source"):
        assert getattr(rule, field).strip(), f"{rule.id} lacks {field}"
    assert "\n" not in rule.message, "the message is one line"
    assert rule.whole_file or rule.check is not None or rule.id.startswith("LS1"), "a request rule has a check"
    docs = rule.docs()
    assert rule.id in docs and "## Why" in docs and "## Fixed" in docs


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=IDS)
def test_failing_example_triggers_the_rule(rule: Rule) -> None:
    assert rule.id in _rules_triggered(rule, rule.bad)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=IDS)
def test_fixed_example_does_not(rule: Rule) -> None:
    assert rule.id not in _rules_triggered(rule, rule.good)


def test_fixable_rules_offer_a_replacement() -> None:
    """A rule marked fixable yields a replacement on its failing example (what --fix applies)."""
    for rule in BUILTIN_RULES:
        if not rule.fixable:
            continue
        findings = Linter().lint_text(yaml.safe_dump(merge(VALID, yaml.safe_load(rule.bad))), "x.yaml")[0]
        assert any(f.rule == rule.id and f.replacement is not None for f in findings), rule.id
