"""Configuration: discovery, precedence, validation, excludes, per-file-ignores, ``config``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liteserver_lint.config import ConfigError, PathMatcher, find_config, glob_regex, load_config, read_config

from .cli_runner import finding_lines, run, write
from .conftest import VALID_YAML

WARNING_SPEC = VALID_YAML + "root_volume:\n  type: SSD\n  size: \"200\"\n"  # LS104 at 11:9
ERROR_SPEC = VALID_YAML + "arch: x86\n"  # LS105 at 9:7


# -- discovery and precedence ---------------------------------------------------------------


def test_pyproject_table_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.liteserver-lint]\nignore = ["LS105"]\n')
    write(tmp_path / "specs" / "a.yaml", ERROR_SPEC)
    result = run("check", "a.yaml", cwd=tmp_path / "specs")
    assert (result.code, finding_lines(result.stdout)) == (0, [])
    assert run("check", "specs/a.yaml", cwd=tmp_path).code == 0


def test_pyproject_without_table_does_not_count(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "ignore: [LS105]\n")
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "liteserver-lint-user"\n')
    path, warnings = find_config(str(tmp_path / "pkg"))
    assert (path, warnings) == (str(tmp_path / ".liteserver-lint.yaml"), ())


def test_no_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(start=str(tmp_path))
    assert (config.source, config.select, config.ignore, config.fail_on) == (None, None, None, None)
    result = run("config", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == "# no configuration file (defaults)"


def test_dedicated_file_wins_over_pyproject_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.liteserver-lint]\nignore = ["LS1"]\n')
    write(tmp_path / ".liteserver-lint.yaml", "ignore: [LS105]\n")
    write(tmp_path / "a.yaml", ERROR_SPEC + "bogus: 1\n")
    result = run("check", "a.yaml", cwd=tmp_path)
    # LS105 ignored (the YAML file), LS102 reported (pyproject's LS1 not used).
    assert finding_lines(result.stdout) == ["a.yaml:10:1: LS102"]
    assert "warning: both" in result.stderr and "using .liteserver-lint.yaml" in result.stderr


def test_config_option_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "ignore: [LS105]\n")
    write(tmp_path / "other.toml", 'fail-on = "warning"\n')
    write(tmp_path / "a.yaml", ERROR_SPEC)
    result = run("check", "--config", "other.toml", "a.yaml", cwd=tmp_path)
    assert (result.code, finding_lines(result.stdout)) == (1, ["a.yaml:9:7: LS105"])


def test_command_line_flags_override_the_file(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "fail-on: warning\nignore: [LS105]\n")
    write(tmp_path / "w.yaml", WARNING_SPEC)
    write(tmp_path / "e.yaml", ERROR_SPEC)
    assert run("check", "w.yaml", cwd=tmp_path).code == 1  # fail-on warning from the file
    assert run("check", "--fail-on", "error", "w.yaml", cwd=tmp_path).code == 0
    assert run("check", "e.yaml", cwd=tmp_path).code == 0  # LS105 ignored by the file
    result = run("check", "--ignore", "LS104", "e.yaml", cwd=tmp_path)  # replaces the file's ignore
    assert (result.code, finding_lines(result.stdout)) == (1, ["e.yaml:9:7: LS105"])


def test_select_and_severity_from_the_file(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.liteserver-lint]\nselect = ["LS1"]\n[tool.liteserver-lint.severity]\nLS104 = "error"\n')
    write(tmp_path / "w.yaml", WARNING_SPEC + "admin_pass: x\n")  # LS2xx not selected
    result = run("check", "w.yaml", cwd=tmp_path)
    assert result.code == 1
    assert [line.split(" [*]")[0] for line in result.stdout.splitlines()[:1]] == ["w.yaml:11:9: LS104"]
    assert "[error]" in result.stdout.splitlines()[0]
    assert len(finding_lines(result.stdout)) == 1


# -- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.liteserver-lint]\nselct = ["LS1"]\n', "unknown key 'selct' in [tool.liteserver-lint]; did you mean 'select'?"),
        ('[tool.liteserver-lint]\nfail_on = "error"\n', "unknown key 'fail_on' in [tool.liteserver-lint]; did you mean 'fail-on'?"),
        ('[tool.liteserver-lint]\nselect = "LS1"\n', "'select' must be a list of strings"),
        ('[tool.liteserver-lint]\nfail-on = "fatal"\n', "'fail-on' must be one of error, warning, info"),
        ('[tool.liteserver-lint]\nseverity = { LS207 = 3 }\n', "'severity.LS207' must be one of error, warning, info"),
        ('[tool.liteserver-lint]\nper-file-ignores = { "a/*" = "LS1" }\n', "'per-file-ignores.a/*' must be a list of strings"),
        ('[tool.liteserver-lint]\npolicy = "team"\n', "'policy' must be a list of strings"),
        ('[tool.liteserver-lint\n', "invalid TOML"),
        ('[tool.liteserver-lint]\nselect = ["LS999"]\n', "'LS999' in 'select' matches no rule ID"),
        ('[tool.liteserver-lint.severity]\nLS2 = "info"\n', "'LS2' in 'severity' is not a rule ID"),
    ],
)
def test_bad_configuration_is_a_one_line_usage_error(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path / "pyproject.toml", text)
    write(tmp_path / "a.yaml", VALID_YAML)
    result = run("check", "a.yaml", cwd=tmp_path)
    assert result.code == 2
    assert message in result.stderr
    assert str(tmp_path / "pyproject.toml") in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_yaml_configuration_errors(tmp_path: Path) -> None:
    write(tmp_path / "c.yaml", "- select\n")
    with pytest.raises(ConfigError, match="must be a mapping"):
        read_config(str(tmp_path / "c.yaml"))
    write(tmp_path / "c.yaml", "select: [LS1\n")
    with pytest.raises(ConfigError, match=r"c\.yaml:2: invalid YAML"):
        read_config(str(tmp_path / "c.yaml"))
    with pytest.raises(ConfigError, match="no \\[tool.liteserver-lint\\] table"):
        read_config(str(write(tmp_path / "pyproject.toml", "[project]\n")))
    assert run("check", "--config", "missing.yaml", "x.yaml", cwd=tmp_path).code == 2


def test_every_key_parsed_from_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path / ".liteserver-lint.yaml",
        "select: [ls2, LS1]\nignore: [LS207]\nseverity: {ls104: Error}\nfail-on: info\n"
        "exclude: [drafts]\nper-file-ignores:\n  'legacy/*.yaml': [LS204]\npolicy: [team, ./packs/x.yaml]\n",
    )
    config = read_config(str(path))
    assert config.select == ("LS2", "LS1") and config.ignore == ("LS207",)
    assert config.severity == (("LS104", "error"),) and config.fail_on == "info"
    assert config.exclude == ("drafts",) and config.per_file_ignores == (("legacy/*.yaml", ("LS204",)),)
    assert config.policy == ("team", "./packs/x.yaml")
    assert config.root == str(tmp_path)


def test_config_command_prints_the_effective_settings(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.liteserver-lint]\nignore = ["LS7"]\nfail-on = "warning"\nexclude = ["drafts"]\n'
        '[tool.liteserver-lint.per-file-ignores]\n"legacy/*.yaml" = ["LS204"]\n',
    )
    (tmp_path / "sub").mkdir()
    result = run("config", cwd=tmp_path / "sub")
    assert result.code == 0
    assert result.stdout == (
        f"# {tmp_path / 'pyproject.toml'} [tool.liteserver-lint]\n"
        'select = ["ALL"]\n'
        'ignore = ["LS7"]\n'
        "severity = {}\n"
        'fail-on = "warning"\n'
        'exclude = [".git", ".venv", "venv", "node_modules", ".liteserver-lint.yaml", "drafts"]\n'
        'per-file-ignores = { "legacy/*.yaml" = ["LS204"] }\n'
        "policy = []\n"
    )
    data = json.loads(run("config", "--format", "json", cwd=tmp_path).stdout)
    assert data["source"] == str(tmp_path / "pyproject.toml") and data["settings"]["ignore"] == ["LS7"]


# -- excludes and per-file-ignores ----------------------------------------------------------


def test_default_and_configured_excludes_when_walking(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "exclude: [drafts, 'specs/old-*.yaml']\n")
    for name in (".git/a.yaml", ".venv/a.yaml", "venv/a.yaml", "node_modules/a.yaml", "env2/a.yaml",
                 "drafts/a.yaml", "specs/drafts/a.yaml", "specs/old-1.yaml", "specs/new.yaml", "good.yaml"):
        write(tmp_path / name, ERROR_SPEC)
    write(tmp_path / "env2" / "pyvenv.cfg", "home = /usr\n")
    result = run("check", ".", cwd=tmp_path)
    files = sorted({line.split(":")[0] for line in finding_lines(result.stdout)})
    assert files == ["good.yaml", "specs/new.yaml"]


def test_explicit_files_are_linted_unless_force_exclude(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "exclude: [drafts]\n")
    write(tmp_path / "drafts" / "a.yaml", ERROR_SPEC)
    write(tmp_path / "venv" / "b.yaml", ERROR_SPEC)
    write(tmp_path / "env2" / "pyvenv.cfg", "")
    write(tmp_path / "env2" / "c.yaml", ERROR_SPEC)
    names = ("drafts/a.yaml", "venv/b.yaml", "env2/c.yaml")
    assert run("check", *names, cwd=tmp_path).code == 1
    result = run("check", "--force-exclude", *names, cwd=tmp_path)
    assert (result.code, finding_lines(result.stdout)) == (0, [])


def test_per_file_ignores_are_relative_to_the_config_file(tmp_path: Path) -> None:
    write(tmp_path / ".liteserver-lint.yaml", "per-file-ignores:\n  'legacy/*.yaml': [LS105]\n  '*.old.yaml': [LS1]\n")
    write(tmp_path / "legacy" / "a.yaml", ERROR_SPEC)
    write(tmp_path / "legacy" / "deep" / "b.yaml", ERROR_SPEC)  # '*' stays within one folder
    write(tmp_path / "other" / "legacy" / "c.yaml", ERROR_SPEC)  # anchored at the config's folder
    write(tmp_path / "other" / "d.old.yaml", ERROR_SPEC)  # no '/': matches the name anywhere
    result = run("check", ".", cwd=tmp_path / "other")
    assert finding_lines(result.stdout) == ["legacy/c.yaml:9:7: LS105"]
    result = run("check", "legacy", "other", cwd=tmp_path)
    assert finding_lines(result.stdout) == [
        "legacy/deep/b.yaml:9:7: LS105",
        "other/legacy/c.yaml:9:7: LS105",
    ]


def test_glob_semantics(tmp_path: Path) -> None:
    assert glob_regex("*.yaml").match("a.yaml") and not glob_regex("*.yaml").match("d/a.yaml")
    assert glob_regex("specs/**/*.yaml").match("specs/a.yaml")
    assert glob_regex("specs/**/*.yaml").match("specs/x/y/a.yaml")
    assert glob_regex("a[0-9].yaml").match("a1.yaml") and not glob_regex("a[!0-9].yaml").match("a1.yaml")
    matcher = PathMatcher(str(tmp_path), ("build", "specs/tmp"))
    assert matcher.matches(str(tmp_path / "x" / "build" / "a.yaml"))
    assert matcher.matches(str(tmp_path / "specs" / "tmp" / "a.yaml"))
    assert not matcher.matches(str(tmp_path / "x" / "specs" / "tmp" / "a.yaml"))
    assert not matcher.matches(str(tmp_path / "x" / "build" / "a.yaml"), whole=False)


def test_policy_packs_from_the_config_are_relative_to_it(tmp_path: Path) -> None:
    pack = (Path(__file__).resolve().parent.parent / "examples" / "policy" / "team-pack.yaml").read_text()
    write(tmp_path / "packs" / "team.yaml", pack)
    write(tmp_path / ".liteserver-lint.yaml", "policy: [recommended, packs/team.yaml]\n")
    write(tmp_path / "specs" / "a.yaml", VALID_YAML)
    result = run("check", "a.yaml", cwd=tmp_path / "specs")
    rules = {line.split()[1] for line in result.stdout.splitlines() if ": " in line and "[" in line}
    assert "VIS001" in rules and any(rule.startswith("REC") for rule in rules)
    # --policy on the command line replaces the file's packs.
    result = run("check", "--policy", "recommended", "a.yaml", cwd=tmp_path / "specs")
    rules = {line.split()[1] for line in result.stdout.splitlines() if ": " in line and "[" in line}
    assert "VIS001" not in rules and any(rule.startswith("REC") for rule in rules)
