"""Policy packs: a team's own rules, written as YAML, run on the same engine as the built-in ones.

Validation answers "will the API accept this?"; a policy answers "do we allow this?".  A pack
is one YAML file::

    name: team                      # lowercase letters, digits, '-'
    description: What our team allows.
    rules:
      - id: TEAM001                 # a namespace of its own: never LS
        name: flavor-allowed
        severity: error             # error (default), warning or info
        message: Only s7 flavors; pick one of them.
        what: The flavor is one of the team's flavors.
        why: The team's budget covers s7 servers only.
        bad: "flavor: p2.8xlarge"   # YAML fragments merged into a valid request
        good: "flavor: s7.small.1"  # (null removes a field), as in the built-in rules
        when:                       # optional: the rule applies only when this matches
          server_type: {allowed: [ECS]}
        schema:                     # the condition: a cerberus schema fragment
          flavor: {allowed: [s7.small.1, s7.large.2]}

``schema`` and ``when`` use cerberus's own rules (``allowed``, ``forbidden``, ``regex``,
``min``/``max``, ``minlength``/``maxlength``, ``required``, ``readonly`` (the field must not be
given), ``dependencies``, ``excludes``, ``schema`` for nested fields, ``anyof``, …) on the
request's fields.  Every field named in ``when`` must be present for the rule to apply
(``required: false`` says otherwise); in ``schema``, as in cerberus, a field is optional
unless it says ``required: true``.  A ``regex`` must match the whole value.

Each rule becomes a :class:`~liteserver_lint.rule.Rule` (``pack`` = the pack's name) whose
check runs a cerberus validator, built once, on the normalised request and reports one
problem per offending field (a missing required field: the missing field's path).  The
message is always the pack's: a finding never echoes a value.  Fields keep the types the
contract gives them; a value of the wrong type is the contract's finding (LS103), not the
policy's.

A malformed pack raises :class:`PolicyError`, whose one-line message names the pack file,
the rule and the problem.  Shipped packs live in the top-level ``rules/`` directory of the
project, installed as ``liteserver_lint/packs``, and are selected by name.
"""

from __future__ import annotations

import copy
import difflib
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import cerberus
import yaml

from . import loading
from .contract import EXAMPLE_YAML, SCHEMA
from .findings import Problem, Severity
from .rule import Rule, merge
from .schema import leaf_errors, validator_class

PACK_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
RULE_ID = re.compile(r"[A-Z][A-Z0-9]*[0-9]{3}\Z")
RULE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
RESERVED_PREFIX = "LS"

_PACK_KEYS = ("name", "description", "rules")
_REQUIRED_RULE_KEYS = ("id", "name", "message", "what", "why", "bad", "good", "schema")
_OPTIONAL_RULE_KEYS = ("severity", "when", "source")

# cerberus rules a pack may use: every validation rule but ``check_with`` (it names Python code).
_VALIDATION_RULES = frozenset(cerberus.Validator.validation_rules) - {"check_with"}
_NORMALIZATION_RULES = frozenset(cerberus.Validator.normalization_rules)
_OF_RULES = ("allof", "anyof", "noneof", "oneof")
_OF_SHORTCUT = re.compile(r"(allof|anyof|noneof|oneof)_(\w+)\Z")
# Errors the contract already reports: a wrong type (LS103) and a null list item (LS103).
_CONTRACT_CODES = frozenset({cerberus.errors.BAD_TYPE.code, cerberus.errors.NOT_NULLABLE.code})
_TYPE_WORDS = {
    "string": "a string", "integer": "an integer", "boolean": "a boolean", "dict": "a mapping", "list": "a list",
}



class PolicyError(ValueError):
    """A pack that cannot be used: unreadable, malformed, or clashing with another pack."""


class _Bad(Exception):
    """A problem inside a pack, before the file and rule are known to say where."""


@dataclass(frozen=True)
class Pack:
    """A loaded pack: its name, description, the file it came from, and its rules."""

    name: str
    description: str
    file: str
    rules: tuple[Rule, ...]


# ---------------------------------------------------------------------------------------
# Finding packs: the shipped ones by name, the others by path.


def shipped_dir() -> Path:
    """The directory of the shipped packs: ``liteserver_lint/packs`` when installed from a wheel,
    the checkout's top-level ``rules/`` otherwise (an editable install cannot map it)."""
    package = Path(__file__).resolve().parent
    installed = package / "packs"
    return installed if installed.is_dir() else package.parent / "rules"


