"""JUnit XML for CI test-report views: one test suite, one test case per file linted.

A file's test case fails when it has a finding at or above ``--fail-on``; its findings
below that threshold are listed in the case's ``system-out`` and do not fail it.  Characters
XML 1.0 cannot hold (control characters from a file name or a YAML key) are written as
``\\xNN`` so the document always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..findings import Finding, Report
from . import Context
from .text import line

SUITE = "liteserver-lint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids (controls, lone surrogates) as ``\\xNN``."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(report: Report, context: Context) -> str:
    """The JUnit XML document, indented, with its declaration."""
    root = as_element(report, context)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def as_element(report: Report, context: Context) -> ET.Element:
    """``<testsuites>`` holding the one ``<testsuite>``."""
    files = _files(report)
    by_file: dict[str, list[Finding]] = {file: [] for file in files}
    for finding in report.findings:
        by_file[finding.file].append(finding)
    cases = [_case(file, by_file[file], context) for file in files]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    return root


def _files(report: Report) -> list[str]:
    """The files linted, in order, then any other file a finding names (a report built by hand)."""
    files = list(dict.fromkeys(report.paths))
    files.extend(sorted({f.file for f in report.findings} - set(files)))
    return files


def _case(file: str, findings: list[Finding], context: Context) -> ET.Element:
    """A file's ``<testcase>``: a failure for its findings at or above --fail-on, the rest as output."""
    name = xml_safe(file)
    case = ET.Element("testcase", {"classname": SUITE, "name": name, "file": name})
    failing = [f for f in findings if f.severity.rank >= context.fail_on.rank]
    if failing:
        message = f"{len(failing)} finding{'' if len(failing) == 1 else 's'} at or above {context.fail_on.value}"
        worst = max(failing, key=lambda f: f.severity.rank).severity.value
        failure = ET.SubElement(case, "failure", {"message": message, "type": worst})
        failure.text = xml_safe("\n".join(line(f) for f in failing))
    passing = [f for f in findings if f.severity.rank < context.fail_on.rank]
    if passing:
        ET.SubElement(case, "system-out").text = xml_safe("\n".join(line(f) for f in passing))
    return case
