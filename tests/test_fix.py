"""--fix and --diff: whole files compared byte for byte before and after."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from liteserver_lint.engine import Linter
from liteserver_lint.findings import Finding
from liteserver_lint.fix import fix_path, fix_text

from .cli_runner import run
from .conftest import VALID_YAML

IDS = (
    "image_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0\n"
    "key_pair_name: KeyPair-3d6a\n"
    "network:\n"
    "  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742\n"
    "  subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54\n"
    "  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172\n"
)


def findings_of(text: str) -> list[Finding]:
    return sorted(Linter().lint_text(text, "a.yaml")[0], key=Finding.sort_key)


def keys(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in findings]


def fix_file(tmp_path: Path, name: str, data: bytes, *options: str) -> tuple[bytes, int, str]:
    """Write ``data`` to ``name``, run ``check --fix`` on it, return the new bytes, exit code and stderr."""
    path = tmp_path / name
    path.write_bytes(data)
    result = run("check", "--fix", *options, name, cwd=tmp_path)
    return path.read_bytes(), result.code, result.stderr


def test_block_style_with_comments(tmp_path: Path) -> None:
    before = (
        "# Typos a reviewer misses.\n"
        "name: server_test    # the   name\n"
        "flavour: s7.small.1\n"
        + IDS
        + "\n"
        "arch:   x86   # keep this comment\n"
        "root_volume:\n"
        "  # the old SDK's keyword\n"
        "  root_type: ssd\n"
        "  size: '200'\n"
        "enterprise_project_id: 0\n"
    )
    after = (
        "# Typos a reviewer misses.\n"
        "name: server_test    # the   name\n"
        "flavor: s7.small.1\n"
        + IDS
        + "\n"
        "arch:   X86   # keep this comment\n"
        "root_volume:\n"
        "  # the old SDK's keyword\n"
        "  type: SSD\n"
        "  size: 200\n"
        'enterprise_project_id: "0"\n'
    )
    fixed, code, stderr = fix_file(tmp_path, "a.yaml", before.encode())
    assert fixed == after.encode()
    assert (code, stderr) == (0, "Fixed 6 findings.\n")  # flavour, arch, root_type, then type's case, size, id
    assert findings_of(after) == []


def test_crlf_bom_flow_style_and_quoted_keys(tmp_path: Path) -> None:
    before = (
        "\ufeff# header\r\n"
        "name: server_test\r\n"
        "'flavour': 's7.small.1'\r\n"
        "image_id: \"e16eff65-1899-446e-baf2-0d2b6b5dd8c0\"\r\n"
        "key_pair_name: KeyPair-3d6a\r\n"
        "\r\n"
        "\"arch\": 'x86'\r\n"
        "network: {security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742, subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54,\r\n"
        "  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172}\r\n"
        "root_volume: {\"root_type\": ssd, size: \"200\"}   # flow\r\n"
        "data_volume: [{type: sas, size: 100, count: 1}]\r\n"
    )
    after = (
        "\ufeff# header\r\n"
        "name: server_test\r\n"
        "'flavor': 's7.small.1'\r\n"
        "image_id: \"e16eff65-1899-446e-baf2-0d2b6b5dd8c0\"\r\n"
        "key_pair_name: KeyPair-3d6a\r\n"
        "\r\n"
        "\"arch\": 'X86'\r\n"
        "network: {security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742, subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54,\r\n"
        "  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172}\r\n"
        "root_volume: {\"type\": SSD, size: 200}   # flow\r\n"
        "data_volume: [{type: sas, size: 100, count: 1}]\r\n"
    )
    fixed, code, _ = fix_file(tmp_path, "a.yaml", before.encode("utf-8"))
    assert fixed == after.encode("utf-8")
    # data_volume must be a mapping: an error no fix can make, still reported.
    assert code == 1
    assert keys(findings_of(after.lstrip("\ufeff"))) == [("LS103", "data_volume")]


def test_json_stays_json(tmp_path: Path) -> None:
    request = {
        "name": "server_test", "flavor": "s7.small.1", "image_id": "e16eff65-1899-446e-baf2-0d2b6b5dd8c0",
        "key_pair_name": "KeyPair-3d6a",
        "network": {"security_group_id": "150a2c76-1334-45f6-b28f-419f9b1d1742",
                    "subnet_id": "38cf274a-98f9-4f6f-b622-5ed0e4a3db54",
                    "vpc_id": "05982b48-a70f-43a1-a2b0-1fe36a236172"},
        "arch": "arm", "root_volume": {"root_type": "SSD", "size": "200"}, "enterprise_project_id": 0,
    }
    before = json.dumps(request, indent=2) + "\n"
    expected = (
        before.replace('"arch": "arm"', '"arch": "ARM"').replace('"root_type"', '"type"')
        .replace('"size": "200"', '"size": 200').replace('"enterprise_project_id": 0', '"enterprise_project_id": "0"')
    )
    fixed, code, _ = fix_file(tmp_path, "a.json", before.encode())
    assert (fixed.decode(), code) == (expected, 0)
    assert json.loads(fixed)["root_volume"] == {"type": "SSD", "size": 200}


def test_columns_count_characters_and_yaml_line_breaks() -> None:
    # Non-ASCII before the span on its line; NEL and LS (YAML line breaks) in a value above it.
    text = '{name: "srv-é😀", arch: x86}\n'
    assert fix_text(text, findings_of).text == '{name: "srv-é😀", arch: X86}\n'
    text = 'description: "a\u2028b\x85c"\n' + VALID_YAML + "arch: x86\n"
    assert fix_text(text, findings_of).text == text.replace("x86", "X86")


@pytest.mark.parametrize(
    "text",
    [
        VALID_YAML + "arch: &a x86\n",  # anchored (the anchor would be lost)
        VALID_YAML + "root_volume:\n  type: &t ssd\n  size: 100\ndata_volume:\n  type: *t\n  size: 100\n  count: 1\n",
        VALID_YAML + "arch: !!str x86\n",  # tagged
        VALID_YAML + "arch: |\n  x86\n",  # a block scalar
        VALID_YAML + "root_volume: {type: SSD, root_type: SSD, size: 100}\n",  # the rename would duplicate a key
    ],
)
def test_refused_fixes_leave_the_file_byte_identical(tmp_path: Path, text: str) -> None:
    fixed, code, stderr = fix_file(tmp_path, "a.yaml", text.encode())
    assert fixed == text.encode()
    assert code == 1 and "not fixed:" in stderr


def test_merged_value_is_refused() -> None:
    text = VALID_YAML + "root_volume: &r\n  type: ssd\n  size: 100\nx-copy:\n  <<: *r\n"
    result = fix_text(text, findings_of)
    assert result.text == text
    assert [reason for _, reason in result.refused] == [
        "the value is anchored and used elsewhere (alias or merge); fix it by hand"
    ]


def test_relinting_a_fixed_file_reports_none_of_the_fixed_findings(tmp_path: Path) -> None:
    text = VALID_YAML + "arch: x86\nroot_volume:\n  root_type: SSD\n  size: 20\n"
    before = findings_of(text)
    assert keys(before) == [("LS105", "arch"), ("LS102", "root_volume.root_type"), ("LS107", "root_volume.size")]
    fix_file(tmp_path, "a.yaml", text.encode())
    result = run("check", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert [line.split()[1] for line in result.stdout.splitlines()[:-1]] == ["LS107"]


def test_mode_kept_no_temporary_left_symlink_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(VALID_YAML + "arch: x86\n")
    os.chmod(real, 0o640)
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert run("check", "--fix", "link.yaml", cwd=tmp_path).code == 0
    assert real.read_text() == VALID_YAML + "arch: X86\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert (tmp_path / "link.yaml").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_files_without_fixes_or_that_do_not_parse_are_not_touched(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("arch: x86\nname: [a\n")
    clean = tmp_path / "clean.yaml"
    clean.write_text(VALID_YAML + "count: 20\n")
    stats = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (broken, clean)}
    result = run("check", "--fix", "broken.yaml", "clean.yaml", cwd=tmp_path)
    assert result.code == 1
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (broken, clean)} == stats
    # Even when asked directly with a finding that has a replacement.
    fake = Finding("LS105", "enum-value", findings_of(VALID_YAML + "arch: x86\n")[0].severity, "m", "broken.yaml",
                   0, "arch", 1, 7, 1, 10, replacement="X86")
    assert fix_path(str(broken), lambda text: [fake]).fixed is None
    assert broken.read_text() == "arch: x86\nname: [a\n"


def test_suppressed_and_baselined_findings_are_not_fixed(tmp_path: Path) -> None:
    text = VALID_YAML + "arch: x86  # liteserver-lint: disable=LS105\n"
    fixed, code, _ = fix_file(tmp_path, "a.yaml", text.encode())
    assert (fixed, code) == (text.encode(), 0)
    text = VALID_YAML + "arch: x86\n"
    (tmp_path / "b.yaml").write_text(text)
    run("check", "b.yaml", "--write-baseline", "baseline.json", cwd=tmp_path)
    fixed, code, _ = fix_file(tmp_path, "b.yaml", text.encode(), "--baseline", "baseline.json")
    assert (fixed, code) == (text.encode(), 0)


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    text = "# c\r\n" + VALID_YAML.replace("\n", "\r\n") + "arch: x86"  # CRLF, no final newline
    path = tmp_path / "a.yaml"
    path.write_bytes(text.encode())
    result = run("check", "--diff", "a.yaml", cwd=tmp_path)
    assert path.read_bytes() == text.encode()
    assert result.code == 1
    assert result.stdout == (
        "--- a.yaml\n+++ a.yaml\n@@ -7,4 +7,4 @@\n"
        "   security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742\r\n"
        "   subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54\r\n"
        "   vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172\r\n"
        "-arch: x86\n\\ No newline at end of file\n"
        "+arch: X86\n\\ No newline at end of file\n"
    )
    assert result.stderr == "Would fix 1 finding.\n"
    path.write_text(VALID_YAML)
    assert run("check", "--diff", "a.yaml", cwd=tmp_path) .code == 0


def test_standard_input_cannot_be_fixed(tmp_path: Path) -> None:
    result = run("check", "--fix", "-", cwd=tmp_path)
    assert result.code == 2 and "standard input" in result.stderr