def shipped() -> dict[str, Path]:
    """The shipped packs, name -> file, sorted by name."""
    directory = shipped_dir()
    if not directory.is_dir():
        return {}
    return {path.stem: path for path in sorted(directory.glob("*.yaml"))}


def is_path(spec: str) -> bool:
    """A ``--policy`` value is a path when it has a directory part or a YAML/JSON suffix, else a name."""
    return "/" in spec or os.sep in spec or spec.endswith((".yaml", ".yml", ".json"))


def resolve(spec: str, base_dir: str | None = None) -> Path:
    """The file of the pack ``spec``: a shipped pack's name, or a path (relative to ``base_dir``)."""
    if is_path(spec):
        return Path(base_dir or ".", spec) if not os.path.isabs(spec) else Path(spec)
    packs = shipped()
    if spec in packs:
        return packs[spec]
    names = ", ".join(packs) or "none"
    raise PolicyError(
        f"unknown policy pack '{spec}'; shipped packs: {names} (give a path such as ./{spec}.yaml for your own)"
    )


def tests_file(pack_file: Path) -> Path:
    """Where a pack's test cases live: ``tests/<pack file name>`` next to the pack."""
    return pack_file.parent / "tests" / pack_file.name


# ---------------------------------------------------------------------------------------
# Loading a pack.


def load_pack(spec: str, base_dir: str | None = None) -> Pack:
    """Load and validate one pack, given by name or path; a bad pack raises :class:`PolicyError`."""
    shown = str(resolve(spec, base_dir))
    return parse_pack(read_text(shown, "the pack"), shown)


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of a pack or test-suite file (``what``, for the message), read as spec files are."""
    data, problem = loading.read_file(path, loading.Limits())
    text = None
    if data is not None:
        text, problem = loading.decode(data)
    if text is None:
        assert problem is not None
        raise PolicyError(f"{path}: cannot read {what}: {_loader_message(problem)}")
    return text


def load_mapping(text: str) -> dict[str, Any] | None:
    """The one YAML mapping ``text`` holds, through the linter's safe loader; None for anything else."""
    loaded = loading.load(text, loading.Limits())
    if loaded.all_problems() or len(loaded.documents) != 1 or not isinstance(loaded.documents[0].data, dict):
        return None
    data: dict[str, Any] = loaded.documents[0].data
    return data


def load_packs(specs: Iterable[str], base_dir: str | None = None) -> tuple[Pack, ...]:
    """Load several packs; the same file twice counts once, and a rule ID in two packs is an error."""
    packs: list[Pack] = []
    owners: dict[str, str] = {}
    seen: set[Path] = set()
    for spec in specs:
        path = resolve(spec, base_dir).resolve()
        if path in seen:
            continue
        seen.add(path)
        pack = load_pack(spec, base_dir)
        for rule in pack.rules:
            if rule.id in owners:
                raise PolicyError(f"{pack.file}: rule {rule.id}: the ID is also used by pack {owners[rule.id]}")
            owners[rule.id] = f"'{pack.name}' ({pack.file})"
        packs.append(pack)
    return tuple(packs)


def load_rules(specs: Iterable[str], base_dir: str | None = None) -> tuple[Rule, ...]:
    """The rules of the packs ``specs``, ready for ``Options(extra_rules=...)``."""
    return tuple(rule for pack in load_packs(specs, base_dir) for rule in pack.rules)


def parse_pack(text: str, file: str) -> Pack:
    """Validate the text of a pack named ``file`` (for messages) and build its rules."""
    data, node = _load_yaml(text, file)
    if not isinstance(data, dict):
        raise PolicyError(f"{file}: a pack is a mapping with name, description and rules")
    try:
        _check_keys(data, _PACK_KEYS, (), "the pack")
        name = _text(data, "name", "the pack", PACK_NAME, "lowercase letters, digits and '-'")
        description = _text(data, "description", "the pack")
    except _Bad as error:
        raise PolicyError(f"{file}: {error}") from None
    items = data["rules"]
    if not isinstance(items, list) or not items:
        raise PolicyError(f"{file}: 'rules' must be a non-empty list of rules")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        label = _rule_label(item, index)
        where = f"{file}:{_item_line(node, index)}: rule {label}"
        try:
            rule = _build_rule(item, name, file)
        except _Bad as error:
            raise PolicyError(f"{where}: {error}") from None
        if rule.id in seen:
            raise PolicyError(f"{where}: duplicate rule ID {rule.id} in this pack")
        seen.add(rule.id)
        rules.append(rule)
    return Pack(name=name, description=description, file=file, rules=tuple(rules))


