"""The README's console examples are real: each ``$ liteserver-lint ...`` block is run and compared
(a line ``...`` elides output)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from liteserver_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (liteserver-lint [^\n]*)\n(.*?)```", re.S)
EXAMPLES = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 2


def _expand(args: list[str]) -> list[str]:
    """Expand globs the way a shell does (each pattern sorted, relative to the repo root)."""
    expanded: list[str] = []
    for arg in args:
        expanded += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(arg)) if "*" in arg else [arg]
    return expanded


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_console_block(command: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(cli, _expand(shlex.split(command)[1:]))
    assert _matches(result.stdout, expected)


def _matches(output: str, expected: str) -> bool:
    """Exact, except that a line ``...`` in the README stands for any number of lines."""
    if "\n...\n" not in "\n" + expected:
        return output == expected
    pattern = "".join(
        ".*?" if line == "..." else re.escape(line + "\n") for line in expected.rstrip("\n").split("\n")
    )
    return re.fullmatch(pattern, output, re.S) is not None


def test_elision_matches_only_what_it_should() -> None:
    assert _matches("a\nb\nc\n", "a\n...\nc\n")
    assert not _matches("a\nb\nd\n", "a\n...\nc\n")
    assert not _matches("a\nb\n", "a\nc\n")
