"""The create request's plain field facts, as one cerberus schema.

This module is plain data: no import of cerberus happens here, so the fast path, the
JSON Schema export and the docs read it for free.  Every field carries a ``meta`` block
(cerberus's own rule for annotations) with a description, the source of the fact, a
human phrasing of its pattern, and whether its value is secret.

What a schema cannot say well (exactly-one-of, password complexity, HPS rules, base64)
lives in the rule modules of :mod:`liteserver_lint.rules`.  Sources: SEED = the SDK
reference page in ``shared/seeds``; SDK = ``huaweicloudsdkmodelarts`` 3.1.219.
"""

from __future__ import annotations

from typing import Any, Final

# ``\Z`` and not ``$``: cerberus appends ``$`` to a regex, and ``$`` also matches before a
# trailing newline, so ``"abc\n"`` would pass.  ``\Z`` matches only at the very end.
NAME_PATTERN: Final = r"[A-Za-z0-9._-]+\Z"
NAME_TEXT: Final = "letters, digits, '.', '_' and '-'"
UUID_PATTERN: Final = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z"
UUID_TEXT: Final = "a UUID (8-4-4-4-12 hexadecimal digits)"

VOLUME_TYPES: Final = ("ESSD", "GPSSD", "SAS", "SATA", "SSD")
ARCHES: Final = ("ARM", "X86")
SERVER_TYPES: Final = ("BMS", "ECS", "HPS")
CHARGING_MODES: Final = ("COMMON", "POST_PAID", "PRE_PAID")
PERIOD_TYPES: Final = ("ABSOLUTE", "DAY", "HOUR", "MONTH", "WEEK", "YEAR")

USER_DATA_KEYS: Final = ("user_data", "userdata")
USER_DATA_MAX_BYTES: Final = 32 * 1024
PASSWORD_MIN: Final = 8
PASSWORD_MAX: Final = 26


def _meta(description: str, source: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "source": source, **extra}


def _name(description: str, source: str, maxlength: int, **rules: Any) -> dict[str, Any]:
    """A string of 1..maxlength name characters (letters, digits, ``. _ -``)."""
    return {
        "type": "string",
        "minlength": 1,
        "maxlength": maxlength,
        "regex": NAME_PATTERN,
        "meta": _meta(description, source, pattern_text=NAME_TEXT),
        **rules,
    }


def _uuid(description: str, source: str, **rules: Any) -> dict[str, Any]:
    return {
        "type": "string",
        "regex": UUID_PATTERN,
        "meta": _meta(description, source, pattern_text=UUID_TEXT),
        **rules,
    }


def _enum(values: tuple[str, ...], description: str, source: str, **rules: Any) -> dict[str, Any]:
    return {"type": "string", "allowed": list(values), "meta": _meta(description, source), **rules}


def _int(lo: int, hi: int, description: str, source: str, **rules: Any) -> dict[str, Any]:
    return {"type": "integer", "min": lo, "max": hi, "meta": _meta(description, source), **rules}


def _bool(description: str, source: str) -> dict[str, Any]:
    return {"type": "boolean", "meta": _meta(description, source)}


def _block(fields: dict[str, Any], description: str, source: str) -> dict[str, Any]:
    return {"type": "dict", "schema": fields, "meta": _meta(description, source)}


CHARGING_INFO: Final = _block(
    {
        "charging_mode": _enum(CHARGING_MODES, "Payment type.", "SEED t3", required=True),
        "period_num": _int(1, 11, "Number of periods.", "SEED t3; range: SDK", required=True),
        "period_type": _enum(PERIOD_TYPES, "Period unit.", "SEED t3", required=True),
        "is_auto_pay": _bool("Pay the order automatically.", "SEED t3"),
        "is_auto_renew": _bool("Renew automatically when the period ends.", "SEED t3"),
    },
    "Billing information of the server.",
    "SEED t3",
)

ADDRESS_PAIR: Final = {
    "type": "dict",
    "schema": {
        # The address itself (IP or CIDR, never 0.0.0.0/0) is checked by the network rules.
        "ip_address": {
            "type": "string",
            "required": True,
            "meta": _meta("IPv4/IPv6 address or CIDR allowed through this port.", "SDK"),
        },
        "mac_address": {"type": "string", "meta": _meta("MAC address of the pair.", "SDK")},
    },
    "meta": _meta("An IP/MAC pair the port accepts traffic for.", "SDK"),
}

