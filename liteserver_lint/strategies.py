"""Hypothesis strategies for Lite Server create requests: property-test your own spec generators.

Needs Hypothesis, which is not a runtime dependency of liteserver-lint: install the ``test``
extra (``pip install 'liteserver-lint[test]'``) or ``hypothesis`` itself.

    from hypothesis import given
    from liteserver_lint import lint
    from liteserver_lint.strategies import invalid_requests, requests

    @given(requests(server_type="HPS"))
    def test_my_renderer_keeps_supernodes_valid(request):
        assert lint(my_renderer(request)).ok

    @given(invalid_requests("LS204"))
    def test_my_gate_refuses_weak_passwords(request):
        assert not my_gate(request)

:func:`requests` draws valid requests: they lint clean, with no finding of any severity.
:func:`invalid_requests` draws requests that trigger exactly one rule (one or more findings
of that rule, none of another).  It supports every rule in :data:`SUPPORTED`: the schema
rules LS101-LS109 and every built-in rule with a check (LS2xx-LS8xx).  The file rules
(LS0xx: YAML syntax, duplicate keys, ...) concern files, not request dicts, and are not
supported; neither are policy pack rules.
"""

from __future__ import annotations

import base64
import copy
import functools
import re
from typing import Any, Callable, Sequence

from hypothesis import strategies as st

from .contract import (
    ARCHES,
    CHARGING_MODES,
    PASSWORD_MAX,
    PASSWORD_MIN,
    PERIOD_TYPES,
    SERVER_TYPES,
    USER_DATA_MAX_BYTES,
    UUID_PATTERN,
    VOLUME_TYPES,
)
from .rules.credentials import LEGACY_SPECIALS, RESERVED_WORDS, SPECIALS
from .rules.network import classify
from .rules.user_data import decoded_size

Request = dict[str, Any]
CREDENTIALS = ("key_pair", "password")

_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"
_SAFE_SPECIALS = "".join(c for c in SPECIALS if c not in LEGACY_SPECIALS)
_REVERSED = tuple(word[::-1] for word in RESERVED_WORDS)


@functools.cache
def _names(min_size: int = 1, max_size: int = 64) -> st.SearchStrategy[str]:
    """Strings of name characters (letters, digits, ``. _ -``)."""
    return st.text(_NAME_CHARS, min_size=min_size, max_size=max_size)


@functools.cache
def uuids() -> st.SearchStrategy[str]:
    """UUIDs as the API writes them, in either case."""
    text = st.uuids().map(str)
    return st.one_of(text, text.map(str.upper))


@st.composite
def passwords(draw: st.DrawFn, min_size: int = PASSWORD_MIN, max_size: int = PASSWORD_MAX) -> str:
    """Passwords the API accepts: 3 or 4 character classes, allowed characters, no reserved word
    (and neither ``$`` nor ``^``, which draw a warning)."""
    classes = draw(_CLASS_ORDERS)[: draw(st.integers(3, 4))]
    size = draw(st.integers(max(min_size, len(classes)), max_size))
    chars = "".join(draw(_char(cls)) for cls in classes)
    chars += draw(_chars("".join(classes), size - len(chars)))
    at = draw(st.integers(0, len(chars)))  # the required characters need not lead
    return _no_reserved(chars[len(classes):][:at] + chars[:len(classes)] + chars[len(classes):][at:])


_CLASS_ORDERS = st.permutations([_UPPER, _LOWER, _DIGITS, _SAFE_SPECIALS])


@functools.cache
def _char(alphabet: str) -> st.SearchStrategy[str]:
    return st.sampled_from(alphabet)


@functools.cache
def _chars(alphabet: str, size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=size, max_size=size)


def _no_reserved(password: str) -> str:
    """Every reserved word (and its reverse) has an 'o': change it to 'p', keeping the classes."""
    return password.replace("o", "p").replace("O", "P")


