"""Any bytes, any YAML, any JSON: findings (or a one-line usage error), never a traceback.

CI runs a few hundred examples per test.  The dedicated long run is marked ``slow`` and takes
its size from ``LITESERVER_FUZZ_EXAMPLES`` (default 500; the documented full run is 10,000):

    LITESERVER_FUZZ_EXAMPLES=10000 python -m pytest -m slow tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .generators import YAML_PIECES, any_text, dumped_texts, yaml_texts
from liteserver_lint import loading
from liteserver_lint.cli import cli
from liteserver_lint.engine import Linter
from liteserver_lint.findings import Finding, Severity

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
SEED_FILES = sorted(p.read_bytes() for p in EXAMPLES_DIR.rglob("*") if p.suffix in (".yaml", ".json"))
FULL_RUN = int(os.environ.get("LITESERVER_FUZZ_EXAMPLES", "500"))

LINTER = Linter()
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _PureComposer(loading._NodeBudget, yaml.SafeLoader):  # type: ignore[misc]
    """The pure-Python composer, which a PyYAML built without libyaml uses."""


@contextlib.contextmanager
def in_temporary_directory() -> Iterator[Path]:
    """Work in a new empty directory (the CLI is given relative paths), then go back."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(before)


@contextlib.contextmanager
def pure_python_yaml() -> Iterator[None]:
    """Load with PyYAML's pure-Python composer instead of libyaml's."""
    saved = loading._Composer
    setattr(loading, "_Composer", _PureComposer)
    try:
        yield
    finally:
        setattr(loading, "_Composer", saved)


def assert_well_formed(findings: list[Finding], documents: int) -> None:
    """Every finding names a known rule, has a message, and a position that makes sense."""
    assert documents >= 0
    for finding in findings:
        assert finding.rule in LINTER.rules
        assert isinstance(finding.severity, Severity)
        assert isinstance(finding.message, str) and finding.message
        if finding.line is not None:
            assert finding.line >= 1 and finding.column is not None and finding.column >= 1
            assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` with a few random byte-level edits: flips, inserts of YAML pieces or bytes, cuts."""
    edited = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(edited))
        choice = rng.random()
        if choice < 0.3 and edited:
            edited[min(at, len(edited) - 1)] = rng.randrange(256)
        elif choice < 0.6:
            edited[at:at] = rng.choice(YAML_PIECES).encode("utf-8")
        elif choice < 0.8:
            edited[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            del edited[at : at + rng.randint(1, 40)]
    return bytes(edited)


@FAST
@given(any_text)
def test_any_text_gives_findings(text: str) -> None:
    assert_well_formed(*LINTER.lint_text(text, "fuzz.yaml"))


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_give_findings(data: bytes) -> None:
    assert_well_formed(*LINTER.lint_bytes(data, "fuzz.yaml"))


@FAST
@given(yaml_texts)
def test_any_text_gives_findings_with_the_pure_python_composer(text: str) -> None:
    with pure_python_yaml():
        assert_well_formed(*LINTER.lint_text(text, "fuzz.yaml"))


@FAST
@given(st.sampled_from(SEED_FILES), st.randoms(use_true_random=False))
def test_mutated_spec_files_give_findings(seed: bytes, rng: random.Random) -> None:
    assert_well_formed(*LINTER.lint_bytes(mutate(seed, rng), "fuzz.yaml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=200), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       st.sampled_from(["text", "json"]))
def test_the_cli_reports_any_file(data: bytes, output_format: str) -> None:
    runner = CliRunner()
    with in_temporary_directory():
        Path("fuzz.yaml").write_bytes(data)
        result = runner.invoke(cli, ["check", "--format", output_format, "fuzz.yaml"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if output_format == "json":
        report = json.loads(result.output)
        assert report["summary"]["files"] == 1
        assert (result.exit_code == 1) == (report["summary"]["error"] > 0)


_OPTIONS = ["check", "rules", "explain", "--format", "json", "text", "yaml", "--select", "--ignore", "LS1", "LS999",
            "ALL", "--fail-on", "info", "--jobs", "0", "2", "-j", "--stdin-filename", "--version", "-h", "LS204", "",
            "--nope", "x.yaml", "-"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_OPTIONS) | st.text(max_size=6), max_size=6))
def test_the_cli_answers_any_arguments_with_output_or_a_usage_error(arguments: list[str]) -> None:
    runner = CliRunner()
    with in_temporary_directory():
        Path("x.yaml").write_text("name: [\n")
        result = runner.invoke(cli, arguments, input="a: 1\n")
    assert result.exception is None or isinstance(result.exception, SystemExit), (arguments, result.output)
    assert result.exit_code in (0, 1, 2), (arguments, result.output)
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_fuzz_many_examples() -> None:
    """The long run: Hypothesis on texts, bytes and mutated files, then seeded random-byte mutation.

    ``LITESERVER_FUZZ_EXAMPLES`` examples of each (CI: 500; the full run: 10,000).
    """

    @settings(max_examples=FULL_RUN, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(any_text, dumped_texts, st.binary(max_size=400).map(lambda b: b.decode("latin-1"))))
    def texts(text: str) -> None:
        assert_well_formed(*LINTER.lint_text(text, "fuzz.yaml"))
        assert_well_formed(*LINTER.lint_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.yaml"))

    texts()
    rng = random.Random(20261201)
    for _ in range(FULL_RUN):
        data = mutate(rng.choice(SEED_FILES), rng)
        assert_well_formed(*LINTER.lint_bytes(data, "fuzz.yaml"))
        if rng.random() < 0.1:
            with pure_python_yaml():
                assert_well_formed(*LINTER.lint_bytes(data, "fuzz.yaml"))


def test_mutate_changes_the_file() -> None:
    rng = random.Random(1)
    assert all(mutate(seed, rng) != seed for seed in SEED_FILES)
