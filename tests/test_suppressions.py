"""Inline suppressions: where they apply, what is not one, and LS008 for the unused ones."""

from __future__ import annotations

from pathlib import Path

import yaml

from liteserver_lint.engine import Linter, Options
from liteserver_lint.findings import Finding, Severity
from liteserver_lint.suppressions import RULES, directives

from .cli_runner import run
from .conftest import VALID_YAML, lint_yaml


def places(findings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.path, f.line) for f in findings]


def test_same_line_suppression() -> None:
    text = VALID_YAML + "arch: x86  # liteserver-lint: disable=LS105 -- legacy image\ncount: 20\n"
    assert places(lint_yaml(text)) == [("LS107", "count", 10)]


def test_alone_on_the_line_above_covers_the_next_line_only() -> None:
    text = VALID_YAML + "# liteserver-lint: disable=LS105\narch: x86\ncount: 20\n"
    assert places(lint_yaml(text)) == [("LS107", "count", 11)]
    text = VALID_YAML + "# liteserver-lint: disable=LS105\n\narch: x86\n"  # a blank line between
    assert places(lint_yaml(text)) == [("LS008", "", 9), ("LS105", "arch", 11)]


def test_trailing_comment_does_not_reach_the_next_line() -> None:
    text = VALID_YAML + "count: 2  # liteserver-lint: disable=LS105\narch: x86\n"
    assert places(lint_yaml(text)) == [("LS008", "", 9), ("LS105", "arch", 10)]


def test_several_ids_and_reason() -> None:
    text = VALID_YAML + "root_volume: {type: ssd, size: 20}  # liteserver-lint: disable=LS105, ls107 -- migrating\n"
    assert places(lint_yaml(text)) == []


def test_disable_file() -> None:
    text = "# liteserver-lint: disable-file=LS105,LS107\n" + VALID_YAML + "arch: x86\ncount: 20\n---\n" + VALID_YAML + "arch: arm\n"
    assert places(lint_yaml(text)) == []
    unused = lint_yaml("# liteserver-lint: disable-file=LS105\n" + VALID_YAML)
    assert places(unused) == [("LS008", "", 1)]
    assert unused[0].message == "unused suppression: no LS105 finding in this file; remove 'LS105' from it"


def test_hash_inside_scalars_is_not_a_comment() -> None:
    text = VALID_YAML + (
        'description: "x # liteserver-lint: disable-file=LS102"\n'
        "other: 'y # liteserver-lint: disable-file=LS102'\n"
        "user_data: |\n  echo # liteserver-lint: disable-file=LS802\n"
        "plain: z#liteserver-lint:disable-file=LS102\n"
    )
    assert directives(text) == []
    assert places(lint_yaml(text)) == [
        ("LS102", "description", 9),
        ("LS102", "other", 10),
        ("LS802", "user_data", 11),
        ("LS102", "plain", 13),
    ]


def test_a_comment_after_a_block_scalar_counts() -> None:
    text = VALID_YAML.replace("key_pair_name: KeyPair-3d6a\n", "") + (
        "user_data: |\n  echo hi\n# liteserver-lint: disable=LS802\nadmin_pass: x\n"
    )
    found = directives(text)
    assert [(d.line, d.rules) for d in found] == [(10, ("LS802",))]


def test_unused_unknown_and_malformed_suppressions_are_warnings() -> None:
    text = VALID_YAML + (
        "count: 2  # liteserver-lint: disable=LS105\n"
        "arch: X86  # liteserver-lint: disable=LS999\n"
        "name2: 1  # liteserver-lint: disabel=LS102\n"
    )
    findings = [f for f in lint_yaml(text) if f.rule == "LS008"]
    assert [(f.line, f.column, f.end_column, f.severity) for f in findings] == [
        (9, 11, 43, Severity.WARNING),
        (10, 12, 44, Severity.WARNING),
        (11, 11, 43, Severity.WARNING),
    ]
    assert "no LS105 finding on this line" in findings[0].message
    assert "unknown rule 'LS999'" in findings[1].message
    assert "malformed" in findings[2].message
    # the malformed one suppressed nothing: the unknown field is still reported
    assert ("LS102", "name2", 11) in places(lint_yaml(text))


def test_suppression_of_a_rule_that_is_switched_off_is_not_reported() -> None:
    text = VALID_YAML + "count: 2  # liteserver-lint: disable=LS105\n"
    assert places(lint_yaml(text, Linter(Options(ignore=("LS105",))))) == []
    assert places(lint_yaml(text, Linter(Options(ignore=("LS008",))))) == []


def test_disable_ls008_silences_it() -> None:
    text = VALID_YAML + "count: 2  # liteserver-lint: disable=LS105,LS008\n"
    assert places(lint_yaml(text)) == []


def test_crlf_and_bom_file(tmp_path: Path) -> None:
    text = VALID_YAML + "# liteserver-lint: disable=LS105\narch: x86\ncount: 20  # liteserver-lint: disable=LS107\n"
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert places(Linter().lint_file(str(path)).findings) == []


def test_no_inline_suppressions_flag(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID_YAML + "arch: x86  # liteserver-lint: disable=LS105,LS107\n")
    assert run("check", "a.yaml", cwd=tmp_path).code == 0
    result = run("check", "--no-inline-suppressions", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == ["LS105"]


def test_after_a_syntax_error_nothing_counts() -> None:
    # Before the error the scanner can tell comments from text (a template may opt out of LS001) ...
    assert lint_yaml("# liteserver-lint: disable-file=LS001\nname: [a\n") == []
    # ... after where the broken token began it cannot (here: inside an unclosed quote).
    text = 'name: "a\n# liteserver-lint: disable-file=LS001\n'
    assert directives(text) == []
    assert [f.rule for f in lint_yaml(text)] == ["LS001"]


def test_only_files_mentioning_the_marker_are_scanned(monkeypatch: object) -> None:
    import liteserver_lint.suppressions as suppressions

    calls = []
    original = suppressions._token_spans
    monkeypatch.setattr(suppressions, "_token_spans", lambda text: calls.append(text) or original(text))  # type: ignore[attr-defined]
    lint_yaml(VALID_YAML + "arch: x86  # a comment\n")
    assert calls == []
    lint_yaml(VALID_YAML + "arch: x86  # liteserver-lint: disable=LS105\n")
    assert len(calls) == 1


def test_rule_examples() -> None:
    (rule,) = RULES
    assert rule.id == "LS008" and rule.name == "unused-suppression"
    assert [f.rule for f in lint_yaml(rule.bad)] == ["LS008"]
    assert lint_yaml(rule.good) == []
    assert yaml.safe_load(rule.bad) == yaml.safe_load(rule.good)
    assert "LS008 unused-suppression [warning]" in run("explain", "LS008").stdout
