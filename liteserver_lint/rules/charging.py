"""Charging: settings that are valid field by field but make no sense together (SEED t3)."""

from __future__ import annotations

from typing import Any, Iterator

from ..findings import Problem, Severity
from ..rule import Rule


def check_auto_renew_post_paid(request: dict[str, Any]) -> Iterator[Problem]:
    """is_auto_renew: true with charging_mode POST_PAID."""
    info = request.get("charging_info")
    if isinstance(info, dict) and info.get("charging_mode") == "POST_PAID" and info.get("is_auto_renew") is True:
        yield AUTO_RENEW_POST_PAID.problem(("charging_info", "is_auto_renew"))


_INFO = """\
charging_info:
  charging_mode: POST_PAID
  period_num: 1
  period_type: MONTH
"""

AUTO_RENEW_POST_PAID = Rule(
    "LS601", "auto-renew-post-paid", Severity.WARNING,
    "is_auto_renew has no effect with POST_PAID (pay-per-use); remove it or switch to PRE_PAID.",
    what="`charging_info.is_auto_renew: true` with `charging_mode: POST_PAID`.",
    why="Only a prepaid (yearly/monthly) period renews; the flag suggests the wrong billing mode was chosen.",
    bad=_INFO + "  is_auto_renew: true", good=_INFO, source="SEED table 3",
    check=check_auto_renew_post_paid,
)

RULES: tuple[Rule, ...] = (AUTO_RENEW_POST_PAID,)
