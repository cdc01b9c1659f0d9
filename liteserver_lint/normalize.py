"""Requests in, plain data out: SDK objects become dicts, ``null`` means "not given", and
numbers written as the wrong scalar type are coerced with a warning (the contract's fine points).
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from .contract import SCHEMA
from .findings import Path, Problem

NUMERIC_STRING = "LS104"
UNQUOTED_NUMBER = "LS109"

# A plain decimal integer: "200" and "-3", not " 200", "2e2", "200.0" or "0200".
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")


def to_plain(request: Any) -> Any:
    """A dict (or list, or scalar) from a mapping, an SDK model, a dataclass or an object.

    SDK models are read through their ``attribute_map`` (never ``repr``, which prints the
    password) so that the keys are the API's field names.
    """
    if isinstance(request, dict):
        return {key: to_plain(value) for key, value in request.items()}
    if isinstance(request, (list, tuple)):
        return [to_plain(item) for item in request]
    if request is None or isinstance(request, (str, int, float, bool, bytes)):
        return request
    attribute_map = getattr(type(request), "attribute_map", None)
    if isinstance(attribute_map, dict):
        return {api: to_plain(getattr(request, attr, None)) for attr, api in attribute_map.items()}
    if dataclasses.is_dataclass(request) and not isinstance(request, type):
        return {f.name: to_plain(getattr(request, f.name)) for f in dataclasses.fields(request)}
    to_dict = getattr(request, "to_dict", None)
    if callable(to_dict):
        return to_plain(to_dict())
    attributes = getattr(request, "__dict__", None)
    if isinstance(attributes, dict):
        return {k.lstrip("_"): to_plain(v) for k, v in attributes.items() if not k.startswith("__")}
    return request


def normalize(data: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A copy of ``data`` without nulls and with coerced numbers, and the warnings for them."""
    problems: list[Problem] = []
    return _mapping(data, SCHEMA, (), problems), problems


def _mapping(data: dict[Any, Any], fields: dict[str, Any], path: Path, problems: list[Problem]) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        rules = fields.get(key) if isinstance(key, str) else None
        result[key] = value if rules is None else _value(value, rules, (*path, key), problems)
    return result


def _value(value: Any, rules: dict[str, Any], path: Path, problems: list[Problem]) -> Any:
    kind = rules.get("type")
    if kind == "integer" and isinstance(value, str) and _PLAIN_INT.match(value):
        number = int(value)
        problems.append(
            Problem(
                NUMERIC_STRING,
                path,
                fix=f"write {number} without quotes",
                replacement=str(number),
            )
        )
        return number
    if kind == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        secret = rules.get("meta", {}).get("secret", False)
        text = str(value)
        problems.append(
            Problem(
                UNQUOTED_NUMBER,
                path,
                fix="put the value in quotes",
                replacement=None if secret else json.dumps(text),
            )
        )
        return text
    if kind == "dict" and isinstance(value, dict) and "schema" in rules:
        return _mapping(value, rules["schema"], path, problems)
    if kind == "list" and isinstance(value, list) and "schema" in rules:
        item_rules = rules["schema"]
        return [item if item is None else _value(item, item_rules, (*path, i), problems) for i, item in enumerate(value)]
    return value
