"""Network: allowed_address_pairs, the one network setting that can open a server wide (SDK)."""

from __future__ import annotations

import functools
import ipaddress
from typing import Any, Iterator

from ..findings import Problem, Severity
from ..rule import Rule


def _pairs(request: dict[str, Any]) -> Iterator[tuple[int, str]]:
    """(index, ip_address) of every address pair that has a string ip_address."""
    network = request.get("network")
    pairs = network.get("allowed_address_pairs") if isinstance(network, dict) else None
    if not isinstance(pairs, list):
        return
    for index, pair in enumerate(pairs):
        if isinstance(pair, dict) and isinstance(pair.get("ip_address"), str):
            yield index, pair["ip_address"]


@functools.lru_cache(maxsize=256)  # four rules classify the same address: parse it once
def classify(text: str) -> str:
    """``invalid``, ``open`` (0.0.0.0/0, ::/0), ``check-off`` (1.1.1.1/0), ``wide`` (< /24) or ``ok``."""
    try:
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return "invalid"
    address = text.partition("/")[0]
    if net.prefixlen == 0 and address in ("0.0.0.0", "::"):
        return "open"
    if net.prefixlen == 0 and address == "1.1.1.1":
        return "check-off"
    return "wide" if net.prefixlen < 24 else "ok"


def _check(rule: Rule, kind: str, request: dict[str, Any]) -> Iterator[Problem]:
    """A problem of ``rule`` for each address pair whose address :func:`classify` calls ``kind``."""
    for index, text in _pairs(request):
        if classify(text) == kind:
            yield rule.problem(("network", "allowed_address_pairs", index, "ip_address"))


def check_pair_address(request: dict[str, Any]) -> Iterator[Problem]:
    """An address pair whose ip_address is not an address or CIDR block."""
    return _check(PAIR_ADDRESS, "invalid", request)


def check_pair_open(request: dict[str, Any]) -> Iterator[Problem]:
    """An address pair open to every address (0.0.0.0/0, ::/0)."""
    return _check(PAIR_OPEN, "open", request)


def check_pair_check_off(request: dict[str, Any]) -> Iterator[Problem]:
    """An address pair of 1.1.1.1/0 (the source/destination check off)."""
    return _check(PAIR_CHECK_OFF, "check-off", request)


def check_pair_wide(request: dict[str, Any]) -> Iterator[Problem]:
    """An address pair wider than /24."""
    return _check(PAIR_WIDE, "wide", request)


def _pair(address: str) -> str:
    return (
        "network:\n"
        "  security_group_id: 150a2c76-1334-45f6-b28f-419f9b1d1742\n"
        "  subnet_id: 38cf274a-98f9-4f6f-b622-5ed0e4a3db54\n"
        "  vpc_id: 05982b48-a70f-43a1-a2b0-1fe36a236172\n"
        "  allowed_address_pairs:\n"
        f"    - ip_address: {address}\n"
    )


_SOURCE = "SDK (allowed_address_pairs.py: ip_address notes)"

PAIR_ADDRESS = Rule(
    "LS701", "address-pair-invalid", Severity.ERROR,
    "ip_address is not an IP address or CIDR block; write one like 192.168.1.10 or 192.168.1.0/24.",
    what="Each `network.allowed_address_pairs[].ip_address` is an IPv4/IPv6 address or CIDR block.",
    why="The API rejects anything else.",
    bad=_pair("192.168.1.300"), good=_pair("192.168.1.30"), source=_SOURCE, check=check_pair_address,
)
PAIR_OPEN = Rule(
    "LS702", "address-pair-open", Severity.ERROR,
    "ip_address 0.0.0.0/0 (or ::/0) is not allowed; name the addresses the port should accept.",
    what="`0.0.0.0/0` or `::/0` as an allowed address pair.",
    why="The SDK documents that 0.0.0.0/0 is not allowed: it would accept traffic for every address.",
    bad=_pair("0.0.0.0/0"), good=_pair("192.168.1.0/24"), source=_SOURCE, check=check_pair_open,
)
PAIR_CHECK_OFF = Rule(
    "LS703", "address-pair-check-off", Severity.WARNING,
    "ip_address 1.1.1.1/0 turns the source/destination check off; make sure that is intended.",
    what="`1.1.1.1/0` as an allowed address pair.",
    why="The SDK documents 1.1.1.1/0 as the switch that disables the source/destination check: "
    "the port then forwards anyone's traffic.",
    bad=_pair("1.1.1.1/0"), good=_pair("192.168.1.0/24"), source=_SOURCE, check=check_pair_check_off,
)
PAIR_WIDE = Rule(
    "LS704", "address-pair-wide", Severity.INFO,
    "An address pair wider than /24; consider putting such servers in a security group of their own.",
    what="A CIDR block with a prefix shorter than /24 (other than 0.0.0.0/0, ::/0 and 1.1.1.1/0).",
    why="The SDK advises that wide address pairs belong in their own security group.",
    bad=_pair("10.0.0.0/16"), good=_pair("10.0.0.0/24"), source=_SOURCE, check=check_pair_wide,
)

RULES: tuple[Rule, ...] = (PAIR_ADDRESS, PAIR_OPEN, PAIR_CHECK_OFF, PAIR_WIDE)
