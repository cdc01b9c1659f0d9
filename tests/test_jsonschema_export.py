"""The exported JSON Schema: a valid draft 2020-12 schema that accepts the examples and agrees
with the linter's schema-level verdict on a generated corpus (Hypothesis: valid requests from
:mod:`liteserver_lint.strategies` with random edits, for combinations) and on every single
edit of a request that has every field (exhaustive, so no field's fact can drift unseen).

Where the two legitimately differ, the tests say so explicitly:

* the linter *normalises* first: ``null`` is "not given", ``"200"`` for an integer and ``0``
  for a string are warnings (LS104, LS109).  The schema rejects all three.  So the schema
  agrees exactly with the strict verdict (:func:`schema.is_valid`: nothing to report and
  nothing to normalise) on raw data, and with cerberus on normalised data;
* ``2.0`` is an integer in JSON Schema (one number type) but not to the linter (LS103):
  floats are left out of the corpus and pinned by a test of their own;
* Python's ``re`` lets ``$`` match before a trailing newline, ECMA-262 (what JSON Schema
  and editors use) does not; the corpus is checked with ECMA's ``$`` and the Python
  validator's deviation is pinned by a test.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from liteserver_lint import loading, schema
from liteserver_lint.cli import cli
from liteserver_lint.contract import ARCHES
from liteserver_lint.contract import SCHEMA as CONTRACT
from liteserver_lint.jsonschema_export import DIALECT, ecma_pattern, json_schema
from liteserver_lint.normalize import normalize
from liteserver_lint.strategies import requests

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json_schema()


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema_: Any) -> Iterator[jsonschema.ValidationError]:
    """The ``pattern`` keyword with ECMA-262's ``$``: the very end of the string only."""
    python = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if validator.is_type(instance, "string") and not re.search(python, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
ECMA = EcmaValidator(SCHEMA)
PYTHON = jsonschema.Draft202012Validator(SCHEMA)


def example_documents() -> list[tuple[str, Any]]:
    documents = []
    for path in sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/*.json"), *ROOT.glob("examples/broken/*")]):
        for document in loading.load(path.read_text(encoding="utf-8"), loading.Limits()).documents:
            documents.append((f"{path.relative_to(ROOT)}#{document.index}", document.data))
    return documents


def test_the_export_is_a_valid_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["required"] == ["name", "image_id", "network"]
    assert SCHEMA["additionalProperties"] is False
    assert SCHEMA["properties"]["root_volume"]["properties"]["size"] == {
        "description": "System disk size in GB.",
        "type": "integer",
        "minimum": 100,
        "maximum": 1024,
    }
    assert SCHEMA["properties"]["arch"]["enum"] == list(ARCHES)
    assert SCHEMA["properties"]["name"]["pattern"] == "^[A-Za-z0-9._-]+$"
    assert SCHEMA["properties"]["admin_pass"]["writeOnly"] is True
    pairs = SCHEMA["properties"]["network"]["properties"]["allowed_address_pairs"]
    assert pairs["type"] == "array" and pairs["items"]["required"] == ["ip_address"]


def test_cli_prints_the_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == SCHEMA


def test_the_draft_7_export_differs_only_in_its_dialect() -> None:
    result = CliRunner().invoke(cli, ["schema", "--draft", "7"])
    draft7 = json.loads(result.output)
    jsonschema.Draft7Validator.check_schema(draft7)
    assert draft7 == {**SCHEMA, "$schema": "http://json-schema.org/draft-07/schema#"}
    for _, data in example_documents():
        assert jsonschema.Draft7Validator(draft7).is_valid(data) == jsonschema.Draft202012Validator(SCHEMA).is_valid(
            data
        )


def test_the_valid_examples_validate() -> None:
    for name in ("examples/ecs-server.yaml", "examples/supernode.yaml", "examples/password-server.json"):
        data = loading.load((ROOT / name).read_text(encoding="utf-8"), loading.Limits()).documents[0].data
        assert list(ECMA.iter_errors(data)) == [], name


def test_the_seed_example_fails_only_on_its_quoted_size() -> None:
    """The linter warns (LS104) where the editor shows an error: ``size: "200"``."""
    data = (
        loading.load((ROOT / "examples/seed-example.yaml").read_text(encoding="utf-8"), loading.Limits())
        .documents[0]
        .data
    )
    assert [(list(e.path), e.validator) for e in ECMA.iter_errors(data)] == [(["root_volume", "size"], "type")]


@pytest.mark.parametrize(("name", "data"), example_documents(), ids=[n for n, _ in example_documents()])
def test_every_example_document_gets_the_strict_verdict(name: str, data: Any) -> None:
    assert ECMA.is_valid(data) == schema.is_valid(data)


def test_integral_floats_are_integers_to_json_schema_only() -> None:
    """A documented difference: JSON has one number type, so ``2.0`` passes the schema (LS103 for the linter)."""
    request = _valid_request() | {"count": 2.0}
    assert ECMA.is_valid(request)
    assert not schema.is_valid(request)
    assert [p.rule for p in schema.schema_problems(request)] == ["LS103"]


def test_trailing_newline_python_dollar_versus_ecma() -> None:
    """Python's ``$`` matches before a final newline; ECMA's (editors) and the linter's ``\\Z`` do not."""
    request = _valid_request() | {"name": "server\n"}
    assert PYTHON.is_valid(request)  # the Python validator's deviation from ECMA-262
    assert not ECMA.is_valid(request)
    assert [p.rule for p in schema.schema_problems(request)] == ["LS108"]


@pytest.mark.parametrize(
    ("python", "ecma"),
    [
        (r"[A-Za-z0-9._-]+\Z", "^[A-Za-z0-9._-]+$"),
        (r"a|b\Z", "^(?:a|b)$"),
        (r"[0-9]{3}", "^[0-9]{3}$"),
    ],
)
def test_ecma_pattern(python: str, ecma: str) -> None:
    assert ecma_pattern(python) == ecma


def test_ecma_pattern_refuses_python_only_syntax() -> None:
    with pytest.raises(ValueError, match="Python-only"):
        ecma_pattern(r"(?P<x>a)\Z")


# ---------------------------------------------------------------------------------------
# The generated corpus: valid requests from the strategies, then broken in random ways.


def _valid_request() -> dict[str, Any]:
    return (
        loading.load((ROOT / "examples/ecs-server.yaml").read_text(encoding="utf-8"), loading.Limits())
        .documents[0]
        .data
    )


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 40000),
    st.integers(0, 2000).map(str),  # numeric strings (LS104 where an integer is expected)
    st.text(max_size=6),
    st.lists(st.one_of(st.none(), st.integers(0, 300), st.text(max_size=3)), max_size=2),
    st.dictionaries(
        st.sampled_from(["type", "size", "count", "id", "ip_address", "x"]),
        st.one_of(st.integers(0, 300), st.text(max_size=3)),
        max_size=2,
    ),
)


def _near(rules: dict[str, Any]) -> list[Any]:
    """Values on and just past the edges of one contract field's facts."""
    kind = rules["type"]
    if kind == "integer":
        low, high = rules["min"], rules["max"]
        return [low - 1, low, high, high + 1, str(low), str(high + 1), True, "1e2"]
    if kind == "boolean":
        return [True, False, 1, "true"]
    if kind == "list":
        return [[], [{"ip_address": "10.0.0.1"}], [{"mac_address": "x"}], [None], [{"ip_address": 5}], "x"]
    if kind == "dict":
        return [{}, [], "x", {"x": 1}]
    values: list[Any] = ["", "a b", "x", 0, 12, "abc\n"]
    values += [*rules.get("allowed", []), *(v.lower() for v in rules.get("allowed", []))]
    if "maxlength" in rules:
        values += ["a" * rules["maxlength"], "a" * (rules["maxlength"] + 1)]
    if "regex" in rules:
        uuid = "e16eff65-1899-446e-baf2-0d2b6b5dd8c0"
        values += [uuid, uuid.upper(), uuid[:-1], uuid + "\n", uuid + "0", "name_1.ok-2"]
    return values


def _contract_fields(
    fields: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    for name, rules in fields.items():
        yield (*path, name), rules
        if rules["type"] == "dict":
            yield from _contract_fields(rules["schema"], (*path, name))


FIELDS = list(_contract_fields(CONTRACT))
_KEYS = st.sampled_from(["flavour", "root_type", "x", "Name", "size"])


@st.composite
def _edit(draw: st.DrawFn, request: dict[str, Any]) -> None:
    """Set a contract field (parents created) to an edge value or anything, drop it, or add an unknown key."""
    path, rules = draw(st.sampled_from(FIELDS))
    node: Any = request
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    action = draw(st.sampled_from(["near", "near", "any", "drop", "unknown"]))
    if action == "drop":
        node.pop(path[-1], None)
    elif action == "unknown":
        node[draw(_KEYS)] = draw(_ANY)
    else:
        node[path[-1]] = draw(st.sampled_from(_near(rules)) if action == "near" else _ANY)


@st.composite
def corpus(draw: st.DrawFn) -> dict[str, Any]:
    """A valid request with 0-3 edits aimed at the contract's fields."""
    request = copy.deepcopy(draw(requests()))
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 3]))):  # mostly one edit, so its effect shows
        draw(_edit(request))
    return request


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus())
def test_schema_agrees_with_the_linter_on_the_corpus(request: dict[str, Any]) -> None:
    strict = schema.is_valid(request)
    assert ECMA.is_valid(request) == strict
    normalized, warnings = normalize(request)
    linter_ok = not schema.schema_problems(normalized)
    assert ECMA.is_valid(normalized) == linter_ok
    # On raw data they differ only where normalising changed something (null, "200", 0).
    if ECMA.is_valid(request) != linter_ok:
        assert normalized != request


def test_the_corpus_holds_both_verdicts() -> None:
    """The agreement test is not vacuous: the corpus has requests of both kinds, and warnings."""
    fast = settings(database=None, max_examples=500, phases=[Phase.generate])  # no shrinking: any example will do
    assert not schema.is_valid(find(corpus(), lambda r: not schema.is_valid(r), settings=fast))
    assert schema.is_valid(find(corpus(), schema.is_valid, settings=fast))
    assert normalize(find(corpus(), lambda r: bool(normalize(r)[1]), settings=fast))[1]


# ---------------------------------------------------------------------------------------
# And exhaustively: every contract field of a request that has them all, set to each edge
# value, dropped, or given an unknown sibling, one edit at a time.

FULL: dict[str, Any] = {
    "name": "server_test",
    "flavor": "s7.small.1",
    "resource_flavor": "pool.8xlarge",
    "image_id": "e16eff65-1899-446e-baf2-0d2b6b5dd8c0",
    "admin_pass": "Secure-Pass1",
    "key_pair_name": "key",
    "arch": "X86",
    "availability_zone": "az1",
    "count": 2,
    "enterprise_project_id": "0",
    "server_type": "HPS",
    "user_data": "IyEvYmluL2Jhc2gK",
    "userdata": "IyEvYmluL2Jhc2gK",
    "hps_cluster_id": "2f3a7c1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b",
    "network": {
        "security_group_id": "150a2c76-1334-45f6-b28f-419f9b1d1742",
        "subnet_id": "38cf274a-98f9-4f6f-b622-5ed0e4a3db54",
        "vpc_id": "05982b48-a70f-43a1-a2b0-1fe36a236172",
        "ipv6_enable": True,
        "roce_id": "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "allowed_address_pairs": [{"ip_address": "10.0.0.1", "mac_address": "fa:16:3e:00:00:01"}],
        "hyper_cluster": {"id": "hc", "hyper_cluster_subnet_id": "sn"},
        "hyper_group": {"id": "3f0b2c1a-7d4e-4b8a-9c6f-2e1d0a9b8c7d"},
    },
    "charging_info": {
        "charging_mode": "PRE_PAID",
        "period_num": 1,
        "period_type": "MONTH",
        "is_auto_pay": True,
        "is_auto_renew": False,
    },
    "root_volume": {"type": "SSD", "size": 200},
    "data_volume": {"type": "ESSD", "size": 500, "count": 2},
}


def _single_edits() -> Iterator[dict[str, Any]]:
    for path, rules in FIELDS:
        for action, value in [*(("set", v) for v in _near(rules)), ("drop", None), ("unknown", 1)]:
            request = copy.deepcopy(FULL)
            node = request
            for part in path[:-1]:
                node = node[part]
            if action == "set":
                node[path[-1]] = value
            elif action == "drop":
                del node[path[-1]]
            else:
                node["x_unknown"] = value
            yield request


def test_schema_agrees_with_the_linter_on_every_single_edit() -> None:
    assert schema.is_valid(FULL) and ECMA.is_valid(FULL)
    edits = list(_single_edits())
    assert len(edits) > 300
    verdicts = []
    for request in edits:
        verdicts.append(ECMA.is_valid(request))
        assert verdicts[-1] == schema.is_valid(request), request
        normalized, _ = normalize(request)
        assert ECMA.is_valid(normalized) == (not schema.schema_problems(normalized)), request
    assert 0 < sum(verdicts) < len(verdicts)
