"""No output of any format ever contains the admin_pass value, wherever the value sits.

As ``admin_pass`` (weak or strong), inside an unknown field, in ``user_data``, next to the
credential rules' other findings, in a document that fails to parse (YAML syntax error messages
must not quote it), with either YAML composer; in the text and JSON reports and in
``LintFailed``.
"""

from __future__ import annotations

import json
import os
import string
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from .conftest import VALID_YAML
from .test_fuzz import pure_python_yaml
from liteserver_lint import LintFailed, lint
from liteserver_lint.cli import FORMAT_NAMES, cli
from liteserver_lint.contract import SCHEMA
from liteserver_lint.engine import Linter

# Everything the linter may print regardless of the password: rule texts, field names, the
# report's own words.  A password that is part of these would be "found" for no fault.
_RULES = Linter().rules.values()
BACKGROUND = "\n".join(
    [json.dumps(SCHEMA), *(f"{r.id} {r.name} {r.message} {r.what} {r.why}" for r in _RULES)]
    + ["version summary files documents error warning info findings file document line column end_line",
       "end_column rule name severity path message fix spec.yaml Found errors warnings notes All checks passed"]
)

# Passwords as people write them: letters, digits and the API's special characters, at least
# one letter and one digit, sometimes a space or a character outside ASCII.
passwords = st.text(
    alphabet=string.ascii_letters + string.digits + "!@$%^-_=+[{}]:,./?#&* é",
    min_size=8,
    max_size=30,
).filter(lambda p: any(c.isalpha() for c in p) and any(c.isdigit() for c in p) and p.strip() == p)

BASE = VALID_YAML.replace("key_pair_name: KeyPair-3d6a\n", "")


def quoted(password: str) -> str:
    """The password as a YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(password)


# Where the password sits: each builds a spec file around it.
PLACES: dict[str, Callable[[str], str]] = {
    "admin_pass": lambda p: BASE + f"admin_pass: {quoted(p)}\n",
    "admin_pass with a key pair (conflict)": lambda p: VALID_YAML + f"admin_pass: {quoted(p)}\n",
    "admin_pass plain": lambda p: BASE + f"admin_pass: '{p}'\n",
    "unknown field": lambda p: BASE + f"admin_password: {quoted(p)}\n",
    "unknown nested field": lambda p: BASE + f"admin_pass: Secure-Pass1\nroot_volume:\n  secret: {quoted(p)}\n",
    "unknown list": lambda p: BASE + f"admin_pass: Secure-Pass1\nextra: [1, {quoted(p)}]\n",
    "wrong type": lambda p: BASE + f"admin_pass: [{quoted(p)}]\n",
    "user_data": lambda p: VALID_YAML + f"user_data: {quoted(p)}\n",
    "supernode": lambda p: VALID_YAML + f"server_type: HPS\nadmin_pass: {quoted(p)}\n",
    "syntax error after it": lambda p: BASE + f"admin_pass: {quoted(p)}\nflavor: [s7\n",
    "syntax error on its line": lambda p: BASE + f"admin_pass: {quoted(p)} ]\n",
    "unclosed quote": lambda p: BASE + f"admin_pass: \"{p}\n",
    "unclosed single quote": lambda p: BASE + f"admin_pass: '{p}\n",
    "in a flow mapping cut short": lambda p: "{name: a, admin_pass: " + quoted(p) + ",\n",
    "plain in a flow sequence": lambda p: f"[{p}\n",
    "after a tab": lambda p: BASE + f"admin_pass:\t{quoted(p)}\n\tflavor: x\n",
    "with a control character": lambda p: BASE + f"admin_pass: \"{p}\x07\"\n",
    "control character inside it": lambda p: BASE + f"admin_pass: '{p[:4]}\x01{p[4:]}'\n",
    "as a tag": lambda p: BASE + f"admin_pass: !{p.replace(' ', '')} x\n",
    "as an anchor and an undefined alias": lambda p: BASE + f"admin_pass: *{''.join(c for c in p if c.isalnum())}\n",
    "duplicate key": lambda p: BASE + f"admin_pass: {quoted(p)}\nadmin_pass: {quoted(p)}\n",
    "second document": lambda p: VALID_YAML + f"---\nadmin_pass: {quoted(p)}\n---\n[",
    "not UTF-8": lambda p: BASE + f"admin_pass: {quoted(p)}\n" + "\udcff",
}


def outputs(text: str) -> list[str]:
    """Every report of every format for a file holding ``text``, and what the library raises."""
    runner = CliRunner()
    found = []
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "spec.yaml"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        for output_format in FORMAT_NAMES:
            result = runner.invoke(cli, ["check", "--format", output_format, str(path)])
            assert result.exit_code in (0, 1), result.output
            found.append(result.output.replace(str(path), "spec.yaml"))
        report = Linter().lint_file(str(path))
    try:
        report.raise_for_errors()
    except LintFailed as error:
        found.append(str(error).replace(str(path), "spec.yaml"))
    found.append(repr(report.findings).replace(str(path), "spec.yaml"))
    return found


@pytest.mark.parametrize("place", sorted(PLACES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=passwords)
def test_no_output_contains_the_password(place: str, password: str) -> None:
    assume(password not in BACKGROUND)
    text = PLACES[place](password)
    for output in outputs(text):
        assert password not in output, (place, output)


@pytest.mark.parametrize("place", ["syntax error on its line", "plain in a flow sequence", "unclosed quote",
                                   "as an anchor and an undefined alias", "with a control character", "as a tag"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=passwords)
def test_no_output_contains_the_password_with_the_pure_python_composer(place: str, password: str) -> None:
    """PyYAML's pure-Python scanner quotes characters in its messages; none may survive."""
    assume(password not in BACKGROUND)
    with pure_python_yaml():
        for output in outputs(PLACES[place](password)):
            assert password not in output, (place, output)


def test_the_property_can_fail() -> None:
    """The checks above would see a password that reached the output (a key is shown, by design)."""
    password = "Leaky-Key-2024"
    assert any(password in output for output in outputs(BASE + f"{password}: 1\n"))


def test_lint_of_a_dict_never_shows_the_password() -> None:
    password = "Sup3r-Secret-Value"
    request = {**json.loads(json.dumps({"name": "a b", "admin_pass": password, "secret": password}))}
    report = lint(request)
    assert report.findings and all(password not in repr(f) for f in report.findings)
    assert password not in json.dumps([f.to_dict() for f in report.findings])


def test_environment_does_not_leak_through_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    password = "Colour-Pass-77"
    assert all(password not in output for output in outputs(BASE + f"admin_pass: {quoted(password)} ]\n"))
    assert os.environ["FORCE_COLOR"] == "1"
