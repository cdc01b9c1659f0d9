"""Policy packs: the format, its errors, every example of the issue as a user-written pack,
and packs flowing through the engine, the reporters, select/ignore, rules and explain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liteserver_lint import lint, lint_file
from liteserver_lint.cli import cli
from liteserver_lint.engine import Linter, Options
from liteserver_lint.findings import Severity
from liteserver_lint.policy import PolicyError, load_pack, load_rules, parse_pack, shipped
from liteserver_lint.strategies import SUPPORTED, invalid_requests

from .conftest import merge, valid


def pack_text(*rules: str, name: str = "team") -> str:
    """A pack file with the given rules (YAML list items, indented by two)."""
    return f"name: {name}\ndescription: Our team's rules.\nrules:\n" + "".join(rules)


def rule_text(
    rule_id: str = "TEAM001",
    schema: str = "flavor: {allowed: [s7.small.1]}",
    when: str | None = None,
    bad: str = "flavor: p2.8xlarge",
    good: str = "flavor: s7.small.1",
    severity: str = "error",
) -> str:
    when_line = f"    when: {{{when}}}\n" if when else ""
    return (
        f"  - id: {rule_id}\n"
        f"    name: rule-{rule_id.lower()}\n"
        f"    severity: {severity}\n"
        f"    message: {rule_id} says no.\n"
        f"    what: What {rule_id} checks.\n"
        f"    why: Why {rule_id} matters.\n"
        f"    bad: {json.dumps(bad)}\n"
        f"    good: {json.dumps(good)}\n"
        f"{when_line}"
        f"    schema: {{{schema}}}\n"
    )


def write_pack(tmp_path: Path, text: str, name: str = "team-pack.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def found(request: dict[str, Any], pack: str) -> list[tuple[str, str]]:
    """(rule, path) of every finding of ``request`` linted with the pack file ``pack``."""
    return [(f.rule, f.path) for f in lint(request, policies=[pack]).findings]


# ---------------------------------------------------------------------------------------
# The first paragraph, each example as a user-written pack, failing and passing.

DEV_PROJECT = "6b0d4a52-5b6e-4a8c-9f0e-2d1c3b4a5f60"
CHARGING = {"charging_mode": "POST_PAID", "period_num": 1, "period_type": "MONTH"}


def test_only_these_flavors(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text("TEAM001", "flavor: {allowed: [s7.small.1, s7.large.2]}, resource_flavor: {readonly: true}")
        ),
    )
    assert found(merge(valid(), {"flavor": "p2.8xlarge"}), pack) == [("TEAM001", "flavor")]
    assert found(merge(valid(), {"flavor": None, "resource_flavor": "pool.8xlarge"}), pack) == [
        ("TEAM001", "resource_flavor")
    ]
    assert found(merge(valid(), {"flavor": "s7.large.2"}), pack) == []


def test_only_post_paid_in_the_dev_project(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM002",
                schema="charging_info: {required: true, schema: {charging_mode: {allowed: [POST_PAID]}}}",
                when=f"enterprise_project_id: {{allowed: [{DEV_PROJECT}]}}",
                bad=f"enterprise_project_id: {DEV_PROJECT}",
                good="enterprise_project_id: prod",
            )
        ),
    )
    dev = merge(valid(), {"enterprise_project_id": DEV_PROJECT, "charging_info": CHARGING})
    prepaid = {"charging_info": {"charging_mode": "PRE_PAID"}}
    assert found(merge(dev, prepaid), pack) == [("TEAM002", "charging_info.charging_mode")]
    assert found(merge(dev, {"charging_info": None}), pack) == [("TEAM002", "charging_info")]
    assert found(dev, pack) == []
    # Outside the dev project (or with no project at all) the rule does not apply.
    assert found(merge(dev, {"enterprise_project_id": "prod", **prepaid}), pack) == []
    assert found(merge(dev, {"enterprise_project_id": None, **prepaid}), pack) == []


def test_team_names(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text("TEAM003", "name: {regex: '^team-[a-z0-9-]+$'}", bad="name: server_test", good="name: team-a")
        ),
    )
    for name in ("server_test", "team-", "Team-a", "team-A", "team_a", "xteam-a"):
        assert found(merge(valid(), {"name": name}), pack) == [("TEAM003", "name")], name
    for name in ("team-a", "team-vision-01", "team-0"):
        assert found(merge(valid(), {"name": name}), pack) == [], name


def test_key_pairs_only(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM004",
                "admin_pass: {readonly: true}",
                bad="{key_pair_name: null, admin_pass: Secure-Pass1}",
                good="key_pair_name: my-key",
            )
        ),
    )
    assert found(merge(valid(), {"key_pair_name": None, "admin_pass": "Secure-Pass1"}), pack) == [
        ("TEAM004", "admin_pass")
    ]
    assert found(valid(), pack) == []


def test_root_disk_at_least_200_gb(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM005",
                "root_volume: {required: true, schema: {size: {required: true, min: 200}}}",
                bad="root_volume: {size: 100}",
                good="root_volume: {size: 200}",
            )
        ),
    )
    assert found(merge(valid(), {"root_volume": {"size": 199}}), pack) == [("TEAM005", "root_volume.size")]
    assert found(merge(valid(), {"root_volume": {"type": "SSD"}}), pack) == [("TEAM005", "root_volume.size")]
    assert found(valid(), pack) == [("TEAM005", "root_volume")]
    assert found(merge(valid(), {"root_volume": {"size": 200}}), pack) == []
    # A size the contract rejects is the contract's finding, not the policy's too.
    assert found(merge(valid(), {"root_volume": {"size": "big"}}), pack) == [("LS103", "root_volume.size")]
    # A quoted number is the contract's warning; the policy sees the number.
    assert found(merge(valid(), {"root_volume": {"size": "150"}}), pack) == [
        ("LS104", "root_volume.size"),
        ("TEAM005", "root_volume.size"),
    ]


def test_data_disks_only_essd_or_gpssd(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM006",
                "data_volume: {schema: {type: {allowed: [ESSD, GPSSD]}}}",
                bad="data_volume: {type: SAS, size: 100, count: 1}",
                good="data_volume: {type: ESSD, size: 100, count: 1}",
            )
        ),
    )
    disks = {"size": 500, "count": 2}
    for kind in ("SAS", "SATA", "SSD"):
        assert found(merge(valid(), {"data_volume": {"type": kind, **disks}}), pack) == [
            ("TEAM006", "data_volume.type")
        ]
    for kind in ("ESSD", "GPSSD"):
        assert found(merge(valid(), {"data_volume": {"type": kind, **disks}}), pack) == []
    assert found(valid(), pack) == []  # no data disks: nothing to check


def test_at_most_4_servers(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, pack_text(rule_text("TEAM007", "count: {max: 4}", bad="count: 5", good="count: 4")))
    assert found(merge(valid(), {"count": 5}), pack) == [("TEAM007", "count")]
    assert found(merge(valid(), {"count": 11}), pack) == [("LS107", "count"), ("TEAM007", "count")]
    assert found(merge(valid(), {"count": 4}), pack) == []
    assert found(valid(), pack) == []


def test_when_needs_its_fields_unless_told_otherwise(tmp_path: Path) -> None:
    """``when: {server_type: {allowed: [HPS]}}`` means "when it is HPS", not "when it is HPS or absent"."""
    hps_only = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM008",
                "availability_zone: {required: true}",
                when="server_type: {allowed: [HPS]}",
                bad="{server_type: HPS, hps_cluster_id: 2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b}",
                good="server_type: ECS",
            )
        ),
        "hps.yaml",
    )
    hps = merge(valid(), {"server_type": "HPS", "hps_cluster_id": "2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b"})
    assert found(hps, hps_only) == [("TEAM008", "availability_zone")]
    assert found(valid(), hps_only) == []
    not_hps = write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM009",
                "availability_zone: {required: true}",
                when="server_type: {forbidden: [HPS], required: false}",
                bad="server_type: ECS",
                good="availability_zone: az1",
            )
        ),
        "not-hps.yaml",
    )
    assert found(valid(), not_hps) == [("TEAM009", "availability_zone")]
    assert found(hps, not_hps) == []


# ---------------------------------------------------------------------------------------
# Findings: positions, severities, no values, and the same machinery as the built-in rules.

SPEC = """\
name: server_test
flavor: s7.small.1
image_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0
admin_pass: Secret-Value-42
network:
  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742
  subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54
  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172
