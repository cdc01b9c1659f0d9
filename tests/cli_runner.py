"""Run the CLI in-process from a given folder, with stdout and stderr apart."""

from __future__ import annotations

import os
from pathlib import Path
from dataclasses import dataclass

from click.testing import CliRunner

from liteserver_lint.cli import cli


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run(*args: str, cwd: str | os.PathLike[str] | None = None) -> Result:
    """``liteserver-lint ARGS`` run in ``cwd``; never raises for a non-zero exit."""
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    # The raw bytes: click's Result.stdout turns CRLF into LF, and a diff of a CRLF file keeps them.
    stderr = result.stderr_bytes or b""
    return Result(result.exit_code, result.stdout_bytes.decode("utf-8"), stderr.decode("utf-8"))


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8), creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding_lines(stdout: str) -> list[str]:
    """``file:line:col: RULE`` of each finding line of a text report."""
    return [" ".join(line.split()[:2]) for line in stdout.splitlines() if ": LS" in line]
