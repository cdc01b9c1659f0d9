"""The reference a plain script would be: load each file, ``cerberus.Validator.validate`` each document.

    python bench/cerberus_script.py [--no-normalize] DIR...

It uses the same contract schema as the linter (``liteserver_lint.contract.SCHEMA``) and does
nothing else: no positions, no semantic rules, no report.
"""

from __future__ import annotations

import sys

import cerberus
import yaml

from liteserver_lint.contract import SCHEMA
from walk import spec_files


def main(argv: list[str]) -> None:
    normalize = "--no-normalize" not in argv
    paths = [arg for arg in argv if arg != "--no-normalize"]
    validator = cerberus.Validator(SCHEMA)
    invalid = 0
    for path in spec_files(paths):
        with open(path, "rb") as stream:
            data = stream.read()
        try:
            documents = list(yaml.load_all(data, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            invalid += 1
            continue
        for document in documents:
            if not isinstance(document, dict) or not validator.validate(document, normalize=normalize):
                invalid += 1
    print(f"{invalid} invalid documents or files")


if __name__ == "__main__":
    main(sys.argv[1:])
