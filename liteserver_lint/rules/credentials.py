"""Credentials: exactly one of admin_pass / key_pair_name, and the password rules (SEED table 2).

No message here ever contains the password or any part of it.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..contract import PASSWORD_MAX, PASSWORD_MIN
from ..findings import Problem, Severity
from ..rule import Rule

# The SEED's special characters; the current API, SDK and Terraform drop `$` and `^`.
SPECIALS = "!@$%^-_=+[{}]:,./?"
LEGACY_SPECIALS = "$^"
RESERVED_WORDS = ("root", "administrator")
_ALLOWED = re.compile(r"[A-Za-z0-9" + re.escape(SPECIALS) + r"]*\Z")
_CLASSES = (
    re.compile(r"[A-Z]"),
    re.compile(r"[a-z]"),
    re.compile(r"[0-9]"),
    re.compile("[" + re.escape(SPECIALS) + "]"),
)


def _password(request: dict[str, Any]) -> str | None:
    """The admin_pass value, when it is a string (the schema reports any other type)."""
    value = request.get("admin_pass")
    return value if isinstance(value, str) else None


def check_credential_missing(request: dict[str, Any]) -> Iterator[Problem]:
    """Neither admin_pass nor key_pair_name is given."""
    if "admin_pass" not in request and "key_pair_name" not in request:
        yield CREDENTIAL_MISSING.problem(("key_pair_name",))


def check_credential_conflict(request: dict[str, Any]) -> Iterator[Problem]:
    """Both admin_pass and key_pair_name are given: the password is the one to remove."""
    if "admin_pass" in request and "key_pair_name" in request:
        yield CREDENTIAL_CONFLICT.problem(("admin_pass",))


def check_password_length(request: dict[str, Any]) -> Iterator[Problem]:
    """A password shorter or longer than the API allows."""
    password = _password(request)
    if password is not None and not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        yield PASSWORD_LENGTH.problem(("admin_pass",))


def check_password_classes(request: dict[str, Any]) -> Iterator[Problem]:
    """A password with fewer than three of the four character kinds."""
    password = _password(request)
    if password is not None and sum(1 for c in _CLASSES if c.search(password)) < 3:
        yield PASSWORD_CLASSES.problem(("admin_pass",))


def check_password_characters(request: dict[str, Any]) -> Iterator[Problem]:
    """A password with a character outside the SEED's set."""
    password = _password(request)
    if password is not None and not _ALLOWED.match(password):
        yield PASSWORD_CHARACTERS.problem(("admin_pass",))


def check_password_reserved(request: dict[str, Any]) -> Iterator[Problem]:
    """A password containing root or administrator, forwards or reversed, in any case."""
    password = _password(request)
    if password is None:
        return
    folded = password.casefold()
    if any(word in folded or word[::-1] in folded for word in RESERVED_WORDS):
        yield PASSWORD_RESERVED.problem(("admin_pass",))


def check_password_legacy_special(request: dict[str, Any]) -> Iterator[Problem]:
    """A password with '$' or '^', which only the SEED allows."""
    password = _password(request)
    if password is not None and any(c in password for c in LEGACY_SPECIALS):
        yield PASSWORD_LEGACY_SPECIAL.problem(("admin_pass",))


_SOURCE = "SEED table 2 (admin_pass, key_pair_name); SDK; API ('cannot coexist')"

CREDENTIAL_MISSING = Rule(
    "LS201", "credential-missing", Severity.ERROR,
    "No login credential; set key_pair_name (or admin_pass).",
    what="A request must give exactly one of `admin_pass` and `key_pair_name`; this one gives neither.",
    why="The API rejects a server nobody can log in to.",
    bad="key_pair_name: null", good="key_pair_name: KeyPair-3d6a", source=_SOURCE,
    check=check_credential_missing,
)
CREDENTIAL_CONFLICT = Rule(
    "LS202", "credential-conflict", Severity.ERROR,
    "Both admin_pass and key_pair_name are set; remove one (key pairs are safer).",
    what="`admin_pass` and `key_pair_name` together.",
    why="The API says the two cannot coexist and rejects the request.",
    bad="admin_pass: Secure-Pass1", good="admin_pass: null", source=_SOURCE,
    check=check_credential_conflict,
)
PASSWORD_LENGTH = Rule(
    "LS203", "password-length", Severity.ERROR,
    f"admin_pass must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long; choose another password.",
    what=f"The password's length, {PASSWORD_MIN} to {PASSWORD_MAX} characters.",
    why="The API rejects other lengths.",
    bad="key_pair_name: null\nadmin_pass: Ab1-xyz", good="key_pair_name: null\nadmin_pass: Ab1-xyzw",
    source="SEED table 2", check=check_password_length,
)
PASSWORD_CLASSES = Rule(
    "LS204", "password-classes", Severity.ERROR,
    "admin_pass must mix at least three of: uppercase, lowercase, digits, special characters; add the missing kinds.",
    what=f"At least three of the four kinds: uppercase letters, lowercase letters, digits, "
    f"special characters (`{SPECIALS}`).",
    why="The API rejects weak passwords.",
    bad="key_pair_name: null\nadmin_pass: alllowercase", good="key_pair_name: null\nadmin_pass: Mixed-case7",
    source="SEED table 2", check=check_password_classes,
)
PASSWORD_CHARACTERS = Rule(
    "LS205", "password-characters", Severity.ERROR,
    f"admin_pass has a character the API does not allow; use only letters, digits and {SPECIALS}",
    what=f"Every character is a letter, a digit or one of `{SPECIALS}` (the SEED's set); a space, "
    "`#`, `&`, `*` or any non-ASCII character is rejected.",
    why="The API rejects the request; a `#` in YAML may also start a comment and cut the password.",
    bad="key_pair_name: null\nadmin_pass: \"Pass word*9\"", good="key_pair_name: null\nadmin_pass: Pass_word-9",
    source="SEED table 2; SDK and API (narrower set)", check=check_password_characters,
)
PASSWORD_RESERVED = Rule(
    "LS206", "password-reserved-word", Severity.ERROR,
    "admin_pass contains 'root' or 'administrator' (or one of them reversed); choose another password.",
    what="The password must not contain `root`, `administrator`, `toor` or `rotartsinimda`, in any case.",
    why="The API forbids the login user's name (root / Administrator) and its reverse in the password.",
    bad="key_pair_name: null\nadmin_pass: MyRoot-2024", good="key_pair_name: null\nadmin_pass: MyTree-2024",
    source="SEED table 2", check=check_password_reserved,
)
PASSWORD_LEGACY_SPECIAL = Rule(
    "LS207", "password-legacy-special", Severity.WARNING,
    "admin_pass uses '$' or '^', which the newer API may reject; prefer another special character.",
    what="`$` and `^` in the password. The SEED allows them; the current API, SDK and Terraform "
    "lists do not. They still count as special characters.",
    why="A password the older page allows may be rejected by the current API.",
    bad="key_pair_name: null\nadmin_pass: Dollar$ign9", good="key_pair_name: null\nadmin_pass: Dollar-ign9",
    source="SEED table 2 vs API/SDK/TF special-character lists", check=check_password_legacy_special,
)

RULES: tuple[Rule, ...] = (
    CREDENTIAL_MISSING,
    CREDENTIAL_CONFLICT,
    PASSWORD_LENGTH,
    PASSWORD_CLASSES,
    PASSWORD_CHARACTERS,
    PASSWORD_RESERVED,
    PASSWORD_LEGACY_SPECIAL,
)
