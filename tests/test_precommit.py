"""The pre-commit hook: its default file patterns, and the real ``pre-commit try-repo`` run.

try-repo builds the hook's environment from this checkout (``pip install .`` into a fresh
virtualenv), as a user's pre-commit would from the published repository, then runs it in
a throw-away git repository.  With uncommitted changes in the checkout it uses a shadow
copy of them (tracked files only), so the test checks what would be committed.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
MANIFEST = REPO_ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = REPO_ROOT / "examples"


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "liteserver-lint"]
    return hook  # type: ignore[no-any-return]


def _selected(path: str) -> bool:
    """Whether pre-commit's file filter (``files``/``exclude`` regexes, searched) passes ``path``."""
    hook = _hook()
    return bool(re.search(str(hook["files"]), path)) and not re.search(str(hook["exclude"]), path)


def test_manifest_declares_the_hook() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "liteserver-lint check"
    assert hook["types_or"] == ["yaml", "json"]


@pytest.mark.parametrize(
    "path",
    [
        "liteserver/train.yaml",
        "infra/lite-server/prod.yml",
        "deploy/lite-servers/a/b.json",
        "specs/train.liteserver.yaml",
        "specs/train.lite-server.json",
        "liteserver.yml",
    ],
)
def test_default_files_pattern_selects_spec_files(path: str) -> None:
    assert _selected(path)


@pytest.mark.parametrize(
    "path",
    [
        "docker-compose.yml",
        "compose.yaml",
        "liteserver/docker-compose.yaml",
        "liteserver/compose.override.yml",
        ".github/workflows/ci.yml",
        "liteserver/.github/workflows/lint.yaml",
        "specs/train.yaml",
        "examples/ecs-server.yaml",
        "myliteserver/train.yaml",
        "notliteserver.yaml",
    ],
)
def test_default_files_pattern_skips_other_yaml(path: str) -> None:
    assert not _selected(path)


def _require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing, except in CI (CI=true), where that is a failure."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (required when CI=true)")
        pytest.skip(reason)


@pytest.fixture
def precommit_env(tmp_path: Path) -> dict[str, str]:
    """An environment isolated from the user's pre-commit cache and git configuration."""
    _require(importlib.util.find_spec("pre_commit") is not None, "the pre-commit package is not installed")
    _require(shutil.which("git") is not None, "git is not installed")
    _require((REPO_ROOT / ".git").exists(), f"{REPO_ROOT} is not a git checkout")
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Lint Test\n\temail = lint-test@example.invalid\n[safe]\n\tdirectory = *\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PRE_COMMIT_HOME"}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_AUTHOR_NAME="Lint Test",
        GIT_AUTHOR_EMAIL="lint-test@example.invalid",
        GIT_COMMITTER_NAME="Lint Test",
        GIT_COMMITTER_EMAIL="lint-test@example.invalid",
        NO_COLOR="1",
    )
    return env


@pytest.fixture
def project(tmp_path: Path, precommit_env: dict[str, str]) -> Path:
    """A user's git repository: spec files under liteserver/, plus YAML the hook must leave alone."""
    root = tmp_path / "project"
    (root / "liteserver").mkdir(parents=True)
    (root / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(EXAMPLES / "ecs-server.yaml", root / "liteserver" / "good.yaml")
    shutil.copy(EXAMPLES / "broken" / "typos.yaml", root / "liteserver" / "broken.yaml")
    compose = "services:\n  web:\n    image: nginx\n"
    (root / "liteserver" / "docker-compose.yml").write_text(compose)
    (root / "docker-compose.yml").write_text(compose)
    (root / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=precommit_env)
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=precommit_env)
    return root


def _try_repo(project: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "liteserver-lint", "--files", *files]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.integration
def test_try_repo_fails_on_a_broken_spec(project: Path, precommit_env: dict[str, str]) -> None:
    result = _try_repo(project, precommit_env, "liteserver/broken.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^liteserver-lint\.+Failed$", output, re.MULTILINE), output
    assert "liteserver/broken.yaml:6:7: LS105 [*] [error]" in output
    assert "liteserver/broken.yaml:3:1: LS102 [*] [error] unknown field 'flavour'" in output


@pytest.mark.integration
def test_try_repo_passes_a_good_spec_and_skips_compose_and_workflows(
    project: Path, precommit_env: dict[str, str]
) -> None:
    files = ("liteserver/good.yaml", "liteserver/docker-compose.yml", "docker-compose.yml", ".github/workflows/ci.yml")
    result = _try_repo(project, precommit_env, *files)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # "Passed", not "(no files to check)Skipped": the good spec was linted.
    assert re.search(r"^liteserver-lint\.+Passed$", output, re.MULTILINE), output
