"""Lint many files, in one process or a pool, and gather one sorted report.

A pool starts only above :data:`POOL_THRESHOLD` files, so a pre-commit run on a few files
stays one process.  Workers are forked with the linter and the file list already there;
results come back in the order of the files.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator

from .engine import Linter
from .files import Target
from .findings import Finding, Report
from .loading import INPUT_LIMIT, UNREADABLE, file_problem

POOL_THRESHOLD = 256

FileResult = tuple[list[Finding], int]


def default_jobs() -> int:
    """The number of processes to use by default: one per CPU."""
    return os.cpu_count() or 1


def lint_targets(linter: Linter, targets: Iterable[Target], jobs: int = 1, stdin_name: str = "-") -> Report:
    """One report for all targets; ``jobs`` > 1 uses a pool when there are enough files."""
    targets = list(targets)
    report = Report(paths=[stdin_name if t.path == "-" else t.path for t in targets])
    for findings, documents in _results(linter, targets, jobs, stdin_name):
        report.extend(findings)
        report.documents += documents
    report.sort()
    return report


def _results(linter: Linter, targets: list[Target], jobs: int, stdin_name: str) -> Iterator[FileResult]:
    # Standard input is read here only: a worker's is /dev/null.
    if jobs > 1 and len(targets) >= POOL_THRESHOLD and _can_fork() and all(t.path != "-" for t in targets):
        yield from _in_workers(linter, targets, jobs)
        return
    for target in targets:
        yield lint_target(linter, target, stdin_name)


def _in_workers(linter: Linter, targets: list[Target], jobs: int) -> Iterator[FileResult]:
    """The results of ``targets`` in order, from this process and ``jobs - 1`` forked workers.

    Process ``k`` lints files ``k``, ``k + jobs``, ``k + 2 * jobs`` ... and each worker sends
    its results back once: interleaving spreads slow files evenly, and one message per worker
    keeps the sending and receiving small.  The workers inherit the linter and the file list
    from the fork; nothing is pickled on the way out.  This process lints its own share
    meanwhile instead of waiting.
    """
    import multiprocessing  # only here: its import costs a one-file run ~10 ms

    work = _Work(linter, targets, jobs)
    # Objects that exist now are never collected in the workers, so the collector does not
    # write to (and so copy) the pages they share with this process after the fork.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs - 1, initializer=_init_worker, initargs=(work,)) as pool:
            others = pool.map_async(_lint_slice, range(1, jobs), chunksize=1)
            slices = [work.lint_slice(0), *others.get()]
    finally:
        gc.unfreeze()
    for index in range(len(targets)):
        yield slices[index % jobs][index // jobs]


def lint_target(linter: Linter, target: Target, stdin_name: str = "-") -> FileResult:
    """Findings of one target: a file, standard input (``-``), or a path that could not be walked."""
    if target.problem is not None:
        return linter.findings_for([file_problem(UNREADABLE, target.problem)], target.path), 0
    if target.path == "-":
        data = sys.stdin.buffer.read(linter.options.limits.max_bytes + 1)
        if len(data) > linter.options.limits.max_bytes:
            message = f"input is larger than {linter.options.limits.max_bytes} bytes; split it"
            return linter.findings_for([file_problem(INPUT_LIMIT, message)], stdin_name), 0
        return linter.lint_bytes(data, stdin_name)
    return linter.lint_path(target.path)


def _can_fork() -> bool:
    return hasattr(os, "fork")


@dataclass(frozen=True)
class _Work:
    """What each worker is given at the fork: the linter, all the files, how many processes."""

    linter: Linter
    targets: list[Target]
    jobs: int

    def lint_slice(self, process: int) -> list[FileResult]:
        """The results of files ``process``, ``process + jobs``, ``process + 2 * jobs`` ..."""
        return [lint_target(self.linter, target) for target in self.targets[process :: self.jobs]]


# Set once in each forked worker by the pool's initializer, then only read.
_work: _Work | None = None


def _init_worker(work: _Work) -> None:
    global _work
    _work = work


def _lint_slice(process: int) -> list[FileResult]:
    assert _work is not None
    return _work.lint_slice(process)
