"""Hostile YAML: each ends quickly with a clear finding, and memory stays bounded.

An alias bomb, 10,000-deep nesting (past libyaml's own limit of 1,000), a 50 MB file, a 1 MB
single line, a million tiny documents, code-executing tags.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path
from typing import Callable

import pytest

from .conftest import VALID_YAML, lint_yaml
from .test_fuzz import pure_python_yaml
from liteserver_lint import loading
from liteserver_lint.engine import Linter, Options
from liteserver_lint.findings import Finding
from liteserver_lint.loading import Limits

SECOND = 1.0
MiB = 1024 * 1024


def measured(action: Callable[[], list[Finding]]) -> tuple[list[Finding], float, float]:
    """The findings, the seconds and the peak memory (MiB of Python allocations) of ``action``.

    Timed on its own, then run again under tracemalloc (which slows allocation) for the memory.
    """
    start = time.perf_counter()
    findings = action()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        assert action() == findings
        peak = tracemalloc.get_traced_memory()[1] / MiB
    finally:
        tracemalloc.stop()
    return findings, seconds, peak


def where(findings: list[Finding]) -> list[tuple[str, int | None, int | None]]:
    return [(f.rule, f.line, f.column) for f in findings]


def billion_laughs(levels: int = 9) -> str:
    """Each level is ten aliases of the one before: 10**levels strings once expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_stops_at_the_node_budget() -> None:
    findings, seconds, peak = measured(lambda: lint_yaml(billion_laughs()))
    # a4 would expand past the budget; the node tree has no alias nodes, so the finding points
    # at the anchored list whose copy crossed it (a3's)
    assert where(findings) == [("LS006", 4, 5)]
    assert "expands to more than 50000 nodes (aliases counted)" in findings[0].message
    assert seconds < SECOND and peak < 5


def test_an_alias_bomb_inside_a_request_stops_before_any_rule_walks_it() -> None:
    text = VALID_YAML + "extra: " + billion_laughs().replace("\n", "\n  ").replace("a0:", "\n  a0:", 1)
    findings, seconds, _ = measured(lambda: lint_yaml(text))
    assert [f.rule for f in findings] == ["LS006"]
    assert seconds < SECOND


def test_aliases_within_the_budget_are_fine() -> None:
    text = VALID_YAML + "root_volume: &disk\n  type: SSD\n  size: 200\ndata_volume:\n  <<: *disk\n  count: 2\n"
    assert lint_yaml(text) == []


@pytest.mark.parametrize("nesting", ["[" * 10_000 + "]" * 10_000, "{a: " * 10_000 + "}" * 10_000])
def test_ten_thousand_levels_of_flow_nesting(nesting: str) -> None:
    findings, seconds, peak = measured(lambda: lint_yaml(nesting))
    assert [f.rule for f in findings] == ["LS006"]
    assert findings[0].message == "nesting deeper than 64 levels; flatten the document"
    assert (findings[0].line, findings[0].column) == (1, {"[": 1001, "{": 4001}[nesting[0]])
    assert seconds < SECOND and peak < 5


def test_ten_thousand_levels_of_block_nesting() -> None:
    findings, seconds, peak = measured(lambda: lint_yaml("- " * 10_000 + "x\n"))
    assert where(findings) == [("LS006", 1, 1999)]  # where libyaml gave up, at level 1,000
    assert seconds < SECOND and peak < 5


def test_a_thousand_levels_of_indentation() -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(1_100))
    findings, seconds, _ = measured(lambda: lint_yaml(text))
    assert where(findings) == [("LS006", 1000, 1004)]  # where libyaml gave up
    assert seconds < SECOND


def test_nesting_past_our_limit_but_within_libyamls() -> None:
    findings = lint_yaml("a: " + "[" * 100 + "]" * 100 + "\n")
    assert where(findings) == [("LS006", 1, 68)]  # the 65th list inside the document


def test_deep_nesting_with_the_pure_python_composer_is_a_finding_not_a_recursion_error() -> None:
    """Without libyaml, PyYAML's own composer recurses: Python's recursion limit ends it.

    (Its scanner is quadratic in the nesting depth, so 10,000 levels take seconds there: one
    more reason the linter uses libyaml whenever PyYAML has it.)
    """
    with pure_python_yaml():
        assert [f.rule for f in lint_yaml("[" * 1_000 + "]" * 1_000)] == ["LS006"]
        assert [f.rule for f in lint_yaml("a: " + "[" * 100 + "]" * 100)] == ["LS006"]


