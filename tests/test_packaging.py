"""Packaging: every package is listed in pyproject.toml, and the shipped packs are package data.

The list is explicit (not found) because top-level ``rules/`` is mapped to
``liteserver_lint.packs``; a new subpackage missing from it would silently be left out of the
wheel.  CI (.ci/run) builds the wheel and runs the packs' tests from a fresh venv.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import setuptools

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; CI runs 3.11

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as stream:
        return tomllib.load(stream)["tool"]["setuptools"]


def test_every_package_is_listed() -> None:
    found = set(setuptools.find_packages(str(ROOT), include=["liteserver_lint", "liteserver_lint.*"]))
    assert set(_config()["packages"]) == found | {"liteserver_lint.packs", "liteserver_lint.packs.tests"}


def test_shipped_packs_and_their_tests_are_package_data() -> None:
    config = _config()
    covered = set()
    for package, directory in config["package-dir"].items():
        for pattern in config["package-data"][package]:
            covered |= {p.relative_to(ROOT / "rules") for p in (ROOT / directory).glob(pattern)}
    assert set(config["package-dir"].values()) == {"rules", "rules/tests"}
    shipped = {p.relative_to(ROOT / "rules") for p in (ROOT / "rules").rglob("*") if p.is_file()}
    assert shipped == covered
    assert {"recommended.yaml", "example-org.yaml", "tests/recommended.yaml", "tests/example-org.yaml"} <= {
        str(p) for p in shipped
    }
