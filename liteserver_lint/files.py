"""Which files to lint: the paths given, directories walked for ``*.yaml``, ``*.yml``, ``*.json``.

Directories are walked in sorted order, following symlinks but never into a directory
already seen (a symlink loop is reported, not followed).  A path that does not exist is
kept, so that the linter reports it as a finding and goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Target:
    """A file to lint, or a path that cannot be walked and why (``problem``)."""

    path: str
    problem: str | None = None


def collect(paths: tuple[str, ...]) -> Iterator[Target]:
    """The files to lint, in the order given (directories: sorted, recursively)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield Target(path)


def _walk(top: str) -> Iterator[Target]:
    seen: set[tuple[int, int]] = set()

    def visit(directory: str) -> Iterator[Target]:
        try:
            info = os.stat(directory)
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            yield Target(directory, f"cannot read the directory: {error.strerror or 'I/O error'}")
            return
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield Target(directory, "a symlink loop back to a directory already walked; not followed")
            return
        seen.add(key)
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(entry.path)
            elif entry.name.endswith(SPEC_SUFFIXES):
                yield Target(entry.path)

    return visit(top)
