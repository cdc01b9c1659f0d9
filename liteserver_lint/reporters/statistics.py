"""``--statistics``: how many findings each rule has, most frequent first (as ``ruff --statistics``)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass

from ..findings import Report
from . import Context
from .text import summary


@dataclass(frozen=True)
class Statistic:
    """One rule's count; ``fixable`` when --fix can fix at least one of its findings."""

    rule: str
    name: str
    count: int
    fixable: bool


def statistics(report: Report) -> list[Statistic]:
    """Counts per rule, most frequent first, then by rule ID."""
    counts = Counter(f.rule for f in report.findings)
    names = {f.rule: f.name for f in report.findings}
    fixable = {f.rule for f in report.findings if f.replacement is not None}
    rows = [Statistic(rule, names[rule], count, rule in fixable) for rule, count in counts.items()]
    return sorted(rows, key=lambda s: (-s.count, s.rule))


def render(report: Report, context: Context) -> str:
    """Aligned ``count  RULE  [*] name`` lines, then the summary unless quiet."""
    rows = statistics(report)
    width = max((len(str(s.count)) for s in rows), default=1)
    rule_width = max((len(s.rule) for s in rows), default=1)
    any_fixable = any(s.fixable for s in rows)
    lines = []
    for s in rows:
        marker = ("[*] " if s.fixable else "[ ] ") if any_fixable else ""
        lines.append(f"{s.count:>{width}}\t{s.rule:<{rule_width}}\t{marker}{s.name}")
    if not context.quiet:
        lines.append(summary(report))
    return "".join(f"{text}\n" for text in lines)


def render_json(report: Report, context: Context) -> str:
    """The same counts as a JSON list of ``{rule, name, count, fixable}``."""
    return json.dumps([asdict(s) for s in statistics(report)], indent=2) + "\n"
