"""Paths that are not plain files: each gives a finding for that path, and the rest is still linted.

A file that vanishes or cannot be read mid-run, a read error, a directory loop through
symlinks, a FIFO (opening one for reading would block until a writer comes), a device.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from .conftest import VALID_YAML
from liteserver_lint import loading
from liteserver_lint.engine import Linter
from liteserver_lint.files import collect
from liteserver_lint.loading import Limits, read_file
from liteserver_lint.run import lint_targets

needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"), reason="no FIFOs (or no alarms) on this platform"
)


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    """A directory of three valid spec files: a.yaml, b.yaml, c.yaml."""
    for name in "abc":
        (tmp_path / f"{name}.yaml").write_text(VALID_YAML)
    return tmp_path


def lint_dir(*paths: Path) -> list[tuple[str, str, str]]:
    report = lint_targets(Linter(), collect(tuple(str(p) for p in paths)), jobs=1)
    return [(Path(f.file).name, f.rule, f.message) for f in report.findings]


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging: a test that blocks for 10 seconds is interrupted."""

    def timeout(signum: int, frame: Any) -> None:
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_file_that_vanishes_after_the_walk(specs: Path) -> None:
    targets = list(collect((str(specs),)))
    (specs / "b.yaml").unlink()
    report = lint_targets(Linter(), targets, jobs=1)
    assert [(Path(f.file).name, f.rule, f.message, f.line) for f in report.findings] == [
        ("b.yaml", "LS005", "no such file", 1)
    ]
    assert report.files == 3 and report.documents == 2


def test_a_file_that_cannot_be_opened(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the refusal is simulated where the file is opened."""
    real_open = os.open

    def refuse_b(path: str, flags: int, *args: Any) -> int:
        if str(path).endswith("b.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_b)
    assert lint_dir(specs) == [("b.yaml", "LS005", "cannot read the file: Permission denied")]


def test_a_read_error_in_the_middle_of_a_file(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_read = os.read
    calls = []

    def failing_second_file(fd: int, size: int) -> bytes:
        calls.append(fd)
        if len(calls) == 3:  # a.yaml takes two reads (the data, then the end); b.yaml fails
            raise OSError(errno.EIO, "Input/output error")
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", failing_second_file)
    assert lint_dir(specs) == [("b.yaml", "LS005", "cannot read the file: Input/output error")]


def test_read_file_closes_what_it_opens(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[int] = []
    closed: list[int] = []
    real_open, real_close = os.open, os.close

    def recording_open(*args: Any) -> int:
        opened.append(real_open(*args))
        return opened[-1]

    def recording_close(fd: int) -> None:
        closed.append(fd)
        real_close(fd)

    def failing_read(fd: int, size: int) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(os, "close", recording_close)
    monkeypatch.setattr(os, "read", failing_read)
    for name in ("a.yaml", "missing.yaml", "."):
        read_file(str(specs / name), Limits())
    assert opened == closed and len(opened) == 2


def test_a_directory_loop_through_symlinks(specs: Path) -> None:
    (specs / "sub").mkdir()
    (specs / "sub" / "d.yaml").write_text(VALID_YAML)
    (specs / "sub" / "loop").symlink_to(specs, target_is_directory=True)
    findings = lint_dir(specs)
    assert findings == [
        ("loop", "LS005", "a symlink loop back to a directory already walked; not followed")
    ]


def test_a_directory_given_where_a_file_is_read(specs: Path) -> None:
    data, problem = read_file(str(specs), Limits())
    assert data is None and problem is not None
    assert (problem.rule, problem.message) == ("LS005", "is a directory")


@needs_fifo
def test_read_file_does_not_wait_for_a_fifo_writer(tmp_path: Path, alarm: None) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    data, problem = read_file(str(fifo), Limits())
    assert data is None and problem is not None
    assert (problem.rule, problem.message) == ("LS005", "not a regular file; lint files or directories")


@needs_fifo
def test_the_cli_reports_a_fifo_and_lints_the_rest(specs: Path) -> None:
    """In a process of its own, with a timeout: a FIFO must not hang the run."""
    os.mkfifo(specs / "pipe.yaml")
    (specs / "c.yaml").write_text(VALID_YAML.replace("server_test", "server test"))
    result = subprocess.run(
        [sys.executable, "-m", "liteserver_lint", "check", "--format", "json", str(specs), str(specs / "pipe.yaml")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(Path(f["file"]).name, f["rule"], f["line"]) for f in report["findings"]] == [
        ("c.yaml", "LS108", 1),
        ("pipe.yaml", "LS005", 1),
        ("pipe.yaml", "LS005", 1),  # once from the walk, once named on the command line
    ]
    assert report["summary"]["files"] == 5 and report["summary"]["documents"] == 3


@needs_fifo
def test_a_device_is_not_read(alarm: None) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    data, problem = read_file("/dev/zero", Limits())
    assert data is None and problem is not None
    assert (problem.message or "").startswith("not a regular file")


def test_standard_input_is_read_by_the_parent_even_with_many_files(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool worker's standard input is /dev/null: with '-' among the targets there is no pool."""
    for index in range(300):
        (specs / f"spec-{index:03d}.yaml").write_text(VALID_YAML)
    stdin = subprocess.run(
        [sys.executable, "-m", "liteserver_lint", "check", "--jobs", "2", "--format", "json", "-", str(specs)],
        input="name: [\n", capture_output=True, text=True, timeout=120,
    )
    report = json.loads(stdin.stdout)
    assert [(f["file"], f["rule"]) for f in report["findings"]] == [("-", "LS001")]
    assert report["summary"]["files"] == 304


def test_the_loader_module_opens_without_blocking() -> None:
    assert loading._OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0) == getattr(os, "O_NONBLOCK", 0)