root_volume:
  size: 150
"""


@pytest.fixture
def team_pack(tmp_path: Path) -> str:
    return write_pack(
        tmp_path,
        pack_text(
            rule_text(
                "TEAM001",
                "admin_pass: {readonly: true, regex: 'x'}",
                bad="admin_pass: Abc-1234x",
                good="admin_pass: null",
                severity="warning",
            ),
            rule_text(
                "TEAM002",
                "root_volume: {schema: {size: {min: 200}}}",
                bad="root_volume: {size: 100}",
                good="root_volume: {size: 200}",
            ),
        ),
    )


def test_file_findings_have_positions_and_the_packs_message(tmp_path: Path, team_pack: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    report = lint_file(str(spec), policies=[team_pack])
    assert [(f.rule, f.severity, f.path, f.line, f.column, f.message) for f in report.findings] == [
        ("TEAM001", Severity.WARNING, "admin_pass", 4, 13, "TEAM001 says no."),
        ("TEAM002", Severity.ERROR, "root_volume.size", 10, 9, "TEAM002 says no."),
    ]


def test_findings_never_echo_a_value(tmp_path: Path, team_pack: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--policy", team_pack, str(spec)])
    assert result.exit_code == 1
    assert "Secret-Value-42" not in result.output
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["TEAM001", "TEAM002"]


def test_select_ignore_and_severity_overrides_apply_to_pack_rules(team_pack: str) -> None:
    request = merge(valid(), {"root_volume": {"size": 150}})
    rules = load_rules([team_pack])
    assert [f.rule for f in Linter(Options(extra_rules=rules, ignore=("TEAM",))).lint(request).findings] == []
    assert [f.rule for f in Linter(Options(extra_rules=rules, select=("TEAM002",))).lint(request).findings] == [
        "TEAM002"
    ]
    demoted = Linter(Options(extra_rules=rules, severity={"TEAM002": Severity.INFO})).lint(request)
    assert [(f.rule, f.severity) for f in demoted.findings] == [("TEAM002", Severity.INFO)]


def test_check_cli_with_shipped_and_user_packs(tmp_path: Path, team_pack: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--policy", "recommended", "--policy", team_pack, "--ignore", "REC00", str(spec)]
    )
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{spec}:4:13: TEAM001 [warning] TEAM001 says no.",
        f"{spec}:10:9: TEAM002 [error] TEAM002 says no.",
        "Found 1 error, 1 warning, 0 notes (1 file, 1 document).",
    ]
    # The recommended pack finds the password and the unstated settings.
    result = CliRunner().invoke(cli, ["check", "--policy", "recommended", "--select", "REC", str(spec)])
    assert [line.split(": ")[1].split()[0] for line in result.output.splitlines()[:-1]] == [
        "REC002",
        "REC004",
        "REC005",
        "REC006",
        "REC001",
        "REC003",
    ]


def test_rules_and_explain_know_pack_rules(team_pack: str) -> None:
    listed = CliRunner().invoke(cli, ["rules", "--format", "json", "--policy", team_pack])
    entry = next(r for r in json.loads(listed.output) if r["id"] == "TEAM002")
    assert entry == {
        "id": "TEAM002",
        "name": "rule-team002",
        "severity": "error",
        "message": "TEAM002 says no.",
        "fixable": False,
        "source": "policy pack 'team'",
        "pack": "team",
    }
    explained = CliRunner().invoke(cli, ["explain", "TEAM002", "--policy", team_pack])
    assert explained.exit_code == 0
    assert explained.output.startswith("# TEAM002 rule-team002 [error]\n\nTEAM002 says no.\n")
    assert (
        "## Example that fails (merged into a valid request; `null` removes a field)\n```yaml\nroot_volume: {size: 100}\n```"
        in explained.output
    )
    # Shipped packs' rules are explained without --policy.
    assert CliRunner().invoke(cli, ["explain", "ORG003"]).output.startswith("# ORG003 team-name [error]")
    assert CliRunner().invoke(cli, ["explain", "TEAM002"]).exit_code == 2


def test_lint_with_policies_from_python() -> None:
    request = merge(valid(), {"key_pair_name": None, "admin_pass": "Secure-Pass1"})
    assert lint(request).ok
    assert [f.rule for f in lint(request, policies=["example-org"]).findings] == ["ORG003", "ORG004", "ORG005"]
    assert [f.rule for f in lint(request, Options(select=("ORG004",)), policies=["example-org"]).findings] == ["ORG004"]


# ---------------------------------------------------------------------------------------
# Malformed packs: a one-line error naming the pack file, the rule and the problem.


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (rule_text("LS901"), "team-pack.yaml:4: rule LS901: the ID LS901 is in the LS namespace"),
        (
            rule_text("ORG1"),
            "team-pack.yaml:4: rule ORG1: 'id' of the rule must be capitals and digits ending in three digits",
        ),
        (
            rule_text(schema="flavor: {allowd: [s7.small.1]}"),
            "team-pack.yaml:4: rule TEAM001: 'schema.flavor': unknown cerberus rule 'allowd'; did you mean 'allowed'?",
        ),
        (
            rule_text(schema="flavour: {allowed: [s7.small.1]}"),
            "team-pack.yaml:4: rule TEAM001: 'schema.flavour': 'flavour' is not a field of the request here; did you mean 'flavor'?",
        ),
        (
            rule_text(schema="root_volume: {schema: {root_type: {allowed: [SSD]}}}"),
            "rule TEAM001: 'schema.root_volume.root_type': 'root_type' is not a field of the request here",
        ),
        (
            rule_text(schema="flavor: {allowed: s7.small.1}"),
            "rule TEAM001: 'schema.flavor.allowed': must be of container type",
        ),
        (rule_text(schema="flavor: {regex: '[a-'}"), "rule TEAM001: 'schema.flavor': the regex does not compile"),
        (
            rule_text(schema="count: {type: string}"),
            "rule TEAM001: 'schema.count': the contract says this field is an integer; a pack cannot change its type",
        ),
        (rule_text(schema="flavor: {default: s7.small.1}"), "'default' is a cerberus normalisation rule"),
        (rule_text(schema="flavor: {check_with: is_ok}"), "'check_with' needs Python code"),
        (rule_text(schema="flavor: {excludes: flavour}"), "excludes names 'flavour', which is not a field"),
        (
            rule_text(schema="flavor: {dependencies: 3}"),
            "rule TEAM001: cerberus cannot evaluate the rule (AttributeError)",
        ),
        (rule_text(when="flavor: {allowd: [x]}"), "rule TEAM001: 'when.flavor': unknown cerberus rule 'allowd'"),
        (rule_text(severity="fatal"), "rule TEAM001: 'severity' must be one of error, warning, info, not 'fatal'"),
        (rule_text(bad="[not, a, mapping]"), "rule TEAM001: 'bad' must be a YAML mapping of request fields"),
        (rule_text() + rule_text(), "team-pack.yaml:13: rule TEAM001: duplicate rule ID TEAM001 in this pack"),
        (rule_text().replace("    why:", "    wy:"), "rule TEAM001: unknown key 'wy' in the rule; did you mean 'why'?"),
        (rule_text().replace("    message: TEAM001 says no.\n", ""), "rule TEAM001: the rule has no 'message'"),
        ("  - just a string\n", "team-pack.yaml:4: rule #1: a rule is a mapping"),
    ],
)
def test_malformed_pack_names_file_rule_and_problem(tmp_path: Path, rules: str, expected: str) -> None:
    path = write_pack(tmp_path, pack_text(rules))
    with pytest.raises(PolicyError) as raised:
        load_pack(path)
    assert expected in str(raised.value)
    assert str(raised.value).startswith(path)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: team\ndescription: d\nrules: [\n", "team-pack.yaml:4: not a valid pack file: YAML syntax error"),
        (
            "name: team\nname: other\ndescription: d\nrules: []\n",
            "team-pack.yaml:2: not a valid pack file: the key appears twice",
        ),
        ("- a list\n", "team-pack.yaml: a pack is a mapping with name, description and rules"),
        ("name: team\ndescription: d\n", "team-pack.yaml: the pack has no 'rules'"),
        (
            "name: Team Pack\ndescription: d\nrules: []\n",
            "'name' of the pack must be lowercase letters, digits and '-'",
        ),
        ("name: team\ndescription: d\nrules: []\n", "team-pack.yaml: 'rules' must be a non-empty list of rules"),
        ("name: team\ndescription: d\nrules: [x]\nextra: 1\n", "unknown key 'extra' in the pack"),
        ("name: !!python/object/apply:os.system [id]\ndescription: d\nrules: []\n", "not a valid pack file"),
    ],
)
def test_malformed_pack_file(tmp_path: Path, text: str, expected: str) -> None:
    path = write_pack(tmp_path, text)
    with pytest.raises(PolicyError, match=None) as raised:
        load_pack(path)
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_duplicate_ids_across_packs_and_unknown_names(tmp_path: Path) -> None:
    first = write_pack(tmp_path, pack_text(rule_text("TEAM001")), "first.yaml")
    second = write_pack(tmp_path, pack_text(rule_text("TEAM001"), name="other"), "second.yaml")
    with pytest.raises(PolicyError, match=r"second.yaml: rule TEAM001: the ID is also used by pack 'team'"):
        load_rules([first, second])
    assert len(load_rules([first, first])) == 1  # the same file twice counts once
    with pytest.raises(PolicyError, match=r"unknown policy pack 'recomended'; shipped packs: example-org, recommended"):
        load_rules(["recomended"])
    with pytest.raises(PolicyError, match=r"missing.yaml: cannot read the pack: no such file"):
        load_rules([str(tmp_path / "missing.yaml")])


def test_cli_turns_a_bad_pack_into_a_usage_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, pack_text(rule_text("LS901")))
    for args in (
        ["check", "--policy", path, "spec.yaml"],
        ["rules", "--policy", path],
        ["explain", "LS201", "--policy", path],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert result.output.startswith(f"Error: {path}:4: rule LS901: the ID LS901 is in the LS namespace")
        assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_a_pack_rule_that_cannot_run_is_a_finding_not_a_crash() -> None:
    """cerberus can fail on a request a pack's examples never showed; the lint run goes on."""
    pack = parse_pack(pack_text(rule_text(schema="flavor: {allowed: [s7.small.1], regex: 's7.*'}")), "team.yaml")
    rule = pack.rules[0]
    broken = type(rule.check)(rule.id, None)  # a validator that raises (None has no validate)
    problems = list(broken(valid()))
    assert [(p.rule, p.path, p.message) for p in problems] == [
        ("TEAM001", (), "policy rule TEAM001 could not be evaluated (AttributeError); check the pack")
    ]


