"""Test a policy pack against its own test cases and its rules' examples.

A pack's tests live next to it, in ``tests/<pack file name>`` (the shipped packs:
``rules/tests/``, installed with them)::

    pack: example-org            # the name of the pack under test
    base:                        # a request every case starts from (valid for the pack)
      name: team-train-01
      ...
    cases:
      - name: a password is refused
        request:                 # merged into base; null removes a field
          key_pair_name: null
          admin_pass: Secure-Pass1
        expect: [ORG004]         # the rule ID of every finding, built-in ones included

Besides the cases, every rule's ``bad`` example must trigger it and its ``good`` example must
not, neither with a built-in finding (examples are merged into the valid example request);
every rule needs a failing case, and the suite a passing one.  This runs from an installed
wheel (``liteserver-lint policy test``), with no test framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import BUILTIN_RULES, Linter, Options
from .policy import Pack, PolicyError, example_request, load_mapping, load_pack, read_text, resolve, tests_file
from .rule import merge

_BUILTIN_IDS = frozenset(rule.id for rule in BUILTIN_RULES)
_SUITE_KEYS = ("pack", "base", "cases")
_CASE_KEYS = ("name", "request", "expect")


@dataclass(frozen=True)
class Outcome:
    """One check of a pack's test run: what was checked, whether it held, and what went wrong."""

    pack: str
    check: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Case:
    """One test case: a request (already merged into the base) and the rule IDs it must produce."""

    name: str
    request: dict[str, Any]
    expect: tuple[str, ...]


def run(spec: str, suite: str | None = None, base_dir: str | None = None) -> list[Outcome]:
    """Load the pack ``spec`` (name or path) and its test suite, and check both."""
    pack = load_pack(spec, base_dir)
    suite_path = Path(suite) if suite else tests_file(resolve(spec, base_dir))
    cases = load_cases(suite_path, pack.name)
    return check_examples(pack) + check_cases(pack, cases) + check_coverage(pack, cases)


def load_cases(path: Path, pack_name: str) -> list[Case]:
    """The cases of a suite file; a missing or malformed suite raises :class:`PolicyError`."""
    suite = load_mapping(read_text(str(path), "the pack's test cases"))
    if suite is None:
        raise PolicyError(f"{path}: a test suite is one YAML mapping with pack, base and cases")
    if sorted(suite) != sorted(_SUITE_KEYS):
        raise PolicyError(f"{path}: a test suite has exactly the keys {', '.join(_SUITE_KEYS)}")
    if suite["pack"] != pack_name:
        raise PolicyError(f"{path}: the suite tests pack '{suite['pack']}', not '{pack_name}'")
    if not isinstance(suite["base"], dict) or not isinstance(suite["cases"], list) or not suite["cases"]:
        raise PolicyError(f"{path}: 'base' must be a request mapping and 'cases' a non-empty list")
    return [_case(item, suite["base"], path, index) for index, item in enumerate(suite["cases"])]


def _case(item: Any, base: dict[str, Any], path: Path, index: int) -> Case:
    """One suite entry as a :class:`Case` (its request merged into ``base``), or a :class:`PolicyError`."""
    valid = (
        isinstance(item, dict)
        and sorted(item) == sorted(_CASE_KEYS)
        and isinstance(item["name"], str)
        and isinstance(item["request"], dict)
        and isinstance(item["expect"], list)
        and all(isinstance(rule_id, str) for rule_id in item["expect"])
    )
    if not valid:
        raise PolicyError(f"{path}: case #{index + 1} needs a name, a request mapping and an expect list of rule IDs")
    return Case(item["name"], merge(base, item["request"]), tuple(sorted(item["expect"])))


def check_examples(pack: Pack) -> list[Outcome]:
    """Each rule's bad example triggers it, its good one does not, and neither breaks a built-in rule."""
    linter = Linter(Options(extra_rules=pack.rules))
    outcomes = []
    for rule in pack.rules:
        for kind, text, wanted in (("bad", rule.bad, True), ("good", rule.good, False)):
            found = [f.rule for f in linter.lint(example_request(text)).findings]
            builtin = sorted(rule_id for rule_id in found if rule_id in _BUILTIN_IDS)
            problems = []
            if (rule.id in found) != wanted:
                problems.append(f"{'does not trigger' if wanted else 'triggers'} {rule.id}")
            if builtin:
                problems.append(f"has built-in findings {', '.join(builtin)}")
            outcomes.append(Outcome(pack.name, f"{rule.id} {kind} example", not problems, "; ".join(problems)))
    return outcomes


def check_cases(pack: Pack, cases: list[Case]) -> list[Outcome]:
    """Each case produces exactly the rule IDs it expects."""
    linter = Linter(Options(extra_rules=pack.rules))
    outcomes = []
    for case in cases:
        got = tuple(sorted(f.rule for f in linter.lint(case.request).findings))
        detail = "" if got == case.expect else f"expected [{', '.join(case.expect)}], got [{', '.join(got)}]"
        outcomes.append(Outcome(pack.name, f"case '{case.name}'", got == case.expect, detail))
    return outcomes


def check_coverage(pack: Pack, cases: list[Case]) -> list[Outcome]:
    """Every rule has a failing case, and the suite has a case that passes clean."""
    expected = {rule_id for case in cases for rule_id in case.expect}
    outcomes = []
    for rule in pack.rules:
        covered = rule.id in expected
        detail = "" if covered else "no case expects it"
        outcomes.append(Outcome(pack.name, f"{rule.id} has a failing case", covered, detail))
    clean = any(not case.expect for case in cases)
    outcomes.append(Outcome(pack.name, "a case passes clean", clean, "" if clean else "no case expects no findings"))
    return outcomes
