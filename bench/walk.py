"""The spec files under some directories, sorted: what every benchmarked tool is given."""

from __future__ import annotations

import os
from typing import Iterator

SUFFIXES = (".yaml", ".yml", ".json")


def spec_files(paths: list[str]) -> Iterator[str]:
    for top in paths:
        if not os.path.isdir(top):
            yield top
            continue
        for directory, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(SUFFIXES):
                    yield os.path.join(directory, name)
