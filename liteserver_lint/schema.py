"""The contract's plain facts checked against a request: a fast verdict, and cerberus to explain.

:func:`is_valid` is a checker compiled once from :data:`contract.SCHEMA` (closures, no
cerberus import) that answers "does cerberus find nothing here?" for the common, valid
request in a few microseconds.  Only a request it rejects goes through
:func:`schema_problems`: cerberus (imported lazily, ``normalize=False``), whose error codes
map to one keyword-level rule each (like cfn-lint maps JSON-Schema keywords).  We never show
a cerberus message: they repeat the value, which may be a password.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any, Callable, Iterator

from .contract import KNOWN_ALIASES, SCHEMA, field_schema
from .findings import Path, Problem, Severity, format_path, printable
from .normalize import NUMERIC_STRING, UNQUOTED_NUMBER
from .rule import Rule

REQUIRED = "LS101"
UNKNOWN = "LS102"
WRONG_TYPE = "LS103"
ENUM = "LS105"
LENGTH = "LS106"
RANGE = "LS107"
PATTERN = "LS108"

_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "boolean": "true or false",
    "dict": "a mapping of fields",
    "list": "a list",
}

# ---------------------------------------------------------------------------------------
# The fast path: a checker compiled from the schema.

Checker = Callable[[Any], bool]


@functools.lru_cache(maxsize=1)
def _field_checkers() -> dict[str, Checker]:
    """A checker for each top-level field of the request."""
    return {key: _compile(rules) for key, rules in SCHEMA.items()}


@functools.lru_cache(maxsize=1)
def _request_checker() -> Checker:
    return _compile_mapping(SCHEMA, _field_checkers())


def is_valid(data: Any) -> bool:
    """True when the schema (cerberus) would find nothing and normalising would change nothing."""
    return _request_checker()(data)


def _compile(rules: dict[str, Any]) -> Checker:
    kind = rules["type"]
    if kind == "dict":
        return _compile_mapping(rules["schema"])
    if kind == "list":
        return _compile_list(_compile(rules["schema"]))
    if kind == "integer":
        return _compile_integer(rules.get("min", float("-inf")), rules.get("max", float("inf")))
    if kind == "boolean":
        return lambda value: type(value) is bool
    return _compile_string(rules)


def _compile_mapping(fields: dict[str, Any], checkers: dict[str, Checker] | None = None) -> Checker:
    if checkers is None:
        checkers = {key: _compile(rules) for key, rules in fields.items()}
    allowed = frozenset(fields)
    required = frozenset(key for key, rules in fields.items() if rules.get("required"))

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return False
        keys = value.keys()
        if not (required <= keys and keys <= allowed):
            return False
        for key, item in value.items():
            if not checkers[key](item):
                return False
        return True

    return check


def _compile_list(item_checker: Checker) -> Checker:
    def check(value: Any) -> bool:
        return type(value) is list and all(map(item_checker, value))

    return check


def _compile_integer(low: float, high: float) -> Checker:
    def check(value: Any) -> bool:
        return type(value) is int and low <= value <= high

    return check


def _compile_string(rules: dict[str, Any]) -> Checker:
    if "allowed" in rules:
        allowed = frozenset(rules["allowed"])
        return lambda value: type(value) is str and value in allowed
    shortest = rules.get("minlength", 0)
    longest = rules.get("maxlength", float("inf"))
    pattern = rules.get("regex")
    if pattern is None:
        return lambda value: type(value) is str and shortest <= len(value) <= longest
    match = re.compile(pattern).match

    def check(value: Any) -> bool:
        return type(value) is str and shortest <= len(value) <= longest and match(value) is not None

    return check


# ---------------------------------------------------------------------------------------
# The slow path: cerberus, and its error codes mapped to rules.


@functools.lru_cache(maxsize=1)
def validator_class() -> Any:
    """cerberus's Validator with the API's types (cerberus imported here, on first use).

    cerberus counts True as an integer (bool is an int); the API does not.
    """
    import cerberus

    class ContractValidator(cerberus.Validator):  # type: ignore[misc]
        types_mapping = {
            **cerberus.Validator.types_mapping,
            "integer": cerberus.TypeDefinition("integer", (int,), (bool,)),
        }

    return ContractValidator


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    """A cerberus validator for the contract, built once per process."""
    return validator_class()(SCHEMA, allow_unknown=False)


def schema_problems(data: dict[str, Any]) -> list[Problem]:
    """The contract's plain-fact problems of a normalised request, one per cerberus error.

    Cerberus is given only the top-level fields that the compiled checker rejects or does not
    know: no rule of the contract relates two fields, so a field the checker accepts has no
    error, and a few fields cost cerberus a fraction of a whole request.  The fields left out
    are then "missing" to cerberus; those required errors are dropped.
    (:func:`all_schema_problems` is the whole-request reference; a differential test compares.)
    """
    checkers = _field_checkers()
    rejected = {key: value for key, value in data.items() if key not in checkers or not checkers[key](value)}
    return [
        problem
        for problem in _cerberus_problems(rejected)
        if not (problem.rule == REQUIRED and len(problem.path) == 1 and problem.path[0] in data)
    ]


def all_schema_problems(data: dict[str, Any]) -> list[Problem]:
    """Cerberus's problems of the whole request: the reference :func:`schema_problems` must equal."""
    return _cerberus_problems(data)