@functools.cache
def _address_pairs() -> st.SearchStrategy[list[dict[str, str]]]:
    """Address pairs none of the network rules reports: an address, or a block of /24 or narrower."""
    v4 = st.tuples(st.ip_addresses(v=4), st.one_of(st.none(), st.integers(24, 32)))
    v6 = st.tuples(st.ip_addresses(v=6), st.one_of(st.none(), st.integers(24, 128)))
    address = st.one_of(v4, v6).map(lambda ap: str(ap[0]) if ap[1] is None else f"{ap[0]}/{ap[1]}")
    pair = st.fixed_dictionaries(
        {"ip_address": address},
        optional={"mac_address": st.from_regex(r"([0-9a-f]{2}:){5}[0-9a-f]{2}", fullmatch=True)},
    )
    return st.lists(pair, max_size=3)


@functools.cache
def _network() -> st.SearchStrategy[Request]:
    return st.fixed_dictionaries(
        {"security_group_id": uuids(), "subnet_id": uuids(), "vpc_id": uuids()},
        optional={
            "ipv6_enable": st.booleans(),
            "roce_id": uuids(),
            "allowed_address_pairs": _address_pairs(),
            "hyper_cluster": st.fixed_dictionaries(
                {}, optional={"id": _names(max_size=16), "hyper_cluster_subnet_id": _names(max_size=16)}
            ),
            "hyper_group": st.fixed_dictionaries({"id": uuids()}),
        },
    )


@st.composite
def _charging_info(draw: st.DrawFn) -> Request:
    info = draw(st.fixed_dictionaries(
        {
            "charging_mode": st.sampled_from(CHARGING_MODES),
            "period_num": st.integers(1, 11),
            "period_type": st.sampled_from(PERIOD_TYPES),
        },
        optional={"is_auto_pay": st.booleans(), "is_auto_renew": st.booleans()},
    ))
    if info["charging_mode"] == "POST_PAID" and info.get("is_auto_renew"):
        del info["is_auto_renew"]  # LS601
    return info


@functools.cache
def _user_data() -> st.SearchStrategy[str]:
    """Standard, padded base64 of a small non-empty script."""
    return st.binary(min_size=1, max_size=64).map(lambda data: base64.b64encode(data).decode("ascii"))


@functools.cache
def _optional_fields(server_type: str | None) -> st.SearchStrategy[Request]:
    """The optional fields of a valid request (no count for a supernode)."""
    fields: dict[str, st.SearchStrategy[Any]] = {
        "arch": st.sampled_from(ARCHES),
        "availability_zone": _names(max_size=32),
        "charging_info": _charging_info(),
        "enterprise_project_id": _names(max_size=36),
        "root_volume": st.fixed_dictionaries(
            {}, optional={"type": st.sampled_from(VOLUME_TYPES), "size": st.integers(100, 1024)}
        ),
        "data_volume": st.fixed_dictionaries(
            {"type": st.sampled_from(VOLUME_TYPES), "size": st.integers(100, 32768), "count": st.integers(1, 8)}
        ),
    }
    if server_type != "HPS":
        fields["count"] = st.integers(1, 10)
    return st.fixed_dictionaries({}, optional=fields)


_FLAVORS = st.one_of(
    st.sampled_from(["s7.small.1", "physical.kat2.8xlarge", "ascend.snt9b.8xlarge"]),
    st.text(min_size=1, max_size=32),
)


@st.composite
def _valid_request(draw: st.DrawFn, server_type: str | None, credential: str | None, any_type: bool) -> Request:
    if any_type:
        choices = [None, *SERVER_TYPES] if credential != "password" else [None, "BMS", "ECS"]
        server_type = draw(st.sampled_from(choices))
    if credential is None:
        credential = "key_pair" if server_type == "HPS" else draw(st.sampled_from(CREDENTIALS))
    request: Request = {
        "name": draw(_names(max_size=32)),
        "image_id": draw(uuids()),
        "network": draw(_network()),
    }
    if draw(st.booleans()):
        request["flavor"] = draw(_FLAVORS)
    else:
        request["resource_flavor"] = draw(_names(max_size=32))
    if credential == "key_pair":
        request["key_pair_name"] = draw(_names(max_size=32))
    else:
        request["admin_pass"] = draw(passwords())
    if server_type is not None:
        request["server_type"] = server_type
    if server_type == "HPS":
        request["hps_cluster_id"] = draw(uuids())
    request.update(draw(_optional_fields(server_type)))
    if draw(st.booleans()):
        request[draw(st.sampled_from(["user_data", "userdata"]))] = draw(_user_data())
    return request


