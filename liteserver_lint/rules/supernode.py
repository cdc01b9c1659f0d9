"""Supernodes (server_type HPS): key pairs only, hps_cluster_id required, no count (SEED t2; SDK)."""

from __future__ import annotations

from typing import Any, Iterator

from ..findings import Problem, Severity
from ..rule import Rule


def _is_hps(request: dict[str, Any]) -> bool:
    return request.get("server_type") == "HPS"


def check_hps_password(request: dict[str, Any]) -> Iterator[Problem]:
    """A supernode with admin_pass and no key pair (with both, credential-conflict says to remove it)."""
    if _is_hps(request) and "admin_pass" in request and "key_pair_name" not in request:
        yield HPS_PASSWORD.problem(("admin_pass",))


def check_hps_cluster_missing(request: dict[str, Any]) -> Iterator[Problem]:
    """A supernode without hps_cluster_id."""
    if _is_hps(request) and "hps_cluster_id" not in request:
        yield HPS_CLUSTER_MISSING.problem(("hps_cluster_id",))


def check_hps_cluster_without_hps(request: dict[str, Any]) -> Iterator[Problem]:
    """hps_cluster_id in a request that is not a supernode."""
    if "hps_cluster_id" in request and not _is_hps(request):
        yield HPS_CLUSTER_WITHOUT_HPS.problem(("hps_cluster_id",))


def check_hps_count(request: dict[str, Any]) -> Iterator[Problem]:
    """count in a supernode request."""
    if _is_hps(request) and "count" in request:
        yield HPS_COUNT.problem(("count",))


_HPS = """\
server_type: HPS
hps_cluster_id: 2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b
"""

HPS_PASSWORD = Rule(
    "LS301", "hps-password", Severity.ERROR,
    "A supernode (server_type HPS) accepts only key_pair_name; replace admin_pass with a key pair.",
    what="`admin_pass` in a request with `server_type: HPS`.",
    why="Supernodes support only key pair login (SEED table 2, key_pair_name).",
    bad=_HPS + "key_pair_name: null\nadmin_pass: Secure-Pass1", good=_HPS, source="SEED table 2",
    check=check_hps_password,
)
HPS_CLUSTER_MISSING = Rule(
    "LS302", "hps-cluster-id-missing", Severity.ERROR,
    "A supernode (server_type HPS) needs hps_cluster_id; add the supernode cluster's ID.",
    what="`server_type: HPS` without `hps_cluster_id`.",
    why="hps_cluster_id is required for creating a supernode (SEED table 2).",
    bad="server_type: HPS", good=_HPS, source="SEED table 2; SDK", check=check_hps_cluster_missing,
)
HPS_CLUSTER_WITHOUT_HPS = Rule(
    "LS303", "hps-cluster-id-without-hps", Severity.ERROR,
    "hps_cluster_id is only for supernodes; set server_type: HPS or remove hps_cluster_id.",
    what="`hps_cluster_id` in a request whose `server_type` is not `HPS` (or is not given).",
    why="The field is required only for a supernode; elsewhere it signals the wrong server type.",
    bad="hps_cluster_id: 2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b", good=_HPS, source="SEED table 2; SDK",
    check=check_hps_cluster_without_hps,
)
HPS_COUNT = Rule(
    "LS304", "hps-count", Severity.ERROR,
    "count is not allowed for a supernode (server_type HPS); remove it.",
    what="`count` in a request with `server_type: HPS`, whatever its value.",
    why="A supernode is created one at a time (SDK).",
    bad=_HPS + "count: 1", good=_HPS, source="SDK", check=check_hps_count,
)

RULES: tuple[Rule, ...] = (HPS_PASSWORD, HPS_CLUSTER_MISSING, HPS_CLUSTER_WITHOUT_HPS, HPS_COUNT)
