"""Which files to lint: the paths given, directories walked for ``*.yaml``, ``*.yml``, ``*.json``.

Directories are walked in sorted order, following symlinks but never into a directory
already seen (a symlink loop is reported, not followed).  A path that does not exist is
kept, so that the linter reports it as a finding and goes on.  While walking, excluded
names (``.git``, virtual environments, ``node_modules``, the configuration's ``exclude``)
are skipped; a path named explicitly is linted unless ``force_exclude`` is set.
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from .config import PathMatcher

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Target:
    """A file to lint, or a path that cannot be walked and why (``problem``)."""

    path: str
    problem: str | None = None


def collect(
    paths: tuple[str, ...], exclude: PathMatcher | None = None, force_exclude: bool = False
) -> Iterator[Target]:
    """The files to lint, in the order given (directories: sorted, recursively, minus ``exclude``)."""
    for path in paths:
        if path != "-" and force_exclude and exclude is not None and _excluded_explicit(path, exclude):
            continue
        if path != "-" and os.path.isdir(path):
            yield from _walk(path, exclude)
        else:
            yield Target(path)


def _excluded_explicit(path: str, exclude: PathMatcher) -> bool:
    """A path named on the command line is excluded when it, or a folder on its way, matches."""
    if exclude.matches(path, whole=True):
        return True
    folder = os.path.dirname(os.path.normpath(path))
    while folder and folder not in (".", os.sep):
        if is_virtualenv(folder):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return os.path.isdir(path) and is_virtualenv(path)


def is_virtualenv(directory: str) -> bool:
    """A virtual environment, whatever its name: it holds ``pyvenv.cfg``."""
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg"))


def _walk(top: str, exclude: PathMatcher | None = None) -> Iterator[Target]:
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
            if exclude is not None and exclude.matches(entry.path, whole=False):
                continue
            if is_dir:
                if exclude is None or not is_virtualenv(entry.path):
                    yield from visit(entry.path)
            elif entry.name.endswith(SPEC_SUFFIXES):
                yield Target(_shown(entry.path))

    return visit(top)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` (a symlink's target) with ``data``: a temporary file in the
    same folder, renamed over it, so a reader never sees half a file; the mode is kept."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    temporary = os.path.join(folder, f".{os.path.basename(target)}.{secrets.token_hex(4)}.tmp")
    # A new file gets 0o666 less the umask, as open() would give it; an old one keeps its mode.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _shown(path: str) -> str:
    """A walked path as people write it: ``./specs/a.yaml`` -> ``specs/a.yaml``."""
    return path[2:] if path.startswith("./") else path
