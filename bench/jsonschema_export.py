"""A JSON Schema equivalent to the contract's cerberus schema, for benchmarking check-jsonschema.

    python bench/jsonschema_export.py > schema.json

The benchmark uses ``liteserver-lint schema`` when the installed linter has that command; this
is the simple stand-in otherwise (types, required, enums, lengths, ranges, patterns, no unknown
fields), enough to make check-jsonschema do the same work.
"""

from __future__ import annotations

import json
from typing import Any

from liteserver_lint.contract import SCHEMA

_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "dict": "object", "list": "array"}


def field(rules: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one cerberus field."""
    kind = rules["type"]
    result: dict[str, Any] = {"type": _TYPES[kind]}
    if kind == "dict":
        result.update(mapping(rules["schema"]))
    elif kind == "list":
        result["items"] = field(rules["schema"])
    if "allowed" in rules:
        result["enum"] = list(rules["allowed"])
    for ours, theirs in (("minlength", "minLength"), ("maxlength", "maxLength"), ("min", "minimum"), ("max", "maximum")):
        if ours in rules:
            result[theirs] = rules[ours]
    if "regex" in rules:  # cerberus matches the whole value; \Z is Python's, $ the ECMA spelling
        result["pattern"] = "^(?:" + rules["regex"].removesuffix(r"\Z") + ")$"
    return result


def mapping(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "properties": {key: field(rules) for key, rules in fields.items()},
        "required": [key for key, rules in fields.items() if rules.get("required")],
        "additionalProperties": False,
    }


def schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", **mapping(SCHEMA)}


if __name__ == "__main__":
    print(json.dumps(schema(), indent=2))
