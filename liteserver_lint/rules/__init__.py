"""The semantic rule modules, one per concern; each exports ``RULES``.

Disks and enums need no module: their facts (ranges, required fields, allowed values) are
plain schema facts, owned by :mod:`liteserver_lint.contract` and reported by the LS1xx rules.
"""

from __future__ import annotations

from ..rule import Rule
from . import charging, credentials, flavor, network, supernode, user_data

RULES: tuple[Rule, ...] = (
    *credentials.RULES,
    *supernode.RULES,
    *flavor.RULES,
    *charging.RULES,
    *network.RULES,
    *user_data.RULES,
)