def requests(server_type: str | None = None, credential: str | None = None) -> st.SearchStrategy[Request]:
    """Valid create requests (they lint clean), optionally of one ``server_type`` (BMS, ECS, HPS)
    and one ``credential`` (``"key_pair"`` or ``"password"``; a supernode takes a key pair only)."""
    if server_type is not None and server_type not in SERVER_TYPES:
        raise ValueError(f"server_type must be one of {', '.join(SERVER_TYPES)} or None, not {server_type!r}")
    if credential is not None and credential not in CREDENTIALS:
        raise ValueError(f"credential must be 'key_pair', 'password' or None, not {credential!r}")
    if server_type == "HPS" and credential == "password":
        raise ValueError("a supernode (server_type HPS) accepts only a key pair; no valid request has a password")
    return _valid_request(server_type, credential, any_type=server_type is None)


# ---------------------------------------------------------------------------------------
# Invalid requests: one strategy per rule, each a valid request with one thing broken.


def _with(request: Request, path: tuple[str, ...], value: Any) -> Request:
    """A copy of ``request`` with the field at ``path`` set (parents created as needed)."""
    result = copy.deepcopy(request)
    node = result
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    return result


def _without(request: Request, *keys: str) -> Request:
    result = copy.deepcopy(request)
    for key in keys:
        result.pop(key, None)
    return result


Edit = Callable[[st.DrawFn, Request], Request]


def _edit(base: st.SearchStrategy[Request], edit: Edit) -> st.SearchStrategy[Request]:
    """Requests drawn from ``base`` and changed by ``edit`` (which may draw more)."""

    @st.composite
    def edited(draw: st.DrawFn) -> Request:
        return edit(draw, draw(base))

    return edited()


def _non_hps() -> st.SearchStrategy[Request]:
    return st.one_of(requests("BMS"), requests("ECS"), _valid_request(None, None, any_type=False))


def _password_request(password: st.SearchStrategy[str]) -> st.SearchStrategy[Request]:
    return _edit(_non_hps(), lambda draw, r: _with(_without(r, "key_pair_name"), ("admin_pass",), draw(password)))


@st.composite
def _weak_password(draw: st.DrawFn) -> str:
    """8-26 allowed characters of at most two classes, no reserved word (LS204 only)."""
    classes = draw(_CLASS_ORDERS)[: draw(st.integers(1, 2))]
    return _no_reserved(draw(st.text("".join(classes), min_size=PASSWORD_MIN, max_size=PASSWORD_MAX)))


@st.composite
def _inserted(draw: st.DrawFn, insert: st.SearchStrategy[str]) -> str:
    """A valid password with ``insert`` put in at some place, still at most 26 characters."""
    text = draw(insert)
    password = draw(passwords(max_size=PASSWORD_MAX - len(text)))
    at = draw(st.integers(0, len(password)))
    return password[:at] + text + password[at:]


def _reserved_word() -> st.SearchStrategy[str]:
    words = st.sampled_from((*RESERVED_WORDS, *_REVERSED))
    return st.tuples(words, st.randoms()).map(
        lambda wr: "".join(c.upper() if wr[1].random() < 0.5 else c for c in wr[0])
    )


@st.composite
def _bad_length_password(draw: st.DrawFn) -> str:
    """3-7 or 27-40 characters, three classes, allowed characters, no reserved word (LS203 only)."""
    short = draw(st.booleans())
    size = draw(st.integers(3, PASSWORD_MIN - 1) if short else st.integers(PASSWORD_MAX + 1, 40))
    chars = [draw(st.sampled_from(c)) for c in (_UPPER, _LOWER, _DIGITS)]
    chars += [draw(st.sampled_from(_DIGITS + _SAFE_SPECIALS)) for _ in range(size - 3)]
    return "".join(draw(st.permutations(chars)))