def _cerberus_problems(data: dict[str, Any]) -> list[Problem]:
    validator = _validator()
    validator.validate(_string_keys(data), normalize=False)
    return [_problem(error) for error in leaf_errors(validator._errors)]


def _string_keys(value: Any) -> Any:
    """``value`` with every key turned into text, as JSON would send it.

    YAML allows keys such as ``~``, ``1.5`` or a date, and cerberus, which sorts its errors by
    path, cannot compare them with a string.  No field name is such a key: all are unknown.
    """
    if isinstance(value, dict):
        return {key if isinstance(key, str) else str(key): _string_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_string_keys(item) for item in value]
    return value


def leaf_errors(errors: Any) -> Iterator[Any]:
    """cerberus's errors with group errors (of mappings and lists) flattened to their leaves."""
    for error in errors:
        if error.is_group_error:
            yield from leaf_errors(error.child_errors)
        else:
            yield error


def _problem(error: Any) -> Problem:
    path: Path = tuple(error.document_path)
    code = error.code
    if code == 0x02:  # REQUIRED_FIELD
        return Problem(REQUIRED, path, message=f"required field '{format_path(path)}' is missing; add it")
    if code == 0x03:  # UNKNOWN_FIELD
        return _unknown_field(path)
    if code == 0x44:  # UNALLOWED_VALUE
        return _enum_value(path, error.value, error.constraint)
    if code in (0x27, 0x28):  # MIN_LENGTH, MAX_LENGTH
        rules = field_schema(path) or {}
        return Problem(
            LENGTH,
            path,
            message=f"'{format_path(path)}' must be {rules.get('minlength', 0)} to "
            f"{rules.get('maxlength', 'any number of')} characters long; shorten or fill it",
        )
    if code in (0x42, 0x43):  # MIN_VALUE, MAX_VALUE
        rules = field_schema(path) or {}
        return Problem(
            RANGE,
            path,
            message=f"'{format_path(path)}' must be from {rules.get('min')} to {rules.get('max')}; change the number",
        )
    if code == 0x41:  # REGEX_MISMATCH
        rules = field_schema(path) or {}
        text = rules.get("meta", {}).get("pattern_text", "the expected format")
        return Problem(PATTERN, path, message=f"'{format_path(path)}' must be {text}; correct the value")
    return _wrong_type(path, error)


def _wrong_type(path: Path, error: Any) -> Problem:
    """BAD_TYPE, NOT_NULLABLE (a null list item) and anything unexpected: the value's type is wrong."""
    rules = field_schema(path) or {}
    expected = _TYPE_WORDS.get(rules.get("type", ""), "another type")
    where = format_path(path) or "the request"
    return Problem(WRONG_TYPE, path, message=f"'{where}' must be {expected}; change the value's type")


def _unknown_field(path: Path) -> Problem:
    key = printable(str(path[-1]))
    parent = field_schema(path[:-1]) or {}
    if parent.get("type") == "list":
        parent = parent.get("schema", {})
    known = list(parent.get("schema", {}))
    suggestion = KNOWN_ALIASES.get(key)
    if suggestion not in known:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        suggestion = close[0] if close else None
    where = format_path(path[:-1]) or "the request"
    if suggestion is None:
        return Problem(UNKNOWN, path, message=f"unknown field '{key}' in {where}; remove it", on_key=True)
    safe = KNOWN_ALIASES.get(key) == suggestion
    return Problem(
        UNKNOWN,
        path,
        message=f"unknown field '{key}' in {where}; did you mean '{suggestion}'?",
        fix=f"rename '{key}' to '{suggestion}'",
        on_key=True,
        replacement=suggestion if safe else None,
    )


def _enum_value(path: Path, value: Any, allowed: list[str]) -> Problem:
    field = format_path(path)
    if isinstance(value, str):
        for candidate in allowed:
            if value.strip().casefold() == candidate.casefold():
                return Problem(
                    ENUM,
                    path,
                    message=f"'{field}' must be one of {', '.join(allowed)} (case matters); use {candidate}",
                    fix=f"use {candidate}",
                    replacement=candidate,
                )
    return Problem(ENUM, path, message=f"'{field}' must be one of {', '.join(allowed)}; pick one")


