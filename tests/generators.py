"""Hypothesis strategies: valid requests drawn from the contract schema, mistakes, hostile text.

Valid requests are built from ``contract.SCHEMA`` itself (every field's type, enum, range,
length and pattern), so the differential tests cover every field the schema knows.
"""

from __future__ import annotations

import copy
import json
import string
from typing import Any

import yaml
from hypothesis import strategies as st

from liteserver_lint.contract import NAME_PATTERN, SCHEMA, UUID_PATTERN

NAME_CHARACTERS = string.ascii_letters + string.digits + "._-"


def field_value(rules: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A value that satisfies one field's rules."""
    kind = rules["type"]
    if kind == "dict":
        return mapping(rules["schema"])
    if kind == "list":
        return st.lists(field_value(rules["schema"]), max_size=3)
    if kind == "integer":
        return st.integers(rules.get("min", -(2**40)), rules.get("max", 2**40))
    if kind == "boolean":
        return st.booleans()
    if "allowed" in rules:
        return st.sampled_from(rules["allowed"])
    low, high = rules.get("minlength", 0), rules.get("maxlength", 40)
    # The contract's two patterns, drawn directly (``from_regex`` is slow on 36 characters).
    if rules.get("regex") == UUID_PATTERN:
        return st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper())
    if rules.get("regex") == NAME_PATTERN:
        return st.text(NAME_CHARACTERS, min_size=max(low, 1), max_size=min(high, 40))
    if "regex" in rules:
        return st.from_regex(rules["regex"].removesuffix(r"\Z"), fullmatch=True).filter(
            lambda text: low <= len(text) <= high
        )
    return st.text(min_size=low, max_size=min(high, 40))


def mapping(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with every required field and any of the optional ones."""
    required = {key: field_value(rules) for key, rules in fields.items() if rules.get("required")}
    optional = {key: field_value(rules) for key, rules in fields.items() if not rules.get("required")}
    return st.fixed_dictionaries(required, optional=optional)


_VALID_REQUESTS = mapping(SCHEMA)  # built once: building the pattern strategies is slow


def valid_requests() -> st.SearchStrategy[dict[str, Any]]:
    """Requests that the schema accepts (the semantic rules may still object)."""
    return _VALID_REQUESTS


# Values that are wrong somewhere, or that normalising changes: nulls, numbers as strings,
# numbers where strings belong, floats, booleans, odd keys.
junk: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["200", "-3", "007", " 5", "1e3", "", "x86", "ssd", "0.0.0.0/0", "yes", "\n"])
    | st.text(max_size=8)
    | st.dates(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=6) | st.integers() | st.none() | st.sampled_from(["name", "type"]), children, max_size=3),
    max_leaves=6,
)


def _positions(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a container in ``value`` (the root included)."""
    found = [path] if isinstance(value, (dict, list)) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found += _positions(item, (*path, key))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _near_misses(value: Any) -> list[Any]:
    """Values next to a valid one: another case, a space, one character less or many more, a
    number as text or out of range."""
    if isinstance(value, bool):
        return [str(value).lower(), int(value), None]
    if isinstance(value, int):
        return [str(value), value + 10**6, -value - 1, float(value), True, None]
    if isinstance(value, str):
        return [value.lower(), value.upper(), value + " ", value[:-1], value * 70, f"{value}\n", 12, None]
    return [None, "x"]


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    """A valid request with zero to three mistakes: a value changed a little or replaced, a key
    removed or added."""
    request = copy.deepcopy(draw(valid_requests()))
    for _ in range(draw(st.integers(0, 3))):
        container = _at(request, draw(st.sampled_from(_positions(request))))
        action = draw(st.sampled_from(["nudge", "nudge", "replace", "remove", "add"]))
        if isinstance(container, list):
            if container and action != "add":
                index = draw(st.integers(0, len(container) - 1))
                if action == "nudge":
                    container[index] = draw(st.sampled_from(_near_misses(container[index])))
                elif action == "replace":
                    container[index] = draw(junk)
                else:
                    del container[index]
            else:
                container.append(draw(junk))
        elif container and action != "add":
            key = draw(st.sampled_from(list(container)))
            if action == "nudge":
                container[key] = draw(st.sampled_from(_near_misses(container[key])))
            elif action == "replace":
                container[key] = draw(junk)
            else:
                del container[key]
        else:
            key = draw(st.sampled_from(["flavour", "root_type", "admin_passwd", "extra"]) | st.text(max_size=5))
            container[key] = draw(junk)
    return request


# ---------------------------------------------------------------------------------------
# Text for the loader: YAML made of the pieces that trip parsers, and YAML/JSON of any data.

YAML_PIECES = (
    "a", "name", "image_id", "network", ":", ": ", " ", "  ", "\n", "\t", "-", "- ", "?", "? ", ",", "[", "]",
    "{", "}", "'", '"', "#", "&a ", "*a", "&b ", "*b", "!", "!!str ", "!!int ", "!!binary ", "!!set ",
    "!!python/object/apply:os.system ", "!custom ", "<<", "<<: ", "---", "...", "%YAML 1.1\n", "%TAG ! !foo\n",
    "|", ">", "~", "null", "true", "yes", "0x1F", "0o17", "1_000", "1:30", "1.5e3", ".inf", ".nan", "2024-01-01",
    "2024-13-45 25:61:61", "\\", "\\x", "\\u12", "\x00", "\x85", "\ufeff", "\u2028", "é", "😀", "=", "%", "@", "`",
)

yaml_texts: st.SearchStrategy[str] = st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=4), max_size=40).map(
    "".join
)

plain_data: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _dump_yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def _dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


dumped_texts: st.SearchStrategy[str] = (
    plain_data.map(_dump_yaml)
    | plain_data.map(_dump_json)
    | requests().map(lambda r: _dump_yaml(json.loads(json.dumps(r, default=str))))
    | requests().map(lambda r: json.dumps(r, default=str, indent=2))
)

any_text: st.SearchStrategy[str] = yaml_texts | dumped_texts | st.text()
