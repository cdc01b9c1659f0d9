"""SARIF 2.1.0, the format GitHub code scanning (and most code-review tools) read.

One run: ``tool.driver`` describes every rule (its docs as the help text), each result
points at its file (a URI relative to ``%SRCROOT%``, the directory the linter ran in) and region with 1-based lines and columns counted in Unicode code
points (``columnKind``), and ``partialFingerprints`` key it by rule, file, document and
field path, not by line, so a finding keeps its identity when lines move above it.
No hosted rule documentation exists, so rules carry no ``helpUri``: their help is inline.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.parse
from importlib import metadata
from typing import Any

from ..findings import Finding, Report, Severity
from ..rule import Rule
from . import Context, portable_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "liteserver-lint"
FINGERPRINT_KEY = "liteserverLint/v1"
SOURCE_ROOT = "%SRCROOT%"

_HOME_LABELS = ("homepage", "home", "repository", "source", "documentation")
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def render(report: Report, context: Context) -> str:
    """The SARIF log as JSON; a lone surrogate (an undecodable byte in a name) becomes U+FFFD,
    so the document is always valid UTF-8."""
    text = json.dumps(as_dict(report, context), indent=2, ensure_ascii=False)
    return _LONE_SURROGATE.sub("\ufffd", text) + "\n"


def as_dict(report: Report, context: Context) -> dict[str, Any]:
    """The SARIF log as plain data."""
    rules = _rules(report, context)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": TOOL_NAME}
    if context.version:
        driver["version"] = context.version
        driver["semanticVersion"] = context.version
    home = information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = rules
    fingerprints = _fingerprints(report.findings)
    results = [_result(f, index[f.rule], fp) for f, fp in zip(report.findings, fingerprints)]
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata (``[project.urls]``), if any."""
    try:
        meta = metadata.metadata("liteserver-lint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in _HOME_LABELS:
            return url.strip()
    homes = meta.get_all("Home-page") or []
    return str(homes[0]) if homes else None


def _rules(report: Report, context: Context) -> list[dict[str, Any]]:
    """Every known rule, by ID; a finding of a rule the context does not know gets a bare entry."""
    known = dict(context.rules)
    descriptors = [_descriptor(known[rule_id]) for rule_id in sorted(known)]
    extra = sorted({(f.rule, f.name, f.severity) for f in report.findings if f.rule not in known})
    seen: set[str] = set()
    for rule_id, name, severity in extra:
        if rule_id not in seen:
            seen.add(rule_id)
            descriptors.append({"id": rule_id, "name": name, "defaultConfiguration": {"level": LEVELS[severity]}})
    return descriptors


def _descriptor(rule: Rule) -> dict[str, Any]:
    """A rule's reportingDescriptor: id, name, one-line and full description, help, default level."""
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.what},
        "help": {"text": f"{rule.what}\n\n{rule.why}\n\nSource: {rule.source}", "markdown": rule.docs()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.pack], "fixable": rule.fixable},
    }


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    """A finding as a SARIF result: rule, level, message, region and field path."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.file)}
    if finding.line is not None:
        region = {"startLine": finding.line, "startColumn": finding.column or 1}
        if finding.end_line is not None:
            region["endLine"] = finding.end_line
            region["endColumn"] = finding.end_column or 1
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.path:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"document": finding.document, "path": finding.path},
    }


def artifact_location(file: str) -> dict[str, str]:
    """A relative URI (forward slashes, percent-encoded) against the source root, or a file URI."""
    path = portable_path(file)
    if os.path.isabs(path):
        return {"uri": "file://" + ("" if path.startswith("/") else "/") + urllib.parse.quote(_bytes(path), safe="/:")}
    return {"uri": urllib.parse.quote(_bytes(path), safe="/"), "uriBaseId": SOURCE_ROOT}


def _bytes(path: str) -> bytes:
    """The file name's bytes (undecodable bytes come back as they were on disk)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace")


def _fingerprints(findings: list[Finding]) -> list[str]:
    """A stable hash of rule + file + document + field path; ``:N`` tells apart repeats of one key."""
    seen: dict[str, int] = {}
    prints = []
    for finding in findings:
        key = "\0".join((finding.rule, portable_path(finding.file), str(finding.document), finding.path))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        prints.append(f"{digest}:{seen[digest]}")
    return prints
