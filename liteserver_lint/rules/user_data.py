"""User data: base64, at most 32 KiB decoded, under one spelling (SEED t2 `userdata`; SDK `user_data`).

User data often carries cloud-init secrets: no message shows any of it.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from typing import Any, Iterator

from ..contract import USER_DATA_KEYS, USER_DATA_MAX_BYTES
from ..findings import Problem, Severity
from ..rule import Rule

_LINE_BREAKS = re.compile(r"[\r\n]")
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\Z")


def _user_data(request: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(key, value) of each user data spelling given as a string."""
    for key in USER_DATA_KEYS:
        value = request.get(key)
        if isinstance(value, str):
            yield key, value


# LS802 and LS803 both read each value (of one or both spellings): decode it once.  Two entries
# only, so at most two (possibly large) user data strings are kept alive.
@functools.lru_cache(maxsize=2)
def decoded_size(text: str) -> int | None:
    """Bytes that ``text`` decodes to, or None when it is not standard, padded base64."""
    compact = _LINE_BREAKS.sub("", text)
    if not _BASE64.match(compact):
        return None
    try:
        return len(base64.b64decode(compact, validate=True))
    except (binascii.Error, ValueError):
        return None


def check_both_spellings(request: dict[str, Any]) -> Iterator[Problem]:
    """Both user_data and userdata are given."""
    if all(key in request for key in USER_DATA_KEYS):
        yield BOTH_SPELLINGS.problem(("userdata",))


def check_not_base64(request: dict[str, Any]) -> Iterator[Problem]:
    """A non-empty user data value that is not standard, padded base64."""
    for key, text in _user_data(request):
        if text and decoded_size(text) is None:
            yield NOT_BASE64.problem((key,))


def check_too_large(request: dict[str, Any]) -> Iterator[Problem]:
    """User data that decodes to more than USER_DATA_MAX_BYTES."""
    for key, text in _user_data(request):
        size = decoded_size(text) if text else None
        if size is not None and size > USER_DATA_MAX_BYTES:
            yield TOO_LARGE.problem((key,))


def check_empty(request: dict[str, Any]) -> Iterator[Problem]:
    """An empty user data value."""
    for key, text in _user_data(request):
        if not text:
            yield EMPTY.problem((key,))


_SCRIPT = "IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo="  # "#!/bin/bash\necho hello\n"
_SOURCE = "SEED table 2 (userdata); SDK (user_data); Terraform (userdata)"

BOTH_SPELLINGS = Rule(
    "LS801", "user-data-both-spellings", Severity.ERROR,
    "Both user_data and userdata are set; keep one (user_data is the SDK's spelling).",
    what="`user_data` and `userdata` in one request.",
    why="The API reads one of them; which one wins depends on the client, so the other is silently lost.",
    bad=f"user_data: {_SCRIPT}\nuserdata: {_SCRIPT}", good=f"user_data: {_SCRIPT}", source=_SOURCE,
    check=check_both_spellings,
)
NOT_BASE64 = Rule(
    "LS802", "user-data-not-base64", Severity.ERROR,
    "user_data must be base64 (standard alphabet, padded); encode the script with `base64`.",
    what="The value is standard, padded base64; line breaks are allowed.",
    why="The API passes user data to cloud-init as base64 and rejects anything else.",
    bad="user_data: \"#!/bin/bash\"", good=f"user_data: {_SCRIPT}", source=_SOURCE, check=check_not_base64,
)
TOO_LARGE = Rule(
    "LS803", "user-data-too-large", Severity.ERROR,
    f"user_data decodes to more than {USER_DATA_MAX_BYTES} bytes; shrink the script or fetch it at boot.",
    what=f"The decoded user data is at most {USER_DATA_MAX_BYTES} bytes (32 KiB).",
    why="The API rejects larger user data.",
    bad="user_data: " + "A" * (4 * (USER_DATA_MAX_BYTES // 3 + 1)), good=f"user_data: {_SCRIPT}",
    source=_SOURCE, check=check_too_large,
)
EMPTY = Rule(
    "LS804", "user-data-empty", Severity.WARNING,
    "user_data is empty; remove it or give the script.",
    what="An empty `user_data` (or `userdata`) string.",
    why="An empty value does nothing and usually means a template variable did not expand.",
    bad="user_data: \"\"", good=f"user_data: {_SCRIPT}", source=_SOURCE, check=check_empty,
)

RULES: tuple[Rule, ...] = (BOTH_SPELLINGS, NOT_BASE64, TOO_LARGE, EMPTY)
