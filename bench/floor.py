"""The floor: parse every spec file under the given directories with PyYAML's C loader, nothing else.

    python bench/floor.py DIR...

This is the least any YAML linter must do (read each file, ``yaml.load(..., CSafeLoader)``);
the benchmark reports every other tool as a multiple of this.
"""

from __future__ import annotations

import sys

import yaml

from walk import spec_files


def main(paths: list[str]) -> None:
    for path in spec_files(paths):
        with open(path, "rb") as stream:
            data = stream.read()
        try:
            yaml.load(data, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass


if __name__ == "__main__":
    main(sys.argv[1:])
