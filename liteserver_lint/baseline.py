"""A baseline: the findings a project already has, recorded so that only new ones are reported.

Each entry is keyed by file (relative to the baseline file's folder, with ``/``), document
index, field path and rule, with a count; never by line, so an edit elsewhere in the file does
not invalidate it.  A finding of the same rule at another path is new; when a key now has more
findings than its count, the extra ones (the last in the file) are reported.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .findings import Finding

VERSION = 1
Key = tuple[str, int, str, str]  # file, document, path, rule


class BaselineError(Exception):
    """A baseline file that cannot be read or is not one."""


def relative_file(file: str, folder: str) -> str:
    """``file`` relative to ``folder`` with forward slashes (the same on every OS)."""
    try:
        relative = os.path.relpath(os.path.abspath(file), folder)
    except ValueError:  # another drive (Windows)
        relative = os.path.abspath(file)
    return relative.replace(os.sep, "/")


@dataclass(frozen=True)
class Baseline:
    """The recorded findings: key -> how many."""

    folder: str
    counts: Mapping[Key, int] = field(default_factory=dict)

    def key(self, finding: Finding) -> Key:
        """The entry a finding counts against: never its line, so edits elsewhere keep it."""
        return (relative_file(finding.file, self.folder), finding.document, finding.path, finding.rule)

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not absorb (give them in file order: the extra ones are last)."""
        left = Counter(self.counts)
        kept = []
        for finding in findings:
            key = self.key(finding)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        return kept


def load_baseline(path: str) -> Baseline:
    """The baseline in ``path``, or a :class:`BaselineError` saying what is wrong with it."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {error})") from error
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a liteserver-lint baseline (version {VERSION}); write one with --write-baseline")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"]):
        counts[_entry_key(entry, path, number)] += _count(entry, path, number)
    return Baseline(os.path.dirname(os.path.abspath(path)), dict(counts))


def _entry_key(entry: Any, path: str, number: int) -> Key:
    types = {"file": str, "document": int, "path": str, "rule": str}
    if not isinstance(entry, dict) or any(
        not isinstance(entry.get(name), kind) or isinstance(entry.get(name), bool) for name, kind in types.items()
    ):
        raise BaselineError(f"{path}: entry {number} needs file, document, path, rule and count")
    return (entry["file"], entry["document"], entry["path"], entry["rule"])


def _count(entry: dict[str, Any], path: str, number: int) -> int:
    count = entry.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f"{path}: entry {number}: count must be a whole number from 1")
    return count


def baseline_json(findings: Iterable[Finding], path: str) -> tuple[str, int]:
    """The baseline file recording ``findings`` (to be written at ``path``), and its number of entries."""
    folder = os.path.dirname(os.path.abspath(path))
    counts: Counter[Key] = Counter(Baseline(folder).key(f) for f in findings)
    entries = [
        {"file": file, "document": document, "path": field_path, "rule": rule, "count": count}
        for (file, document, field_path, rule), count in sorted(counts.items())
    ]
    # One entry a line: a baseline is reviewed in diffs.
    lines = ",\n".join("    " + json.dumps(entry, ensure_ascii=False) for entry in entries)
    body = f"[\n{lines}\n  ]" if entries else "[]"
    text = f'{{\n  "version": {VERSION},\n  "tool": "liteserver-lint",\n  "findings": {body}\n}}\n'
    return text, len(entries)