def test_a_raised_depth_limit_still_ends_in_a_finding() -> None:
    """With the depth limit lifted, Python's own recursion limit is met: still a clean LS006."""
    linter = Linter(Options(limits=Limits(max_depth=1_000_000)))
    findings, _ = linter.lint_text("[" * 999 + "]" * 999, "deep.yaml")
    assert [(f.rule, f.message) for f in findings] == [("LS006", "nesting too deep to read; flatten the document")]


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:
        stream.truncate(50 * MiB)  # sparse: no 50 MB written to the disk
    monkeypatch.setattr(os, "read", lambda *args: pytest.fail("the file was read"))
    findings, seconds, peak = measured(lambda: Linter().lint_file(str(path)).findings)
    assert [(f.rule, f.message) for f in findings] == [("LS006", "file is larger than 4194304 bytes; split it")]
    assert seconds < SECOND and peak < 1


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(VALID_YAML)
    assert Linter().lint_file(str(path)).findings == []
    findings = Linter(Options(limits=Limits(max_bytes=100))).lint_file(str(path)).findings
    assert [(f.rule, f.message) for f in findings] == [("LS006", "file is larger than 100 bytes; split it")]


def test_a_file_that_grows_while_it_is_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.yaml"
    path.write_text(VALID_YAML)
    real_fstat = os.fstat

    def smaller(fd: int) -> os.stat_result:  # fstat saw the file before it grew
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", smaller)
    findings = Linter(Options(limits=Limits(max_bytes=100))).lint_file(str(path)).findings
    assert [f.rule for f in findings] == ["LS006"]


@pytest.mark.parametrize(
    "line, rules",
    [
        ("name: " + "a" * MiB, ["LS101", "LS101", "LS106", "LS201", "LS401"]),  # one huge value
        ("[" + "1, " * (MiB // 3) + "1]", ["LS006"]),  # 350,000 nodes on one line
        ("{" + ", ".join(f"k{i}: v" for i in range(150_000)) + "}", ["LS006"]),
        ("a: " + "[x, " * 30_000 + "]" * 30_000, ["LS006"]),
    ],
    ids=["long-value", "long-flow-list", "long-flow-mapping", "deep-and-long"],
)
def test_a_one_megabyte_line(line: str, rules: list[str]) -> None:
    findings, seconds, peak = measured(lambda: lint_yaml(line))
    assert sorted(f.rule for f in findings) == rules
    assert seconds < SECOND and peak < 40


def test_the_node_budget_counts_nodes_with_explicit_tags_too() -> None:
    findings = lint_yaml("[" + ", ".join(["!!str a"] * 60_000) + "]")
    assert where(findings) == [("LS006", 1, 1)]
    assert findings[0].message == "the file holds more than 50000 YAML nodes; split it"


def test_a_million_tiny_documents_stop_at_the_document_limit() -> None:
    findings, seconds, _ = measured(lambda: lint_yaml("--- a\n" * 1_000_000))
    assert len(findings) == 1001  # the first thousand are not requests (LS002), then the limit
    assert [(f.line, f.message) for f in findings if f.rule == "LS006"] == [
        (1001, "the file holds more than 1000 documents; split it")
    ]
    assert seconds < SECOND


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID_YAML.replace(
        "name: server_test", f"name: !!python/object/apply:os.system ['touch {marker}']"
    ) + f"extra: !!python/object/new:os.system [touch {marker}]\nmore: !!python/name:os.system\n"
    findings = lint_yaml(text)
    assert where(findings)[:1] == [("LS007", 1, 7)]
    assert [f.rule for f in findings if f.rule == "LS007"] == ["LS007", "LS007", "LS007"]
    assert not marker.exists()


def test_loading_refuses_unsafe_tags_at_every_level() -> None:
    loaded = loading.load("a: !!python/object:os.system {}\nb: [!!python/tuple [1]]\n!!binary aGk=: c\n")
    problems = [(p.rule, p.path) for d in loaded.documents for p in d.problems]
    assert problems == [("LS007", ("a",)), ("LS007", ("b", 0)), ("LS007", ())]
