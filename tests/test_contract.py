"""Every row of CONTRACT.md, tied to the rule that enforces it, with a failing and a passing request.

Each row names the contract's wording, a fragment merged into a valid request that breaks it,
the (rule, path) expected, and a fragment that satisfies it.  Removing a rule makes its rows
fail; a rule that no row names fails ``test_every_rule_enforces_a_contract_row``.
"""

from __future__ import annotations

from typing import Any

import pytest

from liteserver_lint import lint
from liteserver_lint.engine import BUILTIN_RULES

from .conftest import merge, valid

UUID = "2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b"
B64 = "IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo="
CHARGING = {"charging_mode": "POST_PAID", "period_num": 1, "period_type": "MONTH"}
DATA = {"type": "SSD", "size": 100, "count": 1}
HPS = {"server_type": "HPS", "hps_cluster_id": UUID}


def pairs(address: str) -> dict[str, Any]:
    return {"network": {"allowed_address_pairs": [{"ip_address": address}]}}


# (contract row, bad fragment, (rule, path), good fragment)
ROWS: list[tuple[str, dict[str, Any], tuple[str, str], dict[str, Any]]] = [
    # Fields table
    ("name: required", {"name": None}, ("LS101", "name"), {}),
    ("name: 1-64 chars", {"name": "n" * 65}, ("LS106", "name"), {"name": "n" * 64}),
    ("name: A-Z a-z 0-9 . _ -", {"name": "my server"}, ("LS108", "name"), {"name": "my-server_1.a"}),
    ("name: no trailing newline", {"name": "server\n"}, ("LS108", "name"), {"name": "server"}),
    ("flavor: exactly one of flavor / resource_flavor (neither)", {"flavor": None}, ("LS401", "flavor"), {}),
    ("flavor: exactly one of flavor / resource_flavor (both)", {"resource_flavor": "pool.x"},
     ("LS402", "resource_flavor"), {}),
    ("flavor: 1-128 chars", {"flavor": "f" * 129}, ("LS106", "flavor"), {"flavor": "f" * 128}),
    ("resource_flavor: 1-256 chars", {"flavor": None, "resource_flavor": "r" * 257}, ("LS106", "resource_flavor"),
     {"flavor": None, "resource_flavor": "r" * 256}),
    ("resource_flavor: name characters", {"flavor": None, "resource_flavor": "pool/x"}, ("LS108", "resource_flavor"),
     {"flavor": None, "resource_flavor": "pool.x"}),
    ("image_id: required", {"image_id": None}, ("LS101", "image_id"), {}),
    ("image_id: UUID", {"image_id": "e16eff65-1899-446e-baf2"}, ("LS108", "image_id"), {"image_id": UUID.upper()}),
    ("network: required", {"network": None}, ("LS101", "network"), {}),
    ("admin_pass / key_pair_name: neither", {"key_pair_name": None}, ("LS201", "key_pair_name"), {}),
    ("admin_pass / key_pair_name: both", {"admin_pass": "Secure-Pass1"}, ("LS202", "admin_pass"), {}),
    ("admin_pass: null beside key_pair_name is not a conflict", {"admin_pass": "Secure-Pass1"},
     ("LS202", "admin_pass"), {"admin_pass": None}),
    ("key_pair_name: 1-64 chars", {"key_pair_name": "k" * 65}, ("LS106", "key_pair_name"), {"key_pair_name": "k" * 64}),
    ("key_pair_name: name characters", {"key_pair_name": "key pair"}, ("LS108", "key_pair_name"), {"key_pair_name": "kp"}),
    ("arch: ARM, X86", {"arch": "AMD64"}, ("LS105", "arch"), {"arch": "ARM"}),
    ("availability_zone: 1-256 chars", {"availability_zone": ""}, ("LS106", "availability_zone"),
     {"availability_zone": "cn-north-4a"}),
    ("availability_zone: name characters", {"availability_zone": "cn north"}, ("LS108", "availability_zone"),
     {"availability_zone": "cn-north-4a"}),
    ("count: 1-10 (low)", {"count": 0}, ("LS107", "count"), {"count": 1}),
    ("count: 1-10 (high)", {"count": 11}, ("LS107", "count"), {"count": 10}),
    ("count: not allowed for HPS", {**HPS, "count": 1}, ("LS304", "count"), HPS),
    ("enterprise_project_id: 1-36 chars", {"enterprise_project_id": "e" * 37}, ("LS106", "enterprise_project_id"),
     {"enterprise_project_id": "0"}),
    ("enterprise_project_id: name characters", {"enterprise_project_id": "a b"}, ("LS108", "enterprise_project_id"),
     {"enterprise_project_id": UUID}),
    ("data_volume: one object, not a list", {"data_volume": [DATA]}, ("LS103", "data_volume"), {"data_volume": DATA}),
    ("server_type: BMS, ECS, HPS", {"server_type": "VM"}, ("LS105", "server_type"), {"server_type": "BMS"}),
    ("user_data: base64", {"user_data": "#!/bin/bash"}, ("LS802", "user_data"), {"user_data": B64}),
    ("userdata: base64 (the SEED's spelling)", {"userdata": "not base64!"}, ("LS802", "userdata"), {"userdata": B64}),
    ("user_data: base64 with line breaks is fine", {"user_data": "IyEv\nYmlu=="}, ("LS802", "user_data"),
     {"user_data": B64[:12] + "\n" + B64[12:]}),
    ("user_data: at most 32 KiB decoded", {"user_data": "QUFB" * 10923}, ("LS803", "user_data"),
     {"user_data": "QUFB" * 10922}),
    ("user_data: both spellings is an error", {"user_data": B64, "userdata": B64}, ("LS801", "userdata"),
     {"user_data": B64}),
    ("user_data: empty string is a warning", {"user_data": ""}, ("LS804", "user_data"), {"user_data": B64}),
    ("hps_cluster_id: required for HPS", {"server_type": "HPS"}, ("LS302", "hps_cluster_id"), HPS),
    ("hps_cluster_id: an error without HPS", {"hps_cluster_id": UUID}, ("LS303", "hps_cluster_id"), {}),
    ("hps_cluster_id: UUID", {**HPS, "hps_cluster_id": "cluster-1"}, ("LS108", "hps_cluster_id"), HPS),
    # ServerNetwork
    ("network.security_group_id: required", {"network": {"security_group_id": None}},
     ("LS101", "network.security_group_id"), {}),
    ("network.subnet_id: required", {"network": {"subnet_id": None}}, ("LS101", "network.subnet_id"), {}),
    ("network.vpc_id: required", {"network": {"vpc_id": None}}, ("LS101", "network.vpc_id"), {}),
    ("network.vpc_id: UUID", {"network": {"vpc_id": "vpc-1"}}, ("LS108", "network.vpc_id"), {}),
    ("network.ipv6_enable: boolean", {"network": {"ipv6_enable": "yes"}}, ("LS103", "network.ipv6_enable"),
     {"network": {"ipv6_enable": True}}),
    ("network.roce_id: UUID", {"network": {"roce_id": "roce"}}, ("LS108", "network.roce_id"),
     {"network": {"roce_id": UUID}}),
    ("allowed_address_pairs: ip_address required", {"network": {"allowed_address_pairs": [{"mac_address": "fa:16"}]}},
     ("LS101", "network.allowed_address_pairs[0].ip_address"), pairs("192.168.0.10")),
    ("allowed_address_pairs: an IP or CIDR", pairs("192.168.0.300"),
     ("LS701", "network.allowed_address_pairs[0].ip_address"), pairs("192.168.0.30")),
    ("allowed_address_pairs: never 0.0.0.0/0", pairs("0.0.0.0/0"),
     ("LS702", "network.allowed_address_pairs[0].ip_address"), pairs("192.168.0.0/24")),
    ("allowed_address_pairs: never ::/0", pairs("::/0"),
     ("LS702", "network.allowed_address_pairs[0].ip_address"), pairs("fd00::/64")),
    ("allowed_address_pairs: 1.1.1.1/0 is a warning", pairs("1.1.1.1/0"),
     ("LS703", "network.allowed_address_pairs[0].ip_address"), pairs("1.1.1.1/32")),
    ("allowed_address_pairs: shorter than /24 is a note", pairs("10.0.0.0/23"),
     ("LS704", "network.allowed_address_pairs[0].ip_address"), pairs("10.0.0.0/24")),
    ("hyper_group: id required", {"network": {"hyper_group": {}}}, ("LS101", "network.hyper_group.id"),
     {"network": {"hyper_group": {"id": UUID}}}),
    ("hyper_group: id UUID", {"network": {"hyper_group": {"id": "g"}}}, ("LS108", "network.hyper_group.id"),
     {"network": {"hyper_group": {"id": UUID}}}),
    ("hyper_cluster: free text", {"network": {"hyper_cluster": {"id": 5}}}, ("LS109", "network.hyper_cluster.id"),
     {"network": {"hyper_cluster": {"id": "any text", "hyper_cluster_subnet_id": "x"}}}),
    # ChargingInfo
    ("charging_info.charging_mode: required", {"charging_info": {**CHARGING, "charging_mode": None}},
     ("LS101", "charging_info.charging_mode"), {"charging_info": CHARGING}),
    ("charging_info.charging_mode: COMMON, POST_PAID, PRE_PAID", {"charging_info": {**CHARGING, "charging_mode": "FREE"}},
     ("LS105", "charging_info.charging_mode"), {"charging_info": {**CHARGING, "charging_mode": "COMMON"}}),
    ("charging_info.period_num: required even for POST_PAID", {"charging_info": {**CHARGING, "period_num": None}},
     ("LS101", "charging_info.period_num"), {"charging_info": CHARGING}),
    ("charging_info.period_num: 1-11", {"charging_info": {**CHARGING, "period_num": 12}},
     ("LS107", "charging_info.period_num"), {"charging_info": {**CHARGING, "period_num": 11}}),
    ("charging_info.period_type: required", {"charging_info": {**CHARGING, "period_type": None}},
     ("LS101", "charging_info.period_type"), {"charging_info": CHARGING}),
    ("charging_info.period_type: enum", {"charging_info": {**CHARGING, "period_type": "FORTNIGHT"}},
     ("LS105", "charging_info.period_type"), {"charging_info": {**CHARGING, "period_type": "YEAR"}}),
    ("charging_info.is_auto_pay: boolean", {"charging_info": {**CHARGING, "is_auto_pay": "true"}},
     ("LS103", "charging_info.is_auto_pay"), {"charging_info": {**CHARGING, "is_auto_pay": True}}),
    ("charging_info: is_auto_renew with POST_PAID is a warning", {"charging_info": {**CHARGING, "is_auto_renew": True}},
     ("LS601", "charging_info.is_auto_renew"), {"charging_info": {**CHARGING, "charging_mode": "PRE_PAID",
                                                                  "is_auto_renew": True}}),
    # EvsVolume, ServerDataVolume
    ("root_volume.type: enum", {"root_volume": {"type": "NVME"}}, ("LS105", "root_volume.type"),
     {"root_volume": {"type": "GPSSD"}}),
    ("root_volume.size: 100-1024 (low)", {"root_volume": {"size": 99}}, ("LS107", "root_volume.size"),
     {"root_volume": {"size": 100}}),
    ("root_volume.size: 100-1024 (high)", {"root_volume": {"size": 1025}}, ("LS107", "root_volume.size"),
     {"root_volume": {"size": 1024}}),
    ("data_volume.type: required", {"data_volume": {**DATA, "type": None}}, ("LS101", "data_volume.type"),
     {"data_volume": DATA}),
    ("data_volume.size: required", {"data_volume": {**DATA, "size": None}}, ("LS101", "data_volume.size"),
     {"data_volume": DATA}),
    ("data_volume.count: required", {"data_volume": {**DATA, "count": None}}, ("LS101", "data_volume.count"),
     {"data_volume": DATA}),
    ("data_volume.size: 100-32768", {"data_volume": {**DATA, "size": 32769}}, ("LS107", "data_volume.size"),
     {"data_volume": {**DATA, "size": 32768}}),
    ("data_volume.count: 1-8", {"data_volume": {**DATA, "count": 0}}, ("LS107", "data_volume.count"),
     {"data_volume": {**DATA, "count": 8}}),
    ("data_volume.type: enum", {"data_volume": {**DATA, "type": "ssd"}}, ("LS105", "data_volume.type"),
     {"data_volume": {**DATA, "type": "SATA"}}),
    # Password rules
    ("admin_pass: 8 to 26 characters", {"key_pair_name": None, "admin_pass": "Ab1-" + "x" * 23},
     ("LS203", "admin_pass"), {"key_pair_name": None, "admin_pass": "Ab1-" + "x" * 22}),
    ("admin_pass: three of four classes", {"key_pair_name": None, "admin_pass": "abcdefgh12"},
     ("LS204", "admin_pass"), {"key_pair_name": None, "admin_pass": "abcdefgh1A"}),
    ("admin_pass: only letters, digits and the SEED's specials", {"key_pair_name": None, "admin_pass": "Abcdef#12"},
     ("LS205", "admin_pass"), {"key_pair_name": None, "admin_pass": "Abcdef%12"}),
    ("admin_pass: non-ASCII is not allowed", {"key_pair_name": None, "admin_pass": "Abcdéf-12"},
     ("LS205", "admin_pass"), {"key_pair_name": None, "admin_pass": "Abcdef-12"}),
    ("admin_pass: no root", {"key_pair_name": None, "admin_pass": "MyROOT-pw1"}, ("LS206", "admin_pass"),
     {"key_pair_name": None, "admin_pass": "MyRoo-pw1t"}),
    ("admin_pass: no toor", {"key_pair_name": None, "admin_pass": "xToor-pw12"}, ("LS206", "admin_pass"),
     {"key_pair_name": None, "admin_pass": "xTor-pw12o"}),
    ("admin_pass: no administrator", {"key_pair_name": None, "admin_pass": "Administrator1"},
     ("LS206", "admin_pass"), {"key_pair_name": None, "admin_pass": "Admin-istr1"}),
    ("admin_pass: no rotartsinimda", {"key_pair_name": None, "admin_pass": "rotartsinimdA1"},
     ("LS206", "admin_pass"), {"key_pair_name": None, "admin_pass": "rotartsinimA1"}),
    ("admin_pass: $ and ^ are a warning", {"key_pair_name": None, "admin_pass": "Abcdef^12"},
     ("LS207", "admin_pass"), {"key_pair_name": None, "admin_pass": "Abcdef=12"}),
    # Cross-field
    ("HPS: key_pair_name only", {**HPS, "key_pair_name": None, "admin_pass": "Secure-Pass1"},
     ("LS301", "admin_pass"), HPS),
    # Types and spellings
    ("unknown fields at the top level", {"flavour": "x"}, ("LS102", "flavour"), {}),
    ("unknown fields in a block", {"root_volume": {"root_type": "SSD"}}, ("LS102", "root_volume.root_type"),
     {"root_volume": {"type": "SSD"}}),
    ("unknown fields in a list item", pairs("10.0.0.1") | {"network": {"allowed_address_pairs": [
        {"ip_address": "10.0.0.1", "ip": "x"}]}}, ("LS102", "network.allowed_address_pairs[0].ip"),
     pairs("10.0.0.1")),
    ("enum in the wrong case", {"arch": "x86"}, ("LS105", "arch"), {"arch": "X86"}),
    ("number written as a string: a warning", {"root_volume": {"size": "200"}}, ("LS104", "root_volume.size"),
     {"root_volume": {"size": 200}}),
    ("number written as a string: still range-checked", {"root_volume": {"size": "50"}}, ("LS107", "root_volume.size"),
     {"root_volume": {"size": "500"}}),
    ("number where a string is expected: a warning", {"enterprise_project_id": 0},
     ("LS109", "enterprise_project_id"), {"enterprise_project_id": "0"}),
    ("true is not an integer", {"count": True}, ("LS103", "count"), {"count": 1}),
    ("200.0 is not an integer", {"root_volume": {"size": 200.0}}, ("LS103", "root_volume.size"),
     {"root_volume": {"size": 200}}),
    ("true is not a string", {"name": True}, ("LS103", "name"), {"name": "true"}),
    ("' 200' is not a plain integer", {"root_volume": {"size": " 200"}}, ("LS103", "root_volume.size"),
     {"root_volume": {"size": 200}}),
    ("null for a required field is missing", {"network": {"vpc_id": None}}, ("LS101", "network.vpc_id"), {}),
]