NETWORK: Final = _block(
    {
        "security_group_id": _uuid("Security group of the server.", "SEED t4", required=True),
        "subnet_id": _uuid("Subnet of the server.", "SEED t4", required=True),
        "vpc_id": _uuid("VPC of the server.", "SEED t4", required=True),
        "ipv6_enable": _bool("Enable IPv6 (subnet, flavor and image must support it).", "SEED t4"),
        "roce_id": _uuid("RoCE network ID.", "SEED t4"),
        "allowed_address_pairs": {
            "type": "list",
            "schema": ADDRESS_PAIR,
            "meta": _meta("Extra IP/MAC pairs the port accepts.", "SDK"),
        },
        "hyper_cluster": _block(
            {
                "id": {"type": "string", "meta": _meta("Hyper cluster ID.", "SDK")},
                "hyper_cluster_subnet_id": {
                    "type": "string",
                    "meta": _meta("Subnet of the hyper cluster.", "SDK"),
                },
            },
            "Hyper cluster network.",
            "SDK",
        ),
        "hyper_group": _block(
            {"id": _uuid("Hyper group ID.", "SDK", required=True)},
            "Hyper group network.",
            "SDK",
        ),
    },
    "Server network information.",
    "SEED t2, t4",
)

ROOT_VOLUME: Final = _block(
    {
        "type": _enum(VOLUME_TYPES, "System disk type.", "SEED t5"),
        "size": _int(100, 1024, "System disk size in GB.", "SEED t5; range: SDK"),
    },
    "System disk of the server.",
    "SEED t5",
)

DATA_VOLUME: Final = _block(
    {
        "type": _enum(VOLUME_TYPES, "Data disk type.", "SEED t6", required=True),
        "size": _int(100, 32768, "Size of each data disk in GB.", "SEED t6; range: SDK", required=True),
        "count": _int(1, 8, "Number of data disks.", "SEED t6", required=True),
    },
    "Data disks of the server (one block, not a list).",
    "SEED t6",
)

# The request body of POST /v1/{project_id}/dev-servers.
SCHEMA: Final[dict[str, Any]] = {
    "name": _name("Server name.", "SEED t2; SDK", 64, required=True),
    # Exactly one of flavor / resource_flavor: the flavor rules (LS401, LS402).
    "flavor": {
        "type": "string",
        "minlength": 1,
        "maxlength": 128,
        "meta": _meta("Server specification name.", "SEED t2; SDK"),
    },
    "resource_flavor": _name("Resource pool flavor name.", "SDK", 256),
    "image_id": _uuid("Server image ID.", "SEED t2; SDK", required=True),
    "network": {**NETWORK, "required": True},
    # Exactly one of admin_pass / key_pair_name, and the password rules: LS2xx.
    "admin_pass": {
        "type": "string",
        "meta": _meta("Login password (8-26 characters, 3 of 4 classes).", "SEED t2", secret=True),
    },
    "key_pair_name": _name("Key pair for logging in; the only credential of a supernode.", "SEED t2; SDK", 64),
    "arch": _enum(ARCHES, "Architecture of the flavor.", "SEED t2"),
    "availability_zone": _name("Availability zone.", "SDK", 256),
    "charging_info": CHARGING_INFO,
    # Not allowed with server_type HPS: LS304.
    "count": _int(1, 10, "Number of servers to create.", "SDK (the 2025 API page says 1-100)"),
    "enterprise_project_id": _name("Enterprise project ('0' is the default project).", "SDK", 36),
    "root_volume": ROOT_VOLUME,
    "data_volume": DATA_VOLUME,
    "server_type": _enum(SERVER_TYPES, "Server type: BMS, ECS or HPS (supernode).", "SEED t2"),
    # base64 and the 32 KiB limit: the user-data rules (LS8xx); both spellings at once: LS801.
    "user_data": {
        "type": "string",
        "meta": _meta("Base64 user data (cloud-init), at most 32 KiB decoded.", "SDK", secret=True),
    },
    "userdata": {
        "type": "string",
        "meta": _meta("The SEED's spelling of user_data.", "SEED t2", secret=True),
    },
    # Required with server_type HPS, forbidden otherwise: LS302, LS303.
    "hps_cluster_id": _uuid("Supernode cluster ID (only for server_type HPS).", "SEED t2; SDK"),
}

# A minimal valid request (the SEED example's fields): the base of rule examples and tests.
EXAMPLE_YAML: Final = """\
name: server_test
flavor: s7.small.1
image_id: e16eff65-1899-446e-baf2-0d2b6b5dd8c0
key_pair_name: KeyPair-3d6a
network:
  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742
  subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54
  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172
"""

# Keys that are known mistakes rather than typos: the suggestion for each.
KNOWN_ALIASES: Final[dict[str, str]] = {
    # The old ModelArts SDK's RootVolume(root_type=...) keyword, as in the SEED example.
    "root_type": "type",
    "flavour": "flavor",
}


def field_schema(path: tuple[str | int, ...]) -> dict[str, Any] | None:
    """The schema entry of the field at ``path`` (list indexes skipped), or None."""
    rules: dict[str, Any] | None = {"type": "dict", "schema": SCHEMA}
    for part in path:
        if rules is None:
            return None
        if isinstance(part, int):
            rules = rules.get("schema") if rules.get("type") == "list" else None
            continue
        fields = rules.get("schema") if rules.get("type") == "dict" else None
        rules = fields.get(part) if isinstance(fields, dict) else None
    return rules