# ---------------------------------------------------------------------------------------
# The shipped packs and their test runner.


def test_shipped_packs_are_yaml_only_and_named_after_their_files() -> None:
    packs = shipped()
    assert set(packs) >= {"recommended", "example-org"}
    rules_dir = Path(__file__).resolve().parent.parent / "rules"
    assert not [p for p in rules_dir.rglob("*") if p.is_file() and p.suffix != ".yaml"]
    for name in packs:
        pack = load_pack(name)
        assert pack.name == name
        assert all(rule.pack == name and not rule.id.startswith("LS") for rule in pack.rules)


@pytest.mark.parametrize("name", sorted(shipped()))
def test_shipped_pack_passes_its_tests(name: str) -> None:
    from liteserver_lint import packtest

    outcomes = packtest.run(name)
    assert [o for o in outcomes if not o.ok] == []
    assert len([o for o in outcomes if o.check.startswith("case")]) >= 10


def test_the_runner_catches_a_wrong_expectation_and_a_wrong_example(tmp_path: Path) -> None:
    from liteserver_lint import packtest

    pack = write_pack(
        tmp_path,
        pack_text(
            rule_text("TEAM001", "count: {max: 4}", bad="count: 3", good="count: 4"),  # a bad example that passes
            rule_text("TEAM002", "arch: {required: true}", bad="arch: null", good="arch: X86"),
        ),
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "team-pack.yaml").write_text(
        yaml.safe_dump(
            {
                "pack": "team",
                "base": {**valid(), "arch": "ARM"},
                "cases": [
                    {"name": "clean", "request": {}, "expect": []},
                    {"name": "five", "request": {"count": 5}, "expect": ["TEAM001"]},
                    {"name": "wrong", "request": {"arch": None}, "expect": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    failures = [(o.check, o.detail) for o in packtest.run(pack) if not o.ok]
    assert failures == [
        ("TEAM001 bad example", "does not trigger TEAM001"),
        ("case 'wrong'", "expected [], got [TEAM002]"),
        ("TEAM002 has a failing case", "no case expects it"),
    ]
    result = CliRunner().invoke(cli, ["policy", "test", pack])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"{pack}: 7 of 10 checks passed"


def test_policy_test_cli_on_shipped_packs_and_missing_suites(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["policy", "test"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["example-org: 46 of 46 checks passed", "recommended: 41 of 41 checks passed"]
    lonely = write_pack(tmp_path, pack_text(rule_text()))
    result = CliRunner().invoke(cli, ["policy", "test", lonely])
    assert result.exit_code == 2
    assert "tests/team-pack.yaml: cannot read the pack's test cases: no such file" in result.output


# ---------------------------------------------------------------------------------------
# Shipped packs on any request the strategies make: they run, and stay off wrong-typed fields.

SHIPPED = Linter(Options(extra_rules=load_rules(sorted(shipped()))))


@pytest.mark.parametrize("rule", sorted(SUPPORTED))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_shipped_packs_run_on_any_request(rule: str, data: st.DataObject) -> None:
    findings = SHIPPED.lint(data.draw(invalid_requests(rule))).findings
    assert not [f for f in findings if "could not be evaluated" in f.message]
    wrong_type = {f.path for f in findings if f.rule == "LS103"}
    assert not [f for f in findings if f.rule[:2] in ("RE", "OR") and f.path in wrong_type]
