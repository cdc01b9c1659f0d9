"""Baseline: round trip, robustness to edits elsewhere, and what it does not absorb."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liteserver_lint.baseline import BaselineError, load_baseline

from .cli_runner import finding_lines, run, write
from .conftest import VALID_YAML

# LS105 at arch, LS107 at count.
OLD_SPEC = VALID_YAML + "arch: x86\ncount: 20\n"


def test_round_trip(tmp_path: Path) -> None:
    write(tmp_path / "specs" / "a.yaml", OLD_SPEC)
    write(tmp_path / "specs" / "b.yaml", VALID_YAML)
    written = run("check", "specs", "--write-baseline", "ci/baseline.json", cwd=tmp_path)
    assert written.code == 0 and written.stdout == ""
    assert written.stderr == "Wrote 2 findings (2 entries) to ci/baseline.json.\n"
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text())
    assert data == {
        "version": 1,
        "tool": "liteserver-lint",
        "findings": [
            {"file": "../specs/a.yaml", "document": 0, "path": "arch", "rule": "LS105", "count": 1},
            {"file": "../specs/a.yaml", "document": 0, "path": "count", "rule": "LS107", "count": 1},
        ],
    }
    result = run("check", "specs", "--baseline", "ci/baseline.json", cwd=tmp_path)
    assert (result.code, finding_lines(result.stdout)) == (0, [])
    # The same baseline from another folder: the files are relative to the baseline, not the cwd.
    result = run("check", "a.yaml", "--baseline", "../ci/baseline.json", cwd=tmp_path / "specs")
    assert (result.code, finding_lines(result.stdout)) == (0, [])


def test_edits_elsewhere_keep_the_baseline_valid(tmp_path: Path) -> None:
    spec = write(tmp_path / "a.yaml", OLD_SPEC)
    assert run("check", "a.yaml", "--write-baseline", "baseline.json", cwd=tmp_path).code == 0
    # Lines added above, keys reordered, a comment: the line numbers change, the keys do not.
    spec.write_text("# reviewed\n\ncount: 20\n" + VALID_YAML.replace("name: server_test", "# x\nname: server_test") + "arch: x86\n")
    result = run("check", "a.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert (result.code, finding_lines(result.stdout)) == (0, [])


def test_new_finding_of_the_same_rule_at_a_new_path_is_reported(tmp_path: Path) -> None:
    spec = write(tmp_path / "a.yaml", OLD_SPEC)
    run("check", "a.yaml", "--write-baseline", "baseline.json", cwd=tmp_path)
    spec.write_text(OLD_SPEC + "root_volume:\n  type: ssd\n  size: 100\n")
    result = run("check", "a.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert (result.code, finding_lines(result.stdout)) == (1, ["a.yaml:12:9: LS105"])


def test_more_findings_than_the_count_reports_the_extra(tmp_path: Path) -> None:
    # A second document with the same mistakes: same file, path and rule, but another document.
    spec = write(tmp_path / "a.yaml", OLD_SPEC)
    run("check", "a.yaml", "--write-baseline", "baseline.json", cwd=tmp_path)
    spec.write_text(OLD_SPEC + "---\n" + OLD_SPEC)
    result = run("check", "a.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert finding_lines(result.stdout) == ["a.yaml:20:7: LS105", "a.yaml:21:8: LS107"]
    # The same key twice (a duplicate key, twice) with a count of one: the second is extra.
    spec.write_text(VALID_YAML + "name: a\n")
    run("check", "a.yaml", "--write-baseline", "baseline.json", cwd=tmp_path)
    spec.write_text(VALID_YAML + "name: a\nname: b\n")
    result = run("check", "a.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert finding_lines(result.stdout) == ["a.yaml:10:1: LS004"]


def test_fixed_findings_disappear_from_a_rewritten_baseline(tmp_path: Path) -> None:
    spec = write(tmp_path / "a.yaml", OLD_SPEC)
    run("check", "a.yaml", "--write-baseline", "baseline.json", cwd=tmp_path)
    spec.write_text(VALID_YAML + "count: 20\n")
    written = run("check", "a.yaml", "--baseline", "baseline.json", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.code == 0
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [(e["path"], e["rule"]) for e in entries] == [("count", "LS107")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "invalid JSON"),
        ('{"version": 2, "findings": []}', "not a liteserver-lint baseline"),
        ('{"version": 1, "findings": [{"file": "a.yaml"}]}', "entry 0 needs file, document, path, rule and count"),
        ('{"version": 1, "findings": [{"file": "a", "document": 0, "path": "", "rule": "LS1", "count": 0}]}',
         "count must be a whole number from 1"),
    ],
)
def test_bad_baseline_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    write(tmp_path / "a.yaml", VALID_YAML)
    write(tmp_path / "baseline.json", content)
    with pytest.raises(BaselineError, match=message):
        load_baseline(str(tmp_path / "baseline.json"))
    result = run("check", "a.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert result.code == 2 and message in result.stderr
    assert run("check", "a.yaml", "--baseline", "missing.json", cwd=tmp_path).code == 2