# ---------------------------------------------------------------------------------------
# The rules the schema reports: one per keyword.

_E = Severity.ERROR
_W = Severity.WARNING
_SOURCE = "the contract schema (liteserver_lint/contract.py): SEED tables 2-6 and the SDK models"

RULES: tuple[Rule, ...] = (
    Rule(
        REQUIRED, "required-field", _E, "A required field is missing (or null); add it.",
        what="Fields the API requires: name, image_id, network and its three IDs, the three "
        "charging_info fields when that block is given, and all of data_volume's fields.",
        why="The API rejects the request with a 400 before anything is created.",
        bad="image_id: null", good="image_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0", source=_SOURCE,
    ),
    Rule(
        UNKNOWN, "unknown-field", _E, "A field the API does not know; remove it or fix its spelling.",
        what="Every key, at every level, must be a field of the request; the message suggests the "
        "nearest known field (`flavour` -> `flavor`, `root_type` -> `type`).",
        why="The API ignores unknown fields, so a misspelt `flavour` silently drops your setting; "
        "`root_type` is the old SDK's keyword, not a request field.",
        bad="root_volume:\n  root_type: SSD", good="root_volume:\n  type: SSD", source=_SOURCE,
        fixable=True,
    ),
    Rule(
        WRONG_TYPE, "wrong-type", _E, "A value of the wrong type; write the type the field takes.",
        what="Strings, whole numbers, booleans, mappings and lists where the API expects them. "
        "`true` is not a number, `200.0` is not a whole number, `data_volume` is one mapping, not a list.",
        why="The API rejects a body whose field types do not match its model.",
        bad="network:\n  ipv6_enable: \"yes\"", good="network:\n  ipv6_enable: true", source=_SOURCE,
    ),
    Rule(
        NUMERIC_STRING, "numeric-string", _W, "A number written as a string; remove the quotes.",
        what="A plain decimal integer in quotes (`size: \"200\"`) where the API expects an integer. "
        "The number is still range-checked.",
        why="The SEED example writes `size=\"200\"`; some API versions accept it, the model says integer.",
        bad="root_volume:\n  size: \"200\"", good="root_volume:\n  size: 200", source=_SOURCE,
        fixable=True,
    ),
    Rule(
        ENUM, "enum-value", _E, "A value outside the field's allowed values; use one of them (case matters).",
        what="arch (ARM, X86), server_type (BMS, ECS, HPS), disk types (ESSD, GPSSD, SAS, SATA, SSD), "
        "charging_mode and period_type. A value in the wrong case gets the right one as its fix.",
        why="The API compares enum values exactly: `x86` is rejected.",
        bad="arch: x86", good="arch: X86", source=_SOURCE, fixable=True,
    ),
    Rule(
        LENGTH, "string-length", _E, "A string that is too short or too long; bring it within the limits.",
        what="Length limits: name and key_pair_name 1-64, flavor 1-128, resource_flavor and "
        "availability_zone 1-256, enterprise_project_id 1-36.",
        why="The API rejects strings outside these limits.",
        bad="name: \"\"", good="name: server_test", source=_SOURCE,
    ),
    Rule(
        RANGE, "value-range", _E, "A number outside its range; use a number within it.",
        what="count 1-10, charging_info.period_num 1-11, root_volume.size 100-1024 GB, "
        "data_volume.size 100-32768 GB, data_volume.count 1-8.",
        why="The API rejects numbers outside these ranges.",
        bad="data_volume:\n  type: SSD\n  size: 100\n  count: 9",
        good="data_volume:\n  type: SSD\n  size: 100\n  count: 8", source=_SOURCE,
    ),
    Rule(
        PATTERN, "value-format", _E, "A value in the wrong format (UUID, or name characters); correct it.",
        what="IDs (image_id, the network IDs, hps_cluster_id, hyper_group.id) are UUIDs; names use "
        "only letters, digits, '.', '_' and '-'.",
        why="The API rejects malformed IDs and names; a stray space or newline is easy to miss in YAML.",
        bad="image_id: e16eff65-1899-446e-baf2", good="image_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0",
        source=_SOURCE,
    ),
    Rule(
        UNQUOTED_NUMBER, "unquoted-number", _W, "A number where the API expects a string; put it in quotes.",
        what="YAML reads `enterprise_project_id: 0` as a number; the API expects the string \"0\". "
        "The text is still checked.",
        why="A number sent where a string is expected may be rejected, and `0123` would lose its zero.",
        bad="enterprise_project_id: 0", good="enterprise_project_id: \"0\"", source=_SOURCE, fixable=True,
    ),
)
