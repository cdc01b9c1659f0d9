"""The README's console examples are real: each ``$ liteserver-lint ...`` block is run and compared."""

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
    assert result.stdout == expected
