"""The SARIF, GitHub and JUnit formats, --statistics, and the report options of ``check``.

Every SARIF document produced here is validated against the official SARIF 2.1.0 schema,
read from ``<checkout>/../shared/schemas/`` (the schema is not part of the project).
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from click.testing import CliRunner, Result

from liteserver_lint import __version__
from liteserver_lint.cli import cli
from liteserver_lint.engine import Linter
from liteserver_lint.findings import Finding, Report, Severity
from liteserver_lint.reporters import Context, portable_path, renderer
from liteserver_lint.reporters.github import escape_data, escape_property

from .conftest import VALID_YAML, lint_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SECRET = "Secret-Value-9x"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}

Validate = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="session")
def sarif_validator() -> jsonschema.Draft4Validator:
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the SARIF 2.1.0 schema is missing at {SARIF_SCHEMA} (required when CI=true)")
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture
def valid_sarif(sarif_validator: jsonschema.Draft4Validator) -> Validate:
    """Parse a SARIF document, validate it against the official schema, check its URIs."""

    def validate(text: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(text)
        errors = sorted(sarif_validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
        for result in document["runs"][0]["results"]:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri), uri  # an RFC 3986 reference
        return document

    return validate


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the checkout's root, so report paths read ``examples/...``."""
    monkeypatch.chdir(REPO_ROOT)
    return REPO_ROOT


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """``liteserver-lint ARGS`` in-process; colour variables cleared unless ``env`` sets them."""
    base = {"NO_COLOR": None, "FORCE_COLOR": None}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})})


def json_findings(*paths: str) -> list[dict[str, Any]]:
    result = run("check", "--format", "json", *paths)
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


def spec(extra: str = "", drop: str = "") -> str:
    """The valid request without the line starting with ``drop``, plus ``extra`` lines."""
    lines = [line for line in VALID_YAML.splitlines() if not (drop and line.startswith(drop))]
    return "\n".join(lines) + "\n" + extra


# -- SARIF ----------------------------------------------------------------------------


def test_sarif_of_the_examples_validates_and_matches_the_findings(in_repo: Path, valid_sarif: Validate) -> None:
    result = run("check", "--format", "sarif", "examples")
    assert result.exit_code == 1
    document = valid_sarif(result.stdout)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("liteserver-lint", __version__)
    expected = json_findings("examples")
    assert {f["file"] for f in expected} >= {"examples/broken/typos.yaml", "examples/seed-example.yaml"}
    assert len(sarif_run["results"]) == len(expected)
    for finding, sarif_result in zip(expected, sarif_run["results"]):
        assert sarif_result["ruleId"] == finding["rule"]
        assert driver["rules"][sarif_result["ruleIndex"]]["id"] == finding["rule"]
        assert sarif_result["level"] == LEVEL[finding["severity"]]
        assert sarif_result["message"]["text"] == finding["message"]
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": finding["file"], "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {
            "startLine": finding["line"],
            "startColumn": finding["column"],
            "endLine": finding["end_line"],
            "endColumn": finding["end_column"],
        }


def test_sarif_rules_carry_the_rule_docs(in_repo: Path, valid_sarif: Validate) -> None:
    document = valid_sarif(run("check", "--format", "sarif", "examples/ecs-server.yaml").stdout)
    (sarif_run,) = document["runs"]
    assert sarif_run["results"] == []
    descriptors = {d["id"]: d for d in sarif_run["tool"]["driver"]["rules"]}
    rules = Linter().rules
    assert list(descriptors) == sorted(rules)
    for rule_id, rule in rules.items():
        descriptor = descriptors[rule_id]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.message
        assert descriptor["fullDescription"]["text"] == rule.what
        # a lone surrogate (LS005's example of an undecodable byte) is written as U+FFFD
        assert descriptor["help"]["markdown"] == re.sub("[\ud800-\udfff]", "\ufffd", rule.docs())
        assert descriptor["defaultConfiguration"]["level"] == LEVEL[rule.severity.value]
        assert "helpUri" not in descriptor  # no hosted docs exist; the help is inline
    assert descriptors["LS104"]["defaultConfiguration"]["level"] == "warning"
    assert descriptors["LS704"]["defaultConfiguration"]["level"] == "note"