def _invalid_ip() -> st.SearchStrategy[str]:
    octets = st.tuples(st.integers(256, 999), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
    dotted = octets.map(lambda o: ".".join(map(str, o)))
    text = st.text("0123456789./:abcxyz-", max_size=20).filter(lambda t: classify(t) == "invalid")
    return st.one_of(dotted, text)


def _wide_block() -> st.SearchStrategy[str]:
    v4 = st.tuples(st.ip_addresses(v=4), st.integers(1, 23))
    v6 = st.tuples(st.ip_addresses(v=6), st.integers(1, 23))
    return st.one_of(v4, v6).map(lambda ap: f"{ap[0]}/{ap[1]}")


def _pair_request(address: st.SearchStrategy[str]) -> st.SearchStrategy[Request]:
    def edit(draw: st.DrawFn, r: Request) -> Request:
        return _with(r, ("network", "allowed_address_pairs"), [{"ip_address": draw(address)}])

    return _edit(requests(), edit)


def _big_user_data() -> st.SearchStrategy[str]:
    sizes = st.integers(USER_DATA_MAX_BYTES + 1, USER_DATA_MAX_BYTES + 4096)
    return st.tuples(st.binary(min_size=1, max_size=16), sizes).map(
        lambda bs: base64.b64encode((bs[0] * (bs[1] // len(bs[0]) + 1))[: bs[1]]).decode("ascii")
    )


def _not_base64() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=64).filter(lambda t: decoded_size(t) is None)


def _user_data_request(value: st.SearchStrategy[str]) -> st.SearchStrategy[Request]:
    def edit(draw: st.DrawFn, r: Request) -> Request:
        key = draw(st.sampled_from(["user_data", "userdata"]))
        return _with(_without(r, "user_data", "userdata"), (key,), draw(value))

    return _edit(requests(), edit)


# Schema rules: (path, values) pairs; each value, put at its path, breaks one fact only.
_CHARGING = {"charging_mode": "PRE_PAID", "period_num": 1, "period_type": "MONTH"}
_DATA_VOLUME = {"type": "ESSD", "size": 500, "count": 2}


def _at(
    choices: Sequence[tuple[tuple[str, ...], st.SearchStrategy[Any]]], base: st.SearchStrategy[Request] | None = None
) -> st.SearchStrategy[Request]:
    """Requests with one of the ``choices`` (path, value) applied; the data and charging blocks given first."""

    def edit(draw: st.DrawFn, r: Request) -> Request:
        r = _with(_with(r, ("charging_info",), dict(_CHARGING)), ("data_volume",), dict(_DATA_VOLUME))
        path, values = draw(st.sampled_from(choices))
        if path == ("flavor",):
            r = _without(r, "resource_flavor")  # else LS402 as well
        return _with(r, path, draw(values))

    return _edit(base if base is not None else _non_hps(), edit)


@st.composite
def _missing_required(draw: st.DrawFn) -> Request:
    request = draw(requests())
    request["charging_info"] = dict(_CHARGING)
    request["data_volume"] = dict(_DATA_VOLUME)
    request["network"]["hyper_group"] = {"id": draw(uuids())}
    request["network"]["allowed_address_pairs"] = [{"ip_address": "192.168.1.10", "mac_address": "fa:16:3e:00:00:01"}]
    choices: list[tuple[Any, ...]] = [
        ("name",), ("image_id",), ("network",), ("network", "security_group_id"), ("network", "subnet_id"),
        ("network", "vpc_id"), ("network", "hyper_group", "id"), ("network", "allowed_address_pairs", 0, "ip_address"),
        ("charging_info", "charging_mode"), ("charging_info", "period_num"), ("charging_info", "period_type"),
        ("data_volume", "type"), ("data_volume", "size"), ("data_volume", "count"),
    ]
    path = draw(st.sampled_from(choices))
    node: Any = request
    for key in path[:-1]:
        node = node[key]
    if draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = None  # null is the same as missing
    return request


@st.composite
def _unknown_field(draw: st.DrawFn) -> Request:
    request = draw(requests())
    request["root_volume"] = {"type": "SSD"}
    where = draw(st.sampled_from([(), ("network",), ("root_volume",)]))
    key = "x_" + draw(st.text(_LOWER + "_", min_size=1, max_size=12))
    node = request
    for part in where:
        node = node[part]
    node[key] = draw(st.one_of(st.text(max_size=8), st.integers(), st.booleans()))
    return request


_NOT_A_STRING = st.one_of(
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)
_NOT_AN_INT = st.one_of(
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(_LOWER, min_size=1, max_size=5),
    st.lists(st.integers(), max_size=2),
)
_NOT_A_BOOL = st.one_of(st.integers(), st.text(max_size=5), st.lists(st.booleans(), max_size=2))
_NOT_A_DICT = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.lists(st.integers(), max_size=2))

_WRONG_TYPE = [
    (("name",), _NOT_A_STRING),
    (("image_id",), _NOT_A_STRING),
    (("flavor",), _NOT_A_STRING),
    (("arch",), _NOT_A_STRING),
    (("network",), _NOT_A_DICT),
    (("network", "ipv6_enable"), _NOT_A_BOOL),
    (("network", "allowed_address_pairs"), st.one_of(st.text(max_size=5), st.integers(), st.booleans())),
    (("root_volume",), _NOT_A_DICT),
    (("root_volume", "size"), _NOT_AN_INT),
    (("data_volume",), _NOT_A_DICT),
    (("data_volume", "count"), _NOT_AN_INT),
    (("count",), _NOT_AN_INT),
    (("charging_info", "period_num"), _NOT_AN_INT),
    (("charging_info", "is_auto_pay"), _NOT_A_BOOL),
]

_NUMERIC_STRING = [
    (("count",), st.integers(1, 10).map(str)),
    (("root_volume", "size"), st.integers(100, 1024).map(str)),
    (("data_volume", "size"), st.integers(100, 32768).map(str)),
    (("data_volume", "count"), st.integers(1, 8).map(str)),
    (("charging_info", "period_num"), st.integers(1, 11).map(str)),
]


def _not_in(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.text(max_size=12).filter(lambda t: t not in values)


_ENUM = [
    (("arch",), _not_in(ARCHES)),
    (("root_volume", "type"), _not_in(VOLUME_TYPES)),
    (("data_volume", "type"), _not_in(VOLUME_TYPES)),
    (("charging_info", "charging_mode"), _not_in(CHARGING_MODES)),
    (("charging_info", "period_type"), _not_in(PERIOD_TYPES)),
]

_LENGTH = [
    (("name",), _names(65, 100)),
    (("flavor",), st.one_of(st.just(""), st.text(min_size=129, max_size=160))),
    (("enterprise_project_id",), _names(37, 60)),
    (("availability_zone",), _names(257, 300)),
]

_RANGE = [
    (("count",), st.one_of(st.integers(max_value=0), st.integers(min_value=11))),
    (("root_volume", "size"), st.one_of(st.integers(max_value=99), st.integers(min_value=1025))),
    (("data_volume", "size"), st.one_of(st.integers(max_value=99), st.integers(min_value=32769))),
    (("data_volume", "count"), st.one_of(st.integers(max_value=0), st.integers(min_value=9))),
    (("charging_info", "period_num"), st.one_of(st.integers(max_value=0), st.integers(min_value=12))),
]


def _not_uuid() -> st.SearchStrategy[str]:
    pattern = re.compile(UUID_PATTERN)
    return st.text(max_size=40).filter(lambda t: not pattern.match(t))


def _bad_name() -> st.SearchStrategy[str]:
    """1-64 characters with at least one that is not a name character."""
    bad = st.characters(exclude_characters=_NAME_CHARS, max_codepoint=0xD7FF)  # below the surrogates
    return st.tuples(_names(0, 30), bad, _names(0, 30)).map("".join)


_PATTERN = [
    (("image_id",), _not_uuid()),
    (("network", "vpc_id"), _not_uuid()),
    (("network", "roce_id"), _not_uuid()),
    (("name",), _bad_name()),
    (("availability_zone",), _bad_name()),
]

_UNQUOTED = [
    (("enterprise_project_id",), st.integers(0, 10**9)),
    (("name",), st.integers(0, 10**9)),
    (("availability_zone",), st.integers(0, 10**9)),
]


def _hps_with(edit: Edit) -> st.SearchStrategy[Request]:
    return _edit(requests("HPS"), edit)


_STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Request]]] = {
    "LS101": _missing_required,
    "LS102": _unknown_field,
    "LS103": lambda: _at(_WRONG_TYPE),
    "LS104": lambda: _at(_NUMERIC_STRING),
    "LS105": lambda: _at(_ENUM),
    "LS106": lambda: _at(_LENGTH),
    "LS107": lambda: _at(_RANGE),
    "LS108": lambda: _at(_PATTERN),
    "LS109": lambda: _at(_UNQUOTED),
    "LS201": lambda: requests(credential="key_pair").map(lambda r: _without(r, "key_pair_name")),
    "LS202": lambda: _edit(
        requests(credential="key_pair"), lambda draw, r: _with(r, ("admin_pass",), draw(passwords()))),
    "LS203": lambda: _password_request(_bad_length_password()),
    "LS204": lambda: _password_request(_weak_password()),
    "LS205": lambda: _password_request(_inserted(st.sampled_from([" ", "#", "&", "*", "~", "é", "密"]))),
    "LS206": lambda: _password_request(_inserted(_reserved_word())),
    "LS207": lambda: _password_request(_inserted(st.sampled_from(LEGACY_SPECIALS))),
    "LS301": lambda: _hps_with(lambda draw, r: _with(_without(r, "key_pair_name"), ("admin_pass",), draw(passwords()))),
    "LS302": lambda: requests("HPS").map(lambda r: _without(r, "hps_cluster_id")),
    "LS303": lambda: _edit(_non_hps(), lambda draw, r: _with(r, ("hps_cluster_id",), draw(uuids()))),
    "LS304": lambda: _hps_with(lambda draw, r: _with(r, ("count",), draw(st.integers(1, 10)))),
    "LS401": lambda: requests().map(lambda r: _without(r, "flavor", "resource_flavor")),
    "LS402": lambda: _edit(requests(), lambda draw, r: _with(
        _with(r, ("flavor",), "s7.small.1"), ("resource_flavor",), draw(_names(max_size=32)))),
    "LS601": lambda: _edit(requests(), lambda draw, r: _with(
        r, ("charging_info",), {**_CHARGING, "charging_mode": "POST_PAID", "is_auto_renew": True})),
    "LS701": lambda: _pair_request(_invalid_ip()),
    "LS702": lambda: _pair_request(st.sampled_from(["0.0.0.0/0", "::/0"])),
    "LS703": lambda: _pair_request(st.just("1.1.1.1/0")),
    "LS704": lambda: _pair_request(_wide_block()),
    "LS801": lambda: _edit(requests(), lambda draw, r: _with(
        _with(r, ("user_data",), draw(_user_data())), ("userdata",), draw(_user_data()))),
    "LS802": lambda: _user_data_request(_not_base64()),
    "LS803": lambda: _user_data_request(_big_user_data()),
    "LS804": lambda: _user_data_request(st.just("")),
}

SUPPORTED: frozenset[str] = frozenset(_STRATEGIES)


def invalid_requests(rule: str = "LS204") -> st.SearchStrategy[Request]:
    """Requests that trigger exactly ``rule`` (one of :data:`SUPPORTED`) and no other rule."""
    build = _STRATEGIES.get(rule.upper())
    if build is None:
        raise ValueError(
            f"no strategy for rule {rule!r}; supported: {', '.join(sorted(SUPPORTED))} "
            "(LS0xx are file rules, and pack rules are your own)"
        )
    return build()
