"""The library API: lint() on dicts and SDK-like objects, reports, LintFailed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

import liteserver_lint
from liteserver_lint import LintFailed, Options, Severity, lint, lint_file

from .conftest import VALID, VALID_YAML, merge, valid

PASSWORD = "Secret-Value-9x"


class FakeModel:
    """Shaped like an SDK model: attribute_map, private attributes, and a repr that leaks."""

    attribute_map = {"name": "name", "flavor": "flavor", "image_id": "image_id", "admin_pass": "admin_pass",
                     "network": "network"}

    def __init__(self, **values: Any) -> None:
        for key in self.attribute_map:
            setattr(self, key, values.get(key))

    def __repr__(self) -> str:  # the real SDK's repr prints every field, the password too
        return repr(vars(self))


class FakeNetwork:
    attribute_map = {"security_group_id": "security_group_id", "subnet_id": "subnet_id", "vpc_id": "vpc_id"}

    def __init__(self, **values: Any) -> None:
        for key in self.attribute_map:
            setattr(self, key, values.get(key))


def test_valid_dict_is_ok() -> None:
    report = lint(valid())
    assert report.ok and report.findings == [] and report.errors == [] and report.warnings == []


def test_sdk_like_object() -> None:
    request = FakeModel(
        name="server_test", flavor="s7.small.1", image_id=VALID["image_id"], admin_pass="weak",
        network=FakeNetwork(**VALID["network"]),
    )
    report = lint(request)
    assert [(f.rule, f.path) for f in report.errors] == [("LS203", "admin_pass"), ("LS204", "admin_pass")]


def test_object_with_to_dict_and_dataclass() -> None:
    class WithToDict:
        def to_dict(self) -> dict[str, Any]:
            return merge(VALID, {"arch": "x86"})

    @dataclass
    class Root:
        type: str
        size: int

    assert [f.rule for f in lint(WithToDict()).findings] == ["LS105"]
    assert [f.rule for f in lint(merge(VALID, {"root_volume": Root("SSD", 10)})).findings] == ["LS107"]


def test_raise_for_errors_lists_findings_without_values() -> None:
    request = merge(VALID, {"key_pair_name": None, "admin_pass": PASSWORD + " #", "arch": "x86"})
    with pytest.raises(LintFailed) as caught:
        lint(request).raise_for_errors()
    text = str(caught.value)
    assert "LS205" in text and "LS105" in text
    assert PASSWORD not in text and PASSWORD not in repr(caught.value)
    assert caught.value.report.errors


def test_warnings_do_not_fail() -> None:
    report = lint(merge(VALID, {"root_volume": {"size": "200"}}))
    assert report.ok and [f.rule for f in report.warnings] == ["LS104"]
    report.raise_for_errors()


def test_not_a_mapping() -> None:
    assert [f.rule for f in lint(["a"]).findings] == ["LS002"]


def test_options_select_ignore_and_severity() -> None:
    request = merge(VALID, {"arch": "x86", "count": 0})
    assert [f.rule for f in lint(request, Options(select=("LS105",))).findings] == ["LS105"]
    assert [f.rule for f in lint(request, Options(ignore=("LS1",))).findings] == []
    report = lint(request, Options(severity={"LS105": Severity.WARNING}))
    assert {f.rule: f.severity for f in report.findings} == {"LS105": Severity.WARNING, "LS107": Severity.ERROR}


def test_lint_file(tmp_path: Any) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(VALID_YAML + "arch: x86\n")
    report = lint_file(str(path))
    assert report.files == 1 and report.documents == 1
    assert [(f.file, f.rule, f.line, f.column) for f in report.findings] == [(str(path), "LS105", 9, 7)]


def test_lazy_exports() -> None:
    assert liteserver_lint.__version__
    assert liteserver_lint.Report is not None
    with pytest.raises(AttributeError):
        liteserver_lint.nothing_here  # noqa: B018