def _load_yaml(text: str, file: str) -> tuple[Any, yaml.Node | None]:
    """The one document of ``text`` and its node tree, through the linter's own safe loader."""
    loaded = loading.load(text, loading.Limits())
    problems = [p for p in loaded.all_problems() if p.rule != loading.NOT_A_MAPPING]  # said below, for a pack
    if problems:
        first = problems[0]
        line = f":{first.span[0]}" if first.span else ""
        raise PolicyError(f"{file}{line}: not a valid pack file: {_loader_message(first)}")
    if len(loaded.documents) != 1:
        raise PolicyError(f"{file}: a pack file holds exactly one YAML document")
    document = loaded.documents[0]
    return document.data, document.node


def _loader_message(problem: Problem) -> str:
    """The problem's message, else its loader rule's."""
    if problem.message:
        return problem.message
    return next((r.message for r in loading.RULES if r.id == problem.rule), problem.rule)


def _item_line(node: yaml.Node | None, index: int) -> int:
    """The line of the ``index``-th item of the pack's ``rules`` list (1 when unknown)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "rules" and isinstance(value, yaml.SequenceNode):
                if index < len(value.value):
                    return int(value.value[index].start_mark.line) + 1
    return 1


def _rule_label(item: Any, index: int) -> str:
    """The rule's ID when it has a usable one, else its position (``#3``)."""
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return str(item["id"])
    return f"#{index + 1}"


def _check_keys(data: dict[Any, Any], required: tuple[str, ...], optional: tuple[str, ...], what: str) -> None:
    known = (*required, *optional)
    for key in data:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f"; known keys: {', '.join(known)}"
            raise _Bad(f"unknown key '{key}' in {what}{hint}")
    for key in required:
        if data.get(key) is None:
            raise _Bad(f"{what} has no '{key}'")


def _text(data: dict[str, Any], key: str, what: str, pattern: re.Pattern[str] | None = None, shape: str = "") -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"'{key}' of {what} must be a non-empty string")
    if pattern is not None and not pattern.match(value):
        raise _Bad(f"'{key}' of {what} must be {shape}")
    return value


def _build_rule(item: Any, pack: str, file: str) -> Rule:
    if not isinstance(item, dict):
        raise _Bad("a rule is a mapping with id, name, message, what, why, bad, good and schema")
    if item.get("id") is None:
        raise _Bad("the rule has no 'id'")
    rule_id = _text(item, "id", "the rule", RULE_ID, "capitals and digits ending in three digits, like ORG001")
    if rule_id.startswith(RESERVED_PREFIX):
        raise _Bad(f"the ID {rule_id} is in the {RESERVED_PREFIX} namespace, which belongs to liteserver-lint; "
                   "give your pack a prefix of its own (ORG001)")
    _check_keys(item, _REQUIRED_RULE_KEYS, _OPTIONAL_RULE_KEYS, "the rule")
    name = _text(item, "name", "the rule", RULE_NAME, "lowercase letters, digits and '-'")
    message = _text(item, "message", "the rule")
    if "\n" in message.strip():
        raise _Bad("'message' must be one line (findings are one line each)")
    severity = _severity(item.get("severity", "error"))
    docs = {key: _text(item, key, "the rule") for key in ("what", "why", "bad", "good")}
    for key in ("bad", "good"):
        _example_fragment(docs[key], key)
    source = item.get("source", f"policy pack '{pack}'")
    if not isinstance(source, str):
        raise _Bad("'source' must be a string")
    check = PolicyCheck.compile(rule_id, item["schema"], item.get("when"))
    rule = Rule(
        rule_id, name, severity, message.strip(), what=docs["what"], why=docs["why"], bad=docs["bad"],
        good=docs["good"], source=source, check=check, pack=pack,
    )
    _try_examples(rule)
    return rule