def _pairs(fragment: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f.rule, f.path) for f in lint(merge(valid(), fragment)).findings}


@pytest.mark.parametrize(("row", "bad", "expected", "good"), ROWS, ids=[row[0] for row in ROWS])
def test_contract_row(row: str, bad: dict[str, Any], expected: tuple[str, str], good: dict[str, Any]) -> None:
    assert expected in _pairs(bad), row
    assert expected[0] not in {rule for rule, _ in _pairs(good)}, row


def test_every_rule_enforces_a_contract_row() -> None:
    """Each request-level rule is exercised by at least one row (file-level rules: test_loader.py)."""
    covered = {expected[0] for _, _, expected, _ in ROWS}
    request_rules = {rule.id for rule in BUILTIN_RULES if not rule.whole_file}
    assert request_rules - covered == set()
    assert covered <= request_rules


def test_the_seed_example_has_one_warning() -> None:
    """The SEED's example as a spec: no error, one warning for the numeric string."""
    seed = merge(valid(), {"root_volume": {"type": "SSD", "size": "200"}, "arch": "X86",
                           "charging_info": CHARGING})
    report = lint(seed)
    assert report.ok
    assert [(f.rule, f.path, f.severity.value) for f in report.findings] == [("LS104", "root_volume.size", "warning")]
