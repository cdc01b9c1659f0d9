"""``--jobs N``: the same report, in the same order, as one process; a pool only for many files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from liteserver_lint import run
from liteserver_lint.engine import Linter
from liteserver_lint.files import collect
from liteserver_lint.run import POOL_THRESHOLD, lint_targets

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's generator: 300 files, about a tenth with a mistake."""
    sys.path.insert(0, str(BENCH))
    try:
        import corpus as generator
    finally:
        sys.path.remove(str(BENCH))
    directory = tmp_path_factory.mktemp("corpus")
    generator.generate(POOL_THRESHOLD + 44, 5, directory)
    return directory


_REAL_SLICE = run._Work.lint_slice
_PID_DIRECTORY: list[Path] = []  # set before the fork, so the workers see it


def _recording_slice(work: run._Work, process: int) -> Any:
    """Leave a file named after the process that lints this slice, then lint it."""
    (_PID_DIRECTORY[0] / str(os.getpid())).touch()
    return _REAL_SLICE(work, process)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_give_the_report_of_one_process(
    corpus: Path, jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = lint_targets(Linter(), collect((str(corpus),)), jobs=1)
    monkeypatch.setattr(run._Work, "lint_slice", _recording_slice)
    monkeypatch.setattr(sys.modules[__name__], "_PID_DIRECTORY", [tmp_path])
    parallel = lint_targets(Linter(), collect((str(corpus),)), jobs=jobs)
    pids = {int(path.name) for path in tmp_path.iterdir()}
    assert len(pids) == jobs and os.getpid() in pids  # this process lints a share too
    assert len(serial.findings) > 20
    assert parallel.findings == serial.findings
    assert (parallel.files, parallel.documents) == (serial.files, serial.documents)


def test_few_files_stay_in_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "_in_workers", lambda *args: pytest.fail("a pool started"))
    few = sorted(str(path) for path in corpus.iterdir())[: POOL_THRESHOLD - 1]
    report = lint_targets(Linter(), collect(tuple(few)), jobs=2)
    assert report.files == POOL_THRESHOLD - 1
