"""The loader: every kind of bad file gives one clear finding with a place, never a traceback."""

from __future__ import annotations

import json

import pytest

from liteserver_lint.engine import Linter
from liteserver_lint.loading import Limits, load

from .conftest import VALID, VALID_YAML, lint_yaml, rule_ids


def _lint_bytes(data: bytes) -> list[tuple[str, int | None, int | None]]:
    findings, _ = Linter().lint_bytes(data, "spec.yaml")
    return sorted((f.rule, f.line, f.column) for f in findings)


def test_valid_file_has_no_findings() -> None:
    assert lint_yaml(VALID_YAML) == []


def test_bom_and_crlf_are_accepted_silently() -> None:
    data = b"\xef\xbb\xbf" + VALID_YAML.replace("\n", "\r\n").encode()
    assert _lint_bytes(data) == []


def test_bom_keeps_positions() -> None:
    data = b"\xef\xbb\xbf" + VALID_YAML.replace("name: server_test", "name: server test").encode()
    assert _lint_bytes(data) == [("LS108", 1, 7)]


def test_json_gets_positions() -> None:
    text = json.dumps(dict(VALID, arch="x86"), indent=2)
    findings = lint_yaml(text)
    line = text.splitlines().index('  "arch": "x86"') + 1
    assert [(f.rule, f.path, f.line, f.column, f.end_column) for f in findings] == [("LS105", "arch", line, 11, 16)]


def test_json_with_tabs() -> None:
    text = json.dumps(VALID, indent="\t")
    assert lint_yaml(text) == []


def test_every_document_is_linted() -> None:
    text = VALID_YAML + "---\n" + VALID_YAML.replace("server_test", "bad name")
    findings = lint_yaml(text)
    assert [(f.rule, f.document, f.line) for f in findings] == [("LS108", 1, 10)]


def test_duplicate_key_is_an_error_on_the_key() -> None:
    findings = lint_yaml(VALID_YAML + "network:\n  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172\n")
    assert [(f.rule, f.path, f.line, f.column, f.end_column) for f in findings if f.rule == "LS004"] == [
        ("LS004", "network", 9, 1, 8)
    ]


def test_nested_duplicate_key() -> None:
    text = VALID_YAML + "root_volume:\n  size: 100\n  size: 200\n"
    assert [(f.rule, f.path, f.line) for f in lint_yaml(text)] == [("LS004", "root_volume.size", 11)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [("LS003", 1, 1)]),
        (b"# only a comment\n", [("LS003", 1, 1)]),
        (b"---\n...\n", [("LS003", 2, 1)]),
        (b"- a\n- b\n", [("LS002", 1, 1)]),
        (b"just a string\n", [("LS002", 1, 1)]),
        (b"---\n---\n", [("LS003", 2, 1), ("LS003", 3, 1)]),
        (b"name: [unclosed\n", [("LS001", 2, 1)]),
        (b"a: b: c\n", [("LS001", 1, 5)]),
        (b"name: caf\xe9\n", [("LS005", 1, 10)]),
        (b"\x00\x01\x02\xff\xfe binary", [("LS005", 1, 4)]),
        (b"a: \x07bell\n", [("LS001", 1, 4)]),
    ],
    ids=["empty", "comment-only", "empty-document", "list", "scalar", "two-empty-documents", "unclosed", "nested-mapping",
         "latin-1", "binary", "control-char"],
)
def test_bad_files_give_clear_findings(data: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert _lint_bytes(data) == expected


def test_not_a_mapping_points_at_the_document() -> None:
    findings = lint_yaml("- a\n")
    assert [(f.rule, f.path, f.line, f.column) for f in findings] == [("LS002", "", 1, 1)]


def test_python_tags_are_never_constructed(tmp_path: object) -> None:
    text = VALID_YAML.replace("server_test", "!!python/object/apply:os.system ['touch /tmp/pwned-liteserver']")
    findings = lint_yaml(text)
    assert ("LS007", "name", 1) in [(f.rule, f.path, f.line) for f in findings]
    import os

    assert not os.path.exists("/tmp/pwned-liteserver")


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!custom", "!!binary", "!!set", "!!omap"])
def test_other_tags_are_refused(tag: str) -> None:
    text = VALID_YAML + f"availability_zone: {tag} abc\n" if tag not in ("!!set", "!!omap") else (
        VALID_YAML + f"availability_zone: {tag} {{}}\n" if tag == "!!set" else VALID_YAML + f"availability_zone: {tag} []\n"
    )
    assert "LS007" in rule_ids(lint_yaml(text))


def test_merge_keys_are_followed_with_positions() -> None:
    text = (
        "base: &net\n  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742\n"
    )
    body = VALID_YAML.replace(
        "network:\n  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742\n",
        "network:\n  <<: *net\n",
    )
    # The anchor lives in a field of its own, which is unknown: the merge itself still works.
    findings = lint_yaml(text + body)
    assert [(f.rule, f.path) for f in findings] == [("LS102", "base")]


def test_aliases_expand_within_limits() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    loaded = load(bomb, Limits())
    assert [p.rule for d in loaded.documents for p in d.problems] == ["LS006"]


def test_depth_limit() -> None:
    deep = "a: " + "[" * 100 + "]" * 100 + "\n"
    loaded = load(deep, Limits(max_depth=64))
    assert [p.rule for d in loaded.documents for p in d.problems] == ["LS006"]


def test_syntax_error_messages_never_quote_the_text() -> None:
    secret = "Very$ecret-Value1"
    text = f'admin_pass: "{secret}\n'  # unclosed quote
    findings = lint_yaml(text)
    assert rule_ids(findings) == ["LS001"]
    assert all(secret not in f.message and "$" not in f.message for f in findings)