def test_sarif_information_uri_comes_from_the_package_metadata(
    monkeypatch: pytest.MonkeyPatch, valid_sarif: Validate
) -> None:
    from email.message import Message

    from liteserver_lint.reporters import sarif

    def driver() -> dict[str, Any]:
        document = valid_sarif(sarif.render(Report(), Context(version="1.2.3")))
        return document["runs"][0]["tool"]["driver"]  # type: ignore[no-any-return]

    meta = Message()
    meta["Project-URL"] = "Bug Tracker, https://example.org/issues"
    meta["Project-URL"] = "Homepage, https://example.org/liteserver-lint"
    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: meta)
    assert driver()["informationUri"] == "https://example.org/liteserver-lint"
    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: Message())
    assert "informationUri" not in driver()  # no URL published: the field is left out, not invented


def test_sarif_describes_a_rule_the_context_does_not_know(valid_sarif: Validate) -> None:
    finding = Finding("XP001", "team-rule", Severity.WARNING, "a team policy", "a.yaml", 0, "name", 2, 7, 2, 9)
    document = valid_sarif(renderer("sarif")(Report([finding], documents=1, paths=[finding.file]), Context()))
    (result,) = document["runs"][0]["results"]
    descriptor = document["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert descriptor == {"id": "XP001", "name": "team-rule", "defaultConfiguration": {"level": "warning"}}
    assert (result["ruleId"], result["level"]) == ("XP001", "warning")


def _sarif_results(text: str, file: str, validate: Validate) -> list[dict[str, Any]]:
    findings, documents = Linter().lint_text(text, file)
    report = Report(sorted(findings, key=Finding.sort_key), documents=documents, paths=[file])
    context = Context(rules=Linter().rules, version=__version__)
    return validate(renderer("sarif")(report, context))["runs"][0]["results"]  # type: ignore[no-any-return]


def test_sarif_fingerprints_do_not_change_when_lines_move(valid_sarif: Validate) -> None:
    text = spec("arch: x86\nroot_volume:\n  type: SSD\n  size: 5\n")
    moved = "# a comment\n\n" + text.replace("arch: x86\n", "") + "arch: x86\n"
    before = _sarif_results(text, "specs/a.yaml", valid_sarif)
    after = _sarif_results(moved, "specs/a.yaml", valid_sarif)
    key = "liteserverLint/v1"

    def prints(results: list[dict[str, Any]]) -> dict[str, str]:
        return {r["ruleId"]: r["partialFingerprints"][key] for r in results}

    def lines(results: list[dict[str, Any]]) -> dict[str, int]:
        return {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results}

    assert set(prints(before)) == {"LS105", "LS107"}
    assert lines(before) != lines(after)
    assert prints(before) == prints(after)
    # another file, or another field, is another finding
    elsewhere = _sarif_results(text, "specs/b.yaml", valid_sarif)
    assert prints(elsewhere)["LS105"] != prints(before)["LS105"]
    assert prints(before)["LS105"] != prints(before)["LS107"]


def test_sarif_fingerprints_tell_apart_repeats_of_one_key(valid_sarif: Validate) -> None:
    results = _sarif_results(spec("name: again\nname: third\n"), "a.yaml", valid_sarif)
    duplicates = [r["partialFingerprints"]["liteserverLint/v1"] for r in results if r["ruleId"] == "LS004"]
    assert len(duplicates) == 2
    assert duplicates[0].split(":")[0] == duplicates[1].split(":")[0]
    assert [d.split(":")[1] for d in duplicates] == ["1", "2"]


def test_sarif_uris_are_relative_encoded_or_file_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, valid_sarif: Validate
) -> None:
    inside = tmp_path / "work" / "my specs" / "a#1%.yaml"
    inside.parent.mkdir(parents=True)
    inside.write_text(spec("arch: x86\n"), encoding="utf-8")
    outside = tmp_path / "other.yaml"
    outside.write_text(spec("arch: x86\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    document = valid_sarif(run("check", "--format", "sarif", str(inside), str(outside)).stdout)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in document["runs"][0]["results"]]
    assert {"uri": "my%20specs/a%231%25.yaml", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": outside.as_uri()} in locations
    assert urllib.parse.unquote("my%20specs/a%231%25.yaml") == "my specs/a#1%.yaml"


def test_sarif_columns_count_code_points(valid_sarif: Validate) -> None:
    line = 'root_volume: {type: "😀é", size: 5}'
    results = _sarif_results(spec(line + "\n"), "a.yaml", valid_sarif)
    (size,) = [r for r in results if r["ruleId"] == "LS107"]
    region = size["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == line.index("5}") + 1  # Python indexes code points
    assert region["endColumn"] == region["startColumn"] + 1


def test_sarif_of_a_missing_file_and_stdin_validates(in_repo: Path, valid_sarif: Validate) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--format", "sarif", "--stdin-filename", "in put.yaml", "-", "no/such.yaml"], input="[1, 2]\n"
    )
    results = valid_sarif(result.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("LS002", "in%20put.yaml"),
        ("LS005", "no/such.yaml"),
    ]


# -- GitHub -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100% done", "100%25 done", "100%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("file:1,2", "file:1,2", "file%3A1%2C2"),
        ("%3A already", "%253A already", "%253A already"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
        ("50%,\n:", "50%25,%0A:", "50%25%2C%0A%3A"),
    ],
)
def test_github_escaping_matches_the_actions_toolkit(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def _unescape(text: str) -> str:
    """The runner's unescaping, to check the round trip."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_github_commands_for_the_broken_examples(in_repo: Path) -> None:
    result = run("check", "--format", "github", "examples/broken/typos.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(json_findings("examples/broken/typos.yaml")) == 5
    assert lines[0] == (
        "::error file=examples/broken/typos.yaml,line=1,col=1,endLine=1,endColumn=1,title=LS401 flavor-missing"
        "::No flavor; set flavor (or resource_flavor for a resource pool)."
    )
    assert lines[2] == (
        "::error file=examples/broken/typos.yaml,line=6,col=7,endLine=6,endColumn=10,title=LS105 enum-value"
        "::'arch' must be one of ARM, X86 (case matters); use X86"
    )


def test_github_levels_escaping_and_multiline_spans(tmp_path: Path) -> None:
    path = tmp_path / "a,b:c%.yaml"
    path.write_text(
        spec(
            "  allowed_address_pairs:\n    - ip_address: 10.0.0.0/16\n"
            'root_volume: {type: SSD, size: "200"}\n'
            "user_data: |\n  not base64\n  at all\n"
            '"bad\\nkey%,:": 1\n'
        ),
        encoding="utf-8",
    )
    lines = run("check", "--format", "github", str(path)).stdout.splitlines()
    assert len(lines) == 4  # a newline in a message never starts a new command
    by_rule = {re.search(r"title=(LS\d+)", line).group(1): line for line in lines}  # type: ignore[union-attr]
    assert by_rule["LS704"].startswith("::notice ")
    assert by_rule["LS104"].startswith("::warning ")
    assert by_rule["LS802"].startswith("::error ")
    file_property = escape_property(portable_path(str(path)))
    assert f"file={file_property}," in by_rule["LS104"]
    assert "%3A" in file_property and "%2C" in file_property and "%25" in file_property
    # a span over several lines: the runner drops columns there, so none are sent
    assert re.search(r",line=\d+,endLine=\d+,title=LS802 ", by_rule["LS802"])
    assert "col=" not in by_rule["LS802"]
    properties, message = by_rule["LS102"][len("::error ") :].split("::", 1)
    # the key's newline is escaped by the linter itself; '%' still needs GitHub's escaping
    assert _unescape(message) == "unknown field 'bad\\nkey%,:' in the request; remove it"
    assert dict(p.split("=", 1) for p in properties.split(","))["file"] == file_property


# -- JUnit ------------------------------------------------------------------------------


def _junit(*args: str) -> tuple[Result, ET.Element]:
    result = run("check", "--format", "junit", *args)
    return result, ET.fromstring(result.stdout)


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    (suite,) = root.findall("testsuite")
    return {case.get("name", ""): case for case in suite.findall("testcase")}


def test_junit_one_case_per_file_failing_at_fail_on(in_repo: Path) -> None:
    files = ("examples/ecs-server.yaml", "examples/seed-example.yaml", "examples/broken/typos.yaml")
    result, root = _junit(*files)
    assert result.exit_code == 1
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = _cases(root)
    assert list(cases) == list(files)
    assert (suite.get("tests"), suite.get("failures"), root.get("failures")) == ("3", "1", "1")
    assert list(cases["examples/ecs-server.yaml"]) == []
    # the warning is reported, but does not fail the case at --fail-on error
    seed = cases["examples/seed-example.yaml"]
    assert seed.find("failure") is None
    assert "examples/seed-example.yaml:12:9: LS104 [*] [warning]" in (seed.findtext("system-out") or "")
    failure = cases["examples/broken/typos.yaml"].find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.get("message")) == ("error", "5 findings at or above error")
    assert (failure.text or "").splitlines()[2] == (
        "examples/broken/typos.yaml:6:7: LS105 [*] [error] 'arch' must be one of ARM, X86 (case matters); use X86"
    )

    result, root = _junit("--fail-on", "warning", *files)
    cases = _cases(root)
    assert root.find("testsuite").get("failures") == "2"  # type: ignore[union-attr]
    assert cases["examples/seed-example.yaml"].find("failure").get("type") == "warning"  # type: ignore[union-attr]


def test_junit_lists_unreadable_files_and_stays_well_formed(tmp_path: Path) -> None:
    odd = tmp_path / "a&b<c>.yaml"
    odd.write_text(spec('"\\x01ctl\\x1b": 1\n'), encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result, root = _junit(str(odd), str(missing))
    cases = _cases(root)
    assert list(cases) == [portable_path(str(odd)), portable_path(str(missing))]
    odd_failure = cases[str(odd)].findtext("failure") or ""
    assert "unknown field '\\x01ctl\\x1b'" in odd_failure
    assert "LS005" in (cases[str(missing)].findtext("failure") or "")


# -- statistics -----------------------------------------------------------------------------


def test_statistics_most_frequent_first(in_repo: Path) -> None:
    result = run("check", "--statistics", "examples/broken")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "2\tLS102\t[*] unknown-field",
        "2\tLS107\t[ ] value-range",
        "1\tLS004\t[ ] duplicate-key",
        "1\tLS101\t[ ] required-field",
        "1\tLS105\t[*] enum-value",
        "1\tLS204\t[ ] password-classes",
        "1\tLS301\t[ ] hps-password",
        "1\tLS302\t[ ] hps-cluster-id-missing",
        "1\tLS304\t[ ] hps-count",
        "1\tLS401\t[ ] flavor-missing",
        "1\tLS702\t[ ] address-pair-open",
        "Found 13 errors, 0 warnings, 0 notes (3 files, 4 documents); 3 fixable with --fix.",
    ]


def test_statistics_counts_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    many = "".join(f"extra_{i}: 1\n" for i in range(10))
    path.write_text(spec(many + "arch: x86\n"), encoding="utf-8")
    result = run("check", "--statistics", "--format", "json", "-q", str(path))
    assert json.loads(result.stdout) == [
        {"rule": "LS102", "name": "unknown-field", "count": 10, "fixable": False},
        {"rule": "LS105", "name": "enum-value", "count": 1, "fixable": True},
    ]
    quiet = run("check", "--statistics", "--quiet", str(path)).stdout.splitlines()
    assert quiet == ["10\tLS102\t[ ] unknown-field", " 1\tLS105\t[*] enum-value"]
    refused = run("check", "--statistics", "--format", "sarif", str(path))
    assert refused.exit_code == 2
    assert "--statistics prints text or json, not sarif" in refused.output


# -- report options ----------------------------------------------------------------------------


def test_exit_zero_keeps_the_report_but_not_the_failure(in_repo: Path) -> None:
    failing = run("check", "examples/broken/typos.yaml")
    relaxed = run("check", "--exit-zero", "examples/broken/typos.yaml")
    assert (failing.exit_code, relaxed.exit_code) == (1, 0)
    assert relaxed.stdout == failing.stdout
    assert run("check", "--exit-zero", "--select", "LS999", "examples").exit_code == 2


def _written_and_printed(output_format: str, target: Path) -> str:
    """The report written with --output-file (checked equal to the printed one, stdout empty)."""
    written = run("check", "--format", output_format, "-o", str(target), "examples/broken")
    printed = run("check", "--format", output_format, "examples/broken")
    assert (written.exit_code, written.stdout) == (1, "")
    assert target.read_text(encoding="utf-8") == printed.stdout
    return printed.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "github", "junit"])
def test_output_file_gets_the_report_and_stdout_stays_empty(in_repo: Path, tmp_path: Path, output_format: str) -> None:
    assert "examples/broken/typos.yaml" in _written_and_printed(output_format, tmp_path / "report")


def test_output_file_gets_a_valid_sarif_report(in_repo: Path, tmp_path: Path, valid_sarif: Validate) -> None:
    assert valid_sarif(_written_and_printed("sarif", tmp_path / "report.sarif"))["runs"][0]["results"]


def test_output_file_that_cannot_be_written_is_a_usage_error(in_repo: Path, tmp_path: Path) -> None:
    failed = run("check", "--output-file", str(tmp_path / "no" / "such" / "dir.txt"), "examples")
    assert failed.exit_code == 2
    assert len(failed.output.strip().splitlines()) == 1
    assert "cannot write the report to" in failed.output


def test_quiet_prints_findings_only(in_repo: Path) -> None:
    loud = run("check", "examples/broken/typos.yaml").stdout.splitlines()
    quiet = run("check", "-q", "examples/broken/typos.yaml")
    assert quiet.exit_code == 1
    assert quiet.stdout.splitlines() == loud[:-1]
    assert loud[-1].startswith("Found 5 errors")
    clean = run("check", "--quiet", "examples/ecs-server.yaml")
    assert (clean.exit_code, clean.stdout) == (0, "")


@pytest.mark.parametrize(
    ("option", "env", "colored"),
    [
        ((), {}, False),
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
        (("--color", "auto"), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_color_option_and_environment(in_repo: Path, option: tuple[str, ...], env: dict[str, str], colored: bool) -> None:
    result = run("check", *option, "examples/broken/typos.yaml", env=env)
    assert ("\x1b[31m[error]\x1b[0m" in result.stdout) is colored
    if not colored:
        assert "\x1b[" not in result.stdout


def test_color_in_an_output_file_only_when_asked(in_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    run("check", "-o", str(target), "examples/broken/typos.yaml")
    assert "\x1b[" not in target.read_text(encoding="utf-8")
    run("check", "--color", "always", "-o", str(target), "examples/broken/typos.yaml")
    assert "\x1b[1m" in target.read_text(encoding="utf-8")


def test_text_and_json_default_output_is_unchanged(in_repo: Path) -> None:
    findings = Linter().lint_file("examples/broken/typos.yaml").findings
    text = run("check", "examples/broken/typos.yaml").stdout
    assert text.splitlines()[:-1] == [f"{f.location()}: {f.rule}{' [*]' if f.replacement else ''} "
                                      f"[{f.severity.value}] {f.message}" for f in findings]
    report = json.loads(run("check", "--format", "json", "examples/broken/typos.yaml").stdout)
    assert set(report) == {"version", "summary", "findings"}
    assert report["summary"] == {"files": 1, "documents": 1, "error": 5, "warning": 0, "info": 0}


# -- no password in any format --------------------------------------------------------------------

PASSWORD_SPECS = {
    "valid": spec(f"admin_pass: {SECRET}\n", drop="key_pair_name"),
    "with-key-pair": spec(f"admin_pass: {SECRET}\n"),
    "supernode": spec(f"admin_pass: {SECRET}\nserver_type: HPS\ncount: 2\n", drop="key_pair_name"),
    "reserved-word": spec(f"admin_pass: {SECRET}-root\n", drop="key_pair_name"),
    "bad-character": spec(f'admin_pass: "{SECRET} €"\n', drop="key_pair_name"),
    "too-long": spec(f"admin_pass: {SECRET}{SECRET}\n", drop="key_pair_name"),
    "wrong-type": spec(f"admin_pass: [{SECRET}]\n", drop="key_pair_name"),
    "duplicate": spec(f"admin_pass: {SECRET}\nadmin_pass: {SECRET}\n", drop="key_pair_name"),
    "alias-to-user-data": spec(f"admin_pass: &p {SECRET}\nuser_data: *p\n", drop="key_pair_name"),
    "user-data": spec(f"user_data: {SECRET}\n"),
    "syntax-error": spec(f"admin_pass: {SECRET}\nbroken: [oops\n", drop="key_pair_name"),
    "unterminated": spec(f'admin_pass: "{SECRET}\n', drop="key_pair_name"),
}
FORMAT_RUNS = [("--format", name) for name in ("text", "json", "github", "junit")] + [
    ("--statistics",),
    ("--statistics", "--format", "json"),
]


def _outputs_without_secret(case: str, tmp_path: Path, args: tuple[str, ...]) -> str:
    """Lint the case with ``args``, printed and to a file; neither holds the password. The printed report."""
    path = tmp_path / "secret.yaml"
    path.write_text(PASSWORD_SPECS[case], encoding="utf-8")
    result = run("check", *args, str(path))
    assert result.exit_code == (0 if case == "valid" else 1)
    assert SECRET not in result.output, (case, args)
    target = tmp_path / "out"
    run("check", *args, "-o", str(target), str(path))
    assert SECRET not in target.read_text(encoding="utf-8"), (case, args)
    return result.stdout


@pytest.mark.parametrize("case", sorted(PASSWORD_SPECS))
def test_no_format_contains_the_password(case: str, tmp_path: Path) -> None:
    for args in FORMAT_RUNS:
        _outputs_without_secret(case, tmp_path, args)


@pytest.mark.parametrize("case", sorted(PASSWORD_SPECS))
def test_sarif_does_not_contain_the_password(case: str, tmp_path: Path, valid_sarif: Validate) -> None:
    document = valid_sarif(_outputs_without_secret(case, tmp_path, ("--format", "sarif")))
    assert bool(document["runs"][0]["results"]) is (case != "valid")


def test_findings_of_the_password_cases_are_the_expected_ones() -> None:
    """The cases above do reach the password rules (so the test above checks real messages)."""
    expected = {
        "with-key-pair": {"LS202"},
        "supernode": {"LS301", "LS302", "LS304"},
        "reserved-word": {"LS206"},
        "bad-character": {"LS205"},
        "too-long": {"LS203"},
        "wrong-type": {"LS103"},
        "duplicate": {"LS004"},
        "user-data": {"LS802"},
        "syntax-error": {"LS001"},
    }
    for case, rules in expected.items():
        assert {f.rule for f in lint_yaml(PASSWORD_SPECS[case])} == rules, case


def test_report_paths_lists_the_linted_files(in_repo: Path) -> None:
    from liteserver_lint.files import collect
    from liteserver_lint.run import lint_targets

    report = lint_targets(Linter(), collect(("examples/broken", "examples/ecs-server.yaml")), 1)
    assert report.paths == [
        "examples/broken/multi-document.yaml",
        "examples/broken/supernode-password.yaml",
        "examples/broken/typos.yaml",
        "examples/ecs-server.yaml",
    ]
    assert Linter().lint_file("examples/ecs-server.yaml").paths == ["examples/ecs-server.yaml"]