def _severity(value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise _Bad(f"'severity' must be one of error, warning, info, not {value!r}") from None


def _try_examples(rule: Rule) -> None:
    """Evaluate the rule on its own examples, so a fragment cerberus accepts but cannot run fails now."""
    assert isinstance(rule.check, PolicyCheck)
    for text in (rule.bad, rule.good):
        try:
            rule.check.paths(example_request(text))
        except Exception as error:  # noqa: BLE001 - cerberus raises whatever the fragment provokes
            raise _Bad(f"cerberus cannot evaluate the rule ({type(error).__name__}); "
                       "check the rules' values against the cerberus docs") from None


# ---------------------------------------------------------------------------------------
# Checking a fragment: cerberus rules on request fields, with the contract's types.


@dataclass(frozen=True)
class PolicyCheck:
    """A pack rule's check: cerberus validators for its ``schema`` and ``when``, built once."""

    rule_id: str
    validator: Any
    condition: Any = None

    @classmethod
    def compile(cls, rule_id: str, schema: Any, when: Any = None) -> PolicyCheck:
        """Validate the fragments (unknown fields and rules, bad regexes, type changes) and build them."""
        validator = _validator(schema, "schema", require_all=False)
        condition = None if when is None else _validator(when, "when", require_all=True)
        return cls(rule_id, validator, condition)

    def paths(self, request: dict[str, Any]) -> list[tuple[str | int, ...]]:
        """The paths of the fields that break the rule (empty when it holds or does not apply)."""
        if self.condition is not None and not self.condition.validate(request, normalize=False):
            return []
        if self.validator.validate(request, normalize=False):
            return []
        paths: list[tuple[str | int, ...]] = []
        for error in leaf_errors(self.validator._errors):
            path = tuple(error.document_path)
            if error.code not in _CONTRACT_CODES and path not in paths:
                paths.append(path)
        return paths

    def __call__(self, request: dict[str, Any]) -> Iterator[Problem]:
        """One problem per offending field; the message is the rule's, never a value."""
        try:
            paths = self.paths(request)
        except Exception as error:  # noqa: BLE001 - a pack must never crash a lint run
            message = f"policy rule {self.rule_id} could not be evaluated ({type(error).__name__}); check the pack"
            yield Problem(self.rule_id, (), message=message)
            return
        for path in paths:
            yield Problem(self.rule_id, path)


def _validator(fragment: Any, where: str, require_all: bool) -> Any:
    _check_fields(fragment, SCHEMA, where)
    try:
        return validator_class()(_typed_fields(fragment, SCHEMA), allow_unknown=True, require_all=require_all)
    except cerberus.SchemaError as error:
        raise _Bad(_schema_error_text(error, where)) from None


def _check_fields(fields: Any, contract: dict[str, Any], where: str) -> None:
    """Each key of ``fields`` is a field of the request at this level, with valid rules."""
    if not isinstance(fields, dict) or not fields:
        raise _Bad(f"'{where}' must be a non-empty mapping of request fields to cerberus rules")
    for name, rules in fields.items():
        path = f"{where}.{name}"
        if name not in contract:
            near = difflib.get_close_matches(str(name), list(contract), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise _Bad(f"'{path}': '{name}' is not a field of the request here{hint}")
        _check_rules(rules, contract[name], contract, path)


def _check_rules(rules: Any, field: dict[str, Any], siblings: dict[str, Any], where: str) -> None:
    """The cerberus rules of one field: known, declarative, and consistent with the contract."""
    if not isinstance(rules, dict):
        raise _Bad(f"'{where}' must be a mapping of cerberus rules, like {{allowed: [...]}}")
    for rule, value in rules.items():
        _check_rule_name(str(rule), where)
        if rule == "type":
            _check_type(value, field, where)
        elif rule == "regex":
            _check_regex(value, where)
        elif rule == "schema" and isinstance(value, dict):
            _check_nested(value, field, where)
        elif rule in _OF_RULES and isinstance(value, list):
            for option in value:
                _check_rules(option, field, siblings, where)
        elif rule in ("excludes", "dependencies"):
            _check_sibling_names(value, siblings, where, rule)


def _check_rule_name(rule: str, where: str) -> None:
    shortcut = _OF_SHORTCUT.match(rule)
    if rule in _VALIDATION_RULES or (shortcut and shortcut.group(2) in _VALIDATION_RULES):
        return
    if rule in _NORMALIZATION_RULES:
        raise _Bad(f"'{where}': '{rule}' is a cerberus normalisation rule; a pack only validates")
    if rule == "check_with":
        raise _Bad(f"'{where}': 'check_with' needs Python code; a pack is declarative")
    near = difflib.get_close_matches(rule, sorted(_VALIDATION_RULES), n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    raise _Bad(f"'{where}': unknown cerberus rule '{rule}'{hint}")


def _check_type(value: Any, field: dict[str, Any], where: str) -> None:
    types = [value] if isinstance(value, str) else value
    if isinstance(types, list) and field["type"] not in types:
        kind = _TYPE_WORDS[field["type"]]
        raise _Bad(f"'{where}': the contract says this field is {kind}; a pack cannot change its type")


def _check_regex(value: Any, where: str) -> None:
    if isinstance(value, str):
        try:
            re.compile(value)
        except re.error as error:
            raise _Bad(f"'{where}': the regex does not compile: {error}") from None


def _check_nested(value: dict[str, Any], field: dict[str, Any], where: str) -> None:
    if field["type"] == "dict":
        _check_fields(value, field["schema"], where)
    elif field["type"] == "list":
        _check_rules(value, field["schema"], {}, f"{where}[]")
    else:
        raise _Bad(f"'{where}': 'schema' is for mappings and lists, and this field is {_TYPE_WORDS[field['type']]}")


def _check_sibling_names(value: Any, siblings: dict[str, Any], where: str, rule: str) -> None:
    """Names in ``excludes``/``dependencies`` (plain ones; dotted or ^-rooted ones are left to cerberus)."""
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, dict)) else []
    for name in names:
        if isinstance(name, str) and "." not in name and not name.startswith("^") and name not in siblings:
            raise _Bad(f"'{where}': {rule} names '{name}', which is not a field of the request here")


def _typed_fields(fields: dict[str, Any], contract: dict[str, Any]) -> dict[str, Any]:
    return {name: _typed_rules(rules, contract[name]) for name, rules in fields.items()}


def _typed_rules(rules: dict[str, Any], field: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``rules`` with the contract's type (so ``schema`` knows mapping from list, and a
    wrongly typed value stops there), and each ``regex`` anchored at the very end."""
    typed = copy.deepcopy(rules)
    typed.setdefault("type", field["type"])
    if isinstance(typed.get("regex"), str):
        typed["regex"] = f"(?:{typed['regex']})\\Z"
    nested = typed.get("schema")
    if isinstance(nested, dict) and field["type"] == "dict":
        typed["schema"] = _typed_fields(nested, field["schema"])
    elif isinstance(nested, dict) and field["type"] == "list":
        typed["schema"] = _typed_rules(nested, field["schema"])
    for of in _OF_RULES:
        if isinstance(typed.get(of), list):
            typed[of] = [_typed_rules(option, field) if isinstance(option, dict) else option for option in typed[of]]
    return typed


def _schema_error_text(error: cerberus.SchemaError, where: str) -> str:
    """cerberus's schema error (a nested dict) as ``'where.path': message`` of its first leaf."""
    detail = error.args[0] if error.args else ""
    path, message = _first_leaf(detail, [])
    return f"'{'.'.join([where, *path])}': {message}"


def _first_leaf(detail: Any, path: list[str]) -> tuple[list[str], str]:
    if isinstance(detail, dict) and detail:
        key, value = next(iter(detail.items()))
        grouping = str(key).startswith(("anyof definition", "oneof definition"))  # cerberus's, not the pack's
        return _first_leaf(value, path if grouping else [*path, str(key)])
    if isinstance(detail, list) and detail:
        leaves = [d for d in detail if not isinstance(d, str)]
        if leaves:
            return _first_leaf(leaves[0], path)
        return path, "; ".join(str(d) for d in detail)
    return path, str(detail)


# ---------------------------------------------------------------------------------------
# Examples: YAML fragments merged into a valid request.


def _example_fragment(text: str, key: str) -> dict[str, Any]:
    """The request fields of an example (``key``: bad or good), or :class:`_Bad` when it is not a mapping."""
    data = load_mapping(text)
    if data is None:
        raise _Bad(f"'{key}' must be a YAML mapping of request fields (merged into a valid request)")
    return data


@functools.cache
def _example_base() -> dict[str, Any]:
    """The valid request examples are merged into, parsed once (``merge`` copies it, never changes it)."""
    base: dict[str, Any] = yaml.safe_load(EXAMPLE_YAML)
    return base


def example_request(fragment: str) -> dict[str, Any]:
    """The request a rule example stands for: the fragment merged into the valid example request."""
    return merge(_example_base(), _example_fragment(fragment, "the example"))

