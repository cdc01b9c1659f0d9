"""Write a deterministic corpus of spec files for the benchmark: valid and invalid requests.

    python bench/corpus.py [--files 10000] [--seed 3] [--out bench/corpus]

About 10% of the files carry exactly one mistake (a wrong enum, a range, a missing or unknown
field, a bad UUID, a password rule, a syntax error, a duplicate key, ...); about a quarter are
JSON, the rest YAML.  The same seed always writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import string
import uuid
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"

Request = dict[str, Any]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _name(rng: random.Random, prefix: str) -> str:
    return f"{prefix}-{rng.randrange(1, 10_000):04d}"


def _password(rng: random.Random) -> str:
    """A password every credential rule accepts: 12 characters, all four classes."""
    parts = [
        rng.choice(string.ascii_uppercase),
        rng.choice(string.ascii_lowercase),
        rng.choice(string.digits),
        rng.choice("-_=+.:"),
        *(rng.choice("abcdefghjkmnpqsuvwxyz23456789") for _ in range(8)),
    ]
    return "".join(parts)


def _network(rng: random.Random) -> Request:
    return {"security_group_id": _uuid(rng), "subnet_id": _uuid(rng), "vpc_id": _uuid(rng)}


def _ecs(rng: random.Random) -> Request:
    return {
        "name": _name(rng, "ecs"),
        "flavor": rng.choice(["s7.small.1", "c7.large.2", "m6.xlarge.8"]),
        "image_id": _uuid(rng),
        "key_pair_name": _name(rng, "KeyPair"),
        "arch": rng.choice(["X86", "ARM"]),
        "server_type": "ECS",
        "network": _network(rng),
        "root_volume": {"type": rng.choice(["SSD", "GPSSD", "ESSD"]), "size": rng.choice([100, 200, 500])},
        "data_volume": {"type": "ESSD", "size": rng.choice([100, 500, 2000]), "count": rng.randint(1, 8)},
        "charging_info": {"charging_mode": "POST_PAID", "period_num": 1, "period_type": "MONTH"},
    }


def _bms_password(rng: random.Random) -> Request:
    return {
        "name": _name(rng, "bms-train"),
        "flavor": "physical.kat2.8xlarge",
        "image_id": _uuid(rng),
        "admin_pass": _password(rng),
        "server_type": "BMS",
        "arch": "ARM",
        "count": rng.randint(1, 10),
        "network": {**_network(rng), "ipv6_enable": rng.random() < 0.5},
    }


def _supernode(rng: random.Random) -> Request:
    return {
        "name": _name(rng, "hps-node"),
        "flavor": "ascend.snt9b.8xlarge",
        "image_id": _uuid(rng),
        "key_pair_name": _name(rng, "ops-keypair"),
        "arch": "ARM",
        "server_type": "HPS",
        "hps_cluster_id": _uuid(rng),
        "network": {**_network(rng), "roce_id": _uuid(rng), "hyper_group": {"id": _uuid(rng)}},
        "charging_info": {
            "charging_mode": "PRE_PAID",
            "period_num": rng.randint(1, 11),
            "period_type": rng.choice(["MONTH", "YEAR"]),
            "is_auto_pay": True,
            "is_auto_renew": rng.random() < 0.5,
        },
    }


def _pool(rng: random.Random) -> Request:
    return {
        "name": _name(rng, "pool-worker"),
        "resource_flavor": "pool-flavor.8xlarge",
        "image_id": _uuid(rng),
        "key_pair_name": _name(rng, "KeyPair"),
        "availability_zone": rng.choice(["cn-north-4a", "cn-north-4b"]),
        "enterprise_project_id": "0",
        "user_data": "IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo=",
        "network": {
            **_network(rng),
            "allowed_address_pairs": [
                {"ip_address": f"192.168.{rng.randrange(256)}.0/24"},
                {"ip_address": f"10.0.{rng.randrange(256)}.{rng.randrange(1, 255)}", "mac_address": "fa:16:3e:00:00:01"},
            ],
        },
    }


KINDS: tuple[Callable[[random.Random], Request], ...] = (_ecs, _ecs, _bms_password, _supernode, _pool)


# One mistake each: a function that edits the request (or returns text to write instead).
def _wrong_case(r: Request, rng: random.Random) -> None:
    r["arch"] = "x86"


def _unknown_field(r: Request, rng: random.Random) -> None:
    r["description"] = "a training node"


def _root_too_small(r: Request, rng: random.Random) -> None:
    r["root_volume"] = {"type": "SSD", "size": 50}


def _short_uuid(r: Request, rng: random.Random) -> None:
    r["image_id"] = r["image_id"][:18]


def _missing_vpc(r: Request, rng: random.Random) -> None:
    del r["network"]["vpc_id"]


def _too_many_disks(r: Request, rng: random.Random) -> None:
    r["data_volume"] = {"type": "SSD", "size": 100, "count": 9}


def _quoted_number(r: Request, rng: random.Random) -> None:
    r["root_volume"] = {"type": "SSD", "size": "200"}


def _two_credentials(r: Request, rng: random.Random) -> None:
    r.pop("server_type", None)
    r.pop("hps_cluster_id", None)
    r["admin_pass"] = _password(rng)
    r["key_pair_name"] = "KeyPair-1"


def _weak_password(r: Request, rng: random.Random) -> None:
    r.pop("key_pair_name", None)
    r.pop("server_type", None)
    r.pop("hps_cluster_id", None)
    r["admin_pass"] = "alllowercaseletters"


def _open_pair(r: Request, rng: random.Random) -> None:
    r["network"]["allowed_address_pairs"] = [{"ip_address": "0.0.0.0/0"}]


def _string_bool(r: Request, rng: random.Random) -> None:
    r["network"]["ipv6_enable"] = "yes"


EDITS = (
    _wrong_case, _unknown_field, _root_too_small, _short_uuid, _missing_vpc, _too_many_disks,
    _quoted_number, _two_credentials, _weak_password, _open_pair, _string_bool,
)
TEXT_EDITS = ("syntax", "duplicate")


def _as_yaml(request: Request) -> str:
    """Block-style YAML, the way people write spec files (no PyYAML needed)."""
    lines: list[str] = []

    def scalar(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        return json.dumps(value) if value in ("0", "200", "yes") or value[:1] in "*&!" else value

    def emit(mapping: Request, indent: str, first_prefix: str | None = None) -> None:
        for i, (key, value) in enumerate(mapping.items()):
            lead = first_prefix if (first_prefix is not None and i == 0) else indent
            if isinstance(value, dict):
                lines.append(f"{lead}{key}:")
                emit(value, indent + "  ")
            elif isinstance(value, list):
                lines.append(f"{lead}{key}:")
                for item in value:
                    emit(item, indent + "    ", first_prefix=indent + "  - ")
            else:
                lines.append(f"{lead}{key}: {scalar(value)}")

    emit(request, "")
    return "\n".join(lines) + "\n"


def generate(files: int, seed: int, out: Path) -> dict[str, int]:
    """Write ``files`` spec files into ``out`` (emptied first); the counts of what was written."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    counts = {"yaml": 0, "json": 0, "invalid": 0}
    for number in range(files):
        request = rng.choice(KINDS)(rng)
        as_json = rng.random() < 0.25
        mistake = rng.random() < 0.10
        text_edit = None
        if mistake:
            counts["invalid"] += 1
            choice = rng.randrange(len(EDITS) + len(TEXT_EDITS))
            if choice < len(EDITS):
                EDITS[choice](request, rng)
            else:
                text_edit = TEXT_EDITS[choice - len(EDITS)]
        text = json.dumps(request, indent=2) + "\n" if as_json else _as_yaml(request)
        if text_edit == "syntax":
            text = text.replace('",\n', '"\n', 1) if as_json else text.replace("image_id: ", "image_id: [", 1)
        elif text_edit == "duplicate":
            text = text.replace("{\n", '{\n  "name": "dup",\n', 1) if as_json else "name: dup\n" + text
        suffix = "json" if as_json else "yaml"
        counts[suffix] += 1
        (out / f"spec-{number:05d}.{suffix}").write_text(text, encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    counts = generate(args.files, args.seed, args.out)
    print(f"wrote {args.files} files to {args.out}: {counts}")


if __name__ == "__main__":
    main()
