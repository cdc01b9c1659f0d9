"""Hypothesis property tests: the boundaries of the contract, and robustness to any mutation."""

from __future__ import annotations

import json
import string
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from liteserver_lint import lint
from liteserver_lint.contract import ARCHES, CHARGING_MODES, PERIOD_TYPES, SERVER_TYPES, VOLUME_TYPES
from liteserver_lint.engine import BUILTIN_RULES, Linter
from liteserver_lint.reporters import Context, renderer

from .conftest import VALID, merge

SPECIALS = "!@%-_=+[{}]:,./?"  # the SEED's set without the two legacy ones
CLASSES = {
    "upper": string.ascii_uppercase,
    "lower": string.ascii_lowercase,
    "digit": string.digits,
    "special": SPECIALS,
}
RULE_IDS = {rule.id for rule in BUILTIN_RULES}


def _rules(request: dict[str, Any]) -> set[str]:
    return {f.rule for f in lint(request).findings}


@st.composite
def passwords(draw: st.DrawFn) -> tuple[str, frozenset[str]]:
    """A password of 0-40 characters drawn only from a chosen set of classes, each of them used."""
    chosen = draw(st.sets(st.sampled_from(sorted(CLASSES)), min_size=1))
    length = draw(st.integers(min_value=0, max_value=40))
    alphabet = "".join(CLASSES[c] for c in sorted(chosen))
    body = draw(st.text(alphabet=alphabet, min_size=length, max_size=length))
    if length >= len(chosen):  # make every chosen class appear
        seeds = [draw(st.sampled_from(CLASSES[c])) for c in sorted(chosen)]
        body = "".join(seeds) + body[len(seeds):]
    used = frozenset(c for c, chars in CLASSES.items() if any(ch in chars for ch in body))
    return body, used


@settings(max_examples=400)
@given(passwords())
@example(("Ab1-xyzw", frozenset({"upper", "lower", "digit", "special"})))
@example(("Ab1-xyz", frozenset({"upper", "lower", "digit", "special"})))
@example(("Ab1-" + "x" * 22, frozenset({"upper", "lower", "digit", "special"})))
@example(("Ab1-" + "x" * 23, frozenset({"upper", "lower", "digit", "special"})))
def test_password_length_and_classes(drawn: tuple[str, frozenset[str]]) -> None:
    password, used = drawn
    found = _rules(merge(VALID, {"key_pair_name": None, "admin_pass": password}))
    folded = password.casefold()
    reserved = any(w in folded for w in ("root", "toor", "administrator", "rotartsinimda"))
    assert ("LS203" in found) == (not 8 <= len(password) <= 26)
    assert ("LS204" in found) == (len(used) < 3)
    assert ("LS206" in found) == reserved
    assert "LS205" not in found and "LS207" not in found and "LS201" not in found


@given(st.text(min_size=8, max_size=26), st.sampled_from("$^"))
def test_legacy_specials_warn_and_other_characters_fail(text: str, legacy: str) -> None:
    allowed = set(string.ascii_letters + string.digits + SPECIALS + "$^")
    password = text[:-1] + legacy
    found = _rules(merge(VALID, {"key_pair_name": None, "admin_pass": password}))
    assert "LS207" in found
    assert ("LS205" in found) == any(ch not in allowed for ch in password)


@given(st.integers(min_value=-3, max_value=12))
@example(0)
@example(1)
@example(8)
@example(9)
def test_data_disk_count(count: int) -> None:
    found = _rules(merge(VALID, {"data_volume": {"type": "SSD", "size": 100, "count": count}}))
    assert ("LS107" in found) == (not 1 <= count <= 8)
    assert found <= {"LS107"}


ENUMS = [
    ("arch", ARCHES),
    ("server_type", SERVER_TYPES),
    ("root_volume.type", VOLUME_TYPES),
    ("data_volume.type", VOLUME_TYPES),
    ("charging_info.charging_mode", CHARGING_MODES),
    ("charging_info.period_type", PERIOD_TYPES),
]
BLOCKS = {
    "data_volume": {"type": "SSD", "size": 100, "count": 1},
    "charging_info": {"charging_mode": "PRE_PAID", "period_num": 1, "period_type": "MONTH"},
}


def _with_enum(path: str, value: str) -> dict[str, Any]:
    head, _, tail = path.partition(".")
    fragment: dict[str, Any] = {head: value} if not tail else {head: {**BLOCKS.get(head, {}), tail: value}}
    if path == "server_type" and value == "HPS":
        fragment["hps_cluster_id"] = "2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b"
    return merge(VALID, fragment)


def test_every_enum_value_is_accepted() -> None:
    for path, values in ENUMS:
        for value in values:
            assert lint(_with_enum(path, value)).findings == [], (path, value)


@given(st.sampled_from(ENUMS).flatmap(lambda e: st.tuples(st.just(e[0]), st.sampled_from(e[1]))),
       st.sampled_from(["lower", "title", "lead", "trail", "both"]))
def test_enum_near_misses_are_rejected_with_the_right_fix(field: tuple[str, str], how: str) -> None:
    path, value = field
    miss = {"lower": value.lower(), "title": value.title(), "lead": " " + value, "trail": value + " ",
            "both": f"\t{value.lower()} "}[how]
    if miss == value:  # e.g. title() of a one-letter-case value; not a miss
        return
    findings = [f for f in lint(_with_enum(path, miss)).findings if f.rule == "LS105"]
    assert [(f.path, f.fix) for f in findings] == [(path, f"use {value}")]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    return found


@st.composite
def mutated_requests(draw: st.DrawFn) -> dict[str, Any]:
    request = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(_paths(request)))
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if not path:
            continue
        parent = request
        for part in path[:-1]:
            parent = parent[part]
        if not isinstance(parent, dict):
            continue
        if action == "delete":
            parent.pop(path[-1], None)
        elif action == "set":
            parent[path[-1]] = draw(JSON_VALUES)
        elif isinstance(parent.get(path[-1]), dict):
            parent[path[-1]][draw(st.text(max_size=12))] = draw(JSON_VALUES)
    return request


@settings(max_examples=300)
@given(mutated_requests())
def test_mutations_never_crash_and_always_report(request: dict[str, Any]) -> None:
    report = lint(request)
    assert {f.rule for f in report.findings} <= RULE_IDS
    document = json.loads(renderer("json")(report, Context()))
    assert document["summary"]["error"] == len(report.errors)
    text = yaml.safe_dump(request, allow_unicode=True)
    if yaml.safe_load(text) != request:  # PyYAML's dumper does not round-trip every string (NEL, ...)
        return
    findings, _ = Linter().lint_text(text, "m.yaml")
    assert {(f.rule, f.path) for f in findings} == {(f.rule, f.path) for f in report.findings}
    assert all(f.line is not None for f in findings)
