"""Flavors: exactly one of flavor / resource_flavor (SEED t2; SDK; Terraform ExactlyOneOf)."""

from __future__ import annotations

from typing import Any, Iterator

from ..findings import Problem, Severity
from ..rule import Rule


def check_flavor_missing(request: dict[str, Any]) -> Iterator[Problem]:
    """Neither flavor nor resource_flavor is given."""
    if "flavor" not in request and "resource_flavor" not in request:
        yield FLAVOR_MISSING.problem(("flavor",))


def check_flavor_conflict(request: dict[str, Any]) -> Iterator[Problem]:
    """Both flavor and resource_flavor are given: resource_flavor is the one pointed at."""
    if "flavor" in request and "resource_flavor" in request:
        yield FLAVOR_CONFLICT.problem(("resource_flavor",))


_SOURCE = "SEED table 2 (flavor mandatory); SDK (resource_flavor); Terraform (ExactlyOneOf)"

FLAVOR_MISSING = Rule(
    "LS401", "flavor-missing", Severity.ERROR,
    "No flavor; set flavor (or resource_flavor for a resource pool).",
    what="A request must give exactly one of `flavor` and `resource_flavor`; this one gives neither.",
    why="The API cannot pick a machine size without one.",
    bad="flavor: null", good="flavor: s7.small.1", source=_SOURCE, check=check_flavor_missing,
)
FLAVOR_CONFLICT = Rule(
    "LS402", "flavor-conflict", Severity.ERROR,
    "Both flavor and resource_flavor are set; keep only one.",
    what="`flavor` and `resource_flavor` together.",
    why="Only one size can apply; the API (and Terraform's ExactlyOneOf) reject both.",
    bad="resource_flavor: pool-flavor.8xlarge", good="resource_flavor: null", source=_SOURCE,
    check=check_flavor_conflict,
)

RULES: tuple[Rule, ...] = (FLAVOR_MISSING, FLAVOR_CONFLICT)
