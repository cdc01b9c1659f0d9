"""Project configuration: ``.liteserver-lint.yaml`` or ``[tool.liteserver-lint]`` in ``pyproject.toml``.

The file is looked for from the current directory upwards; in one folder the dedicated
``.liteserver-lint.yaml`` wins over ``pyproject.toml`` (as ruff's ``ruff.toml`` does), with a
warning.  A ``pyproject.toml`` without a ``[tool.liteserver-lint]`` table does not count.
Every problem with the file is a :class:`ConfigError` naming the file and the key; the CLI
turns it into a one-line usage error (exit 2).  This module imports neither click nor the engine.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

if TYPE_CHECKING:
    from .findings import Finding

YAML_NAME = ".liteserver-lint.yaml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "liteserver-lint"
SEVERITIES = ("error", "warning", "info")
KEYS = ("select", "ignore", "severity", "fail-on", "exclude", "per-file-ignores", "policy")
# Always skipped when a directory is walked (a directory holding pyvenv.cfg too).
DEFAULT_EXCLUDE = (".git", ".venv", "venv", "node_modules", YAML_NAME)


class ConfigError(Exception):
    """A configuration file that cannot be used: unreadable, malformed, unknown key, wrong type."""


@dataclass(frozen=True)
class PathMatcher:
    """Globs relative to ``root``: with a ``/`` a pattern matches the path from ``root``, without
    one it matches a single file or directory name.  ``*`` and ``?`` stay within one name,
    ``**`` crosses folders; a pattern that matches a folder matches everything below it."""

    root: str
    patterns: tuple[str, ...]
    anchored: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    names: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        anchored, names = [], []
        for pattern in self.patterns:
            text = pattern.strip()
            while text.startswith("./"):
                text = text[2:]
            text = text.rstrip("/")
            if "/" in text:
                anchored.append(glob_regex(text.lstrip("/")))
            elif text:
                names.append(glob_regex(text))
        object.__setattr__(self, "anchored", tuple(anchored))
        object.__setattr__(self, "names", tuple(names))

    def parts(self, path: str) -> list[str]:
        """The path's names relative to ``root`` (``..`` and ``.`` dropped)."""
        try:
            relative = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive (Windows)
            relative = os.path.abspath(path)
        return [part for part in re.split(r"[\\/]", relative) if part not in ("", ".", "..")]

    def matches(self, path: str, whole: bool = True) -> bool:
        """Does a pattern match ``path``?  ``whole``: also any of its folders (else only the last name)."""
        parts = self.parts(path)
        if not parts:
            return False
        indexes = range(len(parts)) if whole else (len(parts) - 1,)
        for i in indexes:
            if any(regex.match(parts[i]) for regex in self.names):
                return True
            prefix = "/".join(parts[: i + 1])
            if any(regex.match(prefix) for regex in self.anchored):
                return True
        return False


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A regex for a glob: ``*`` and ``?`` within one name, ``**`` across folders, ``[abc]`` classes."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            elif body.startswith("^"):
                body = "\\" + body
            out.append(f"[{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


@dataclass(frozen=True)
class Config:
    """The settings of a configuration file; ``None`` means "not set" (the CLI's default applies)."""

    source: str | None = None
    root: str = ""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    policy: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def excluder(self) -> PathMatcher:
        """The default excludes and the file's ``exclude`` globs."""
        return PathMatcher(self.root or os.getcwd(), (*DEFAULT_EXCLUDE, *self.exclude))

    def per_file_matchers(self) -> tuple[tuple[PathMatcher, tuple[str, ...]], ...]:
        """(matcher, rule IDs or prefixes) for each ``per-file-ignores`` entry."""
        root = self.root or os.getcwd()
        return tuple((PathMatcher(root, (glob,)), rules) for glob, rules in self.per_file_ignores)

    def source_label(self) -> str:
        """Where the settings came from, for ``liteserver-lint config``."""
        if self.source is None:
            return "no configuration file (defaults)"
        table = f" [tool.{TOOL_TABLE}]" if os.path.basename(self.source) == PYPROJECT else ""
        relative = os.path.relpath(self.source)
        return f"{self.source if relative.startswith('..') else relative}{table}"


# -- finding the file ---------------------------------------------------------------------


def find_config(start: str | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The configuration file for ``start`` (default: the current directory) and its folder's
    warnings: the nearest folder upwards holding ``.liteserver-lint.yaml`` or a ``pyproject.toml``
    with a ``[tool.liteserver-lint]`` table."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        dedicated = os.path.join(directory, YAML_NAME)
        pyproject = os.path.join(directory, PYPROJECT)
        has_yaml = os.path.isfile(dedicated)
        has_table = os.path.isfile(pyproject) and _has_tool_table(pyproject)
        if has_yaml and has_table:
            warning = (
                f"warning: both {dedicated} and [tool.{TOOL_TABLE}] in {pyproject}; "
                f"using {YAML_NAME} (remove one)"
            )
            return dedicated, (warning,)
        if has_yaml:
            return dedicated, ()
        if has_table:
            return pyproject, ()
        parent = os.path.dirname(directory)
        if parent == directory:
            return None, ()
        directory = parent


def _has_tool_table(path: str) -> bool:
    """Cheap test first (most pyproject files never mention us), then a real parse."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError):  # not ours to judge: some other project's file
        return False
    if TOOL_TABLE not in text:
        return False
    return isinstance(_read_toml(path, text).get("tool", {}).get(TOOL_TABLE), dict)


# -- reading the file ---------------------------------------------------------------------


def load_config(path: str | None = None, start: str | None = None) -> Config:
    """The configuration from ``path`` (``--config``), or the one found from ``start`` upwards."""
    warnings: tuple[str, ...] = ()
    if path is None:
        path, warnings = find_config(start)
        if path is None:
            return Config(root=os.path.abspath(start or os.getcwd()))
    return replace(read_config(path), warnings=warnings)


def read_config(path: str) -> Config:
    """The settings in one file: a ``pyproject.toml``, another ``*.toml``, or YAML."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration file: {_reason(error)}") from error
    name = os.path.basename(path)
    if name == PYPROJECT:
        table = _read_toml(path, text).get("tool", {}).get(TOOL_TABLE)
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: no [tool.{TOOL_TABLE}] table")
        where = f"[tool.{TOOL_TABLE}]"
    elif name.endswith(".toml"):
        table, where = _read_toml(path, text), "the file"
    else:
        table, where = _read_yaml(path, text), "the file"
    return parse_settings(table, path, where)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def _read_toml(path: str, text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error


def _read_yaml(path: str, text: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{where}: invalid YAML: {problem}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys (select, ignore, ...)")
    return data


# -- checking the settings ----------------------------------------------------------------


def parse_settings(table: Mapping[str, Any], path: str, where: str = "the file") -> Config:
    """A :class:`Config` from a mapping of keys, or a :class:`ConfigError` naming the bad key."""
    for key in table:
        if key not in KEYS:
            near = difflib.get_close_matches(str(key).replace("_", "-"), KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{path}: unknown key '{key}' in {where}{hint}")
    severity = table.get("severity")
    fail_on = table.get("fail-on")
    return Config(
        source=os.path.abspath(path),
        root=os.path.dirname(os.path.abspath(path)),
        select=_ids(table, "select", path),
        ignore=_ids(table, "ignore", path),
        severity=_severity(severity, path) if severity is not None else (),
        fail_on=_choice(fail_on, "fail-on", path) if fail_on is not None else None,
        exclude=_strings(table.get("exclude", []), "exclude", path),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), path),
        policy=_strings(table.get("policy", []), "policy", path),
    )


def _strings(value: Any, key: str, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings, e.g. {key} = [\"...\"]")
    return tuple(item.strip() for item in value)


def _ids(table: Mapping[str, Any], key: str, path: str) -> tuple[str, ...] | None:
    if key not in table:
        return None
    return tuple(item.upper() for item in _strings(table[key], key, path))


def _choice(value: Any, key: str, path: str) -> str:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise ConfigError(f"{path}: '{key}' must be one of {', '.join(SEVERITIES)}")
    return value.lower()


def _severity(value: Any, path: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: 'severity' must be a table of rule ID = severity, e.g. LS207 = \"error\"")
    result = []
    for rule_id, level in value.items():
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise ConfigError(f"{path}: 'severity' keys must be rule IDs")
        result.append((rule_id.strip().upper(), _choice(level, f"severity.{rule_id}", path)))
    return tuple(result)


def _per_file_ignores(value: Any, path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: 'per-file-ignores' must be a table of glob = [rule IDs]")
    result = []
    for glob, rules in value.items():
        if not isinstance(glob, str) or not glob.strip():
            raise ConfigError(f"{path}: 'per-file-ignores' keys must be globs (strings)")
        ids = _strings(rules, f"per-file-ignores.{glob}", path)
        result.append((glob.strip(), tuple(item.upper() for item in ids)))
    return tuple(result)


def ignore_per_file(config: Config, findings: Iterable[Finding]) -> list[Finding]:
    """The findings that no ``per-file-ignores`` entry matching their file ignores."""
    matchers = config.per_file_matchers()
    if not matchers:
        return list(findings)
    ignored: dict[str, tuple[str, ...]] = {}
    kept = []
    for finding in findings:
        if finding.file not in ignored:
            ignored[finding.file] = tuple(
                rule for matcher, rules in matchers if matcher.matches(finding.file) for rule in rules
            )
        if not any(prefix == "ALL" or finding.rule.startswith(prefix) for prefix in ignored[finding.file]):
            kept.append(finding)
    return kept


def rule_patterns(config: Config) -> Iterator[tuple[str, str]]:
    """(key, rule ID or prefix) for every rule named in the file, for the CLI to check they exist."""
    for key in ("select", "ignore"):
        for item in getattr(config, key) or ():
            yield key, item
    for rule_id, _ in config.severity:
        yield "severity", rule_id
    for glob, rules in config.per_file_ignores:
        for item in rules:
            yield f"per-file-ignores.{glob}", item


def as_dict(config: Config) -> dict[str, Any]:
    """The effective settings (the file's, else the defaults) under the file's key names."""
    return {
        "select": list(config.select if config.select is not None else ("ALL",)),
        "ignore": list(config.ignore or ()),
        "severity": dict(config.severity),
        "fail-on": config.fail_on or "error",
        "exclude": [*DEFAULT_EXCLUDE, *config.exclude],
        "per-file-ignores": {glob: list(rules) for glob, rules in config.per_file_ignores},
        "policy": list(config.policy),
    }
