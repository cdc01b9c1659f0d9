"""The README's policy section: the error block (run against a broken copy of the pack) is real,
and the pack shown is the pack in examples/.  Console blocks are checked by test_readme.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from liteserver_lint.cli import cli
from liteserver_lint.policy import load_pack, shipped

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Policy packs") :]


def run(args: list[str]) -> str:
    """What a terminal shows: standard output and error together."""
    return CliRunner().invoke(cli, args).output


def test_the_error_block_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = (ROOT / "examples/policy/team-pack.yaml").read_text(encoding="utf-8")
    (tmp_path / "team-pack.yaml").write_text(pack.replace("{readonly: true}", "{readonli: true}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    output = run(["check", "--policy", "team-pack.yaml", "spec.yaml"])
    assert f"$ liteserver-lint check --policy team-pack.yaml spec.yaml\n{output}```" in SECTION


def test_the_pack_shown_is_the_example_pack() -> None:
    shown = re.search(
        r"\[`examples/policy/team-pack.yaml`\]\(examples/policy/team-pack.yaml\):\n\n```yaml\n(.*?)```", SECTION, re.S
    )
    assert shown is not None
    assert shown.group(1) == (ROOT / "examples/policy/team-pack.yaml").read_text(encoding="utf-8")


def test_every_shipped_rule_is_in_the_table() -> None:
    for name in shipped():
        for rule in load_pack(name).rules:
            assert f"{rule.id} {rule.name} |" in SECTION, rule.id

