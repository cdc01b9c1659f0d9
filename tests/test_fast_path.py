"""The fast path (the compiled checker, cerberus on rejected fields only) agrees with the slow path.

The slow path is the reference: normalise the request, validate all of it with cerberus, run
the rules.  ``is_valid(d)`` must hold exactly when that finds no schema problem and normalising
changes nothing; the problems and the findings must be the same either way.
"""

from __future__ import annotations

import copy
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from .conftest import VALID, VALID_YAML, lint_yaml, valid
from .generators import requests, valid_requests
from liteserver_lint import lint, schema
from liteserver_lint.engine import Linter
from liteserver_lint.files import collect
from liteserver_lint.findings import Problem
from liteserver_lint.normalize import normalize
from liteserver_lint.run import lint_targets

BENCH = Path(__file__).resolve().parent.parent / "bench"

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class SlowLinter(Linter):
    """Every document takes the reference path, valid or not."""

    problems = Linter.slow_problems


def _same(value: Any, other: Any) -> bool:
    """Equal, where a NaN equals a NaN (normalising keeps unknown values as they are)."""
    if isinstance(value, float) and isinstance(other, float) and math.isnan(value) and math.isnan(other):
        return True
    if type(value) is not type(other):
        return False
    if isinstance(value, dict):
        return value.keys() == other.keys() and all(_same(value[k], other[k]) for k in value)
    if isinstance(value, list):
        return len(value) == len(other) and all(_same(a, b) for a, b in zip(value, other))
    return bool(value == other)


def _bag(problems: list[Problem]) -> Counter[str]:
    return Counter(repr(problem) for problem in problems)


@EXAMPLES
@given(requests())
def test_is_valid_iff_cerberus_finds_nothing_and_normalising_changes_nothing(request: dict[str, Any]) -> None:
    normalized, warnings = normalize(request)
    reference = not schema.all_schema_problems(normalized) and not warnings and _same(normalized, request)
    assert schema.is_valid(request) == reference


@EXAMPLES
@given(valid_requests())
def test_every_request_drawn_from_the_schema_is_valid(request: dict[str, Any]) -> None:
    assert schema.is_valid(request)
    assert schema.all_schema_problems(request) == []


@EXAMPLES
@given(requests())
def test_cerberus_on_rejected_fields_equals_cerberus_on_the_whole_request(request: dict[str, Any]) -> None:
    normalized, _ = normalize(request)
    assert _bag(schema.schema_problems(normalized)) == _bag(schema.all_schema_problems(normalized))


@EXAMPLES
@given(requests())
def test_linter_problems_equal_the_slow_path(request: dict[str, Any]) -> None:
    linter = Linter()
    assert _bag(linter.problems(copy.deepcopy(request))) == _bag(linter.slow_problems(copy.deepcopy(request)))


@EXAMPLES
@given(requests())
def test_lint_of_a_dict_equals_lint_of_the_same_request_as_an_object(request: dict[str, Any]) -> None:
    """``lint(dict)`` skips ``to_plain`` for a valid plain dict; an object goes through it."""

    class Model:
        def to_dict(self) -> dict[str, Any]:
            return copy.deepcopy(request)

    assert lint(request).findings == lint(Model()).findings


def test_lint_does_not_change_the_request() -> None:
    request = valid()
    request["admin_pass"] = "Secure-Pass1"
    before = copy.deepcopy(request)
    assert [f.rule for f in lint(request).findings] == ["LS202"]
    assert request == before


def test_a_valid_request_is_linted_without_cerberus(monkeypatch: Any) -> None:
    def refuse(data: Any) -> list[Problem]:
        raise AssertionError("cerberus ran on a valid request")

    monkeypatch.setattr(schema, "_cerberus_problems", refuse)
    assert lint(VALID).findings == []
    assert lint_yaml(VALID_YAML) == []


def test_keys_that_are_not_strings_are_unknown_fields_not_a_crash() -> None:
    """Cerberus sorts errors by path and cannot compare None, a float or a date with a string."""
    text = "~: a\n1.5: b\n2024-01-01: c\nnme: d\n" + VALID_YAML
    findings = lint_yaml(text)
    assert [(f.rule, f.path, f.line) for f in findings if f.rule == "LS102"] == [
        ("LS102", "None", 1),  # the text of a null key is '~', so it points at the document
        ("LS102", "1.5", 2),
        ("LS102", "2024-01-01", 3),
        ("LS102", "nme", 4),
    ]


def test_findings_at_one_position_are_ordered_by_path() -> None:
    """Two required fields missing from one block share its position; the order must not vary."""
    text = "name: a\nflavor: f\nimage_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0\nkey_pair_name: k\nnetwork:\n  x: 1\n"
    findings = [(f.rule, f.path, f.line) for f in lint_yaml(text)]
    assert findings == [
        ("LS101", "network.security_group_id", 5),
        ("LS101", "network.subnet_id", 5),
        ("LS101", "network.vpc_id", 5),
        ("LS102", "network.x", 6),
    ]


def test_the_benchmark_corpus_gives_the_same_report_on_both_paths(tmp_path: Path) -> None:
    """A small corpus from the benchmark's generator: every file, both paths, the same report."""
    sys.path.insert(0, str(BENCH))
    try:
        import corpus
    finally:
        sys.path.remove(str(BENCH))
    directory = tmp_path / "corpus"
    counts = corpus.generate(400, 11, directory)
    assert counts["invalid"] > 20
    fast = lint_targets(Linter(), collect((str(directory),)), jobs=1)
    slow = lint_targets(SlowLinter(), collect((str(directory),)), jobs=1)
    assert len(fast.findings) >= counts["invalid"]
    assert fast.findings == slow.findings
    assert fast.documents == slow.documents == 400 - sum(1 for f in fast.findings if f.rule == "LS001")
