"""The command line: formats, exit codes, selection, stdin, bad paths, rules and explain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from liteserver_lint.cli import cli

from .conftest import VALID_YAML

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(VALID_YAML)
    (tmp_path / "bad.yml").write_text(VALID_YAML + "arch: x86\n")
    (tmp_path / "warn.json").write_text(json.dumps({"x": 1}).replace("{", "{\"name\": \"a\", ", 1))
    (tmp_path / "notes.txt").write_text("not a spec")
    return tmp_path


def test_text_format_and_exit_code(specs: Path) -> None:
    code, out, _ = run("check", str(specs / "good.yaml"), str(specs / "bad.yml"))
    assert code == 1
    assert out.splitlines() == [
        f"{specs / 'bad.yml'}:9:7: LS105 [*] [error] 'arch' must be one of ARM, X86 (case matters); use X86",
        "Found 1 error, 0 warnings, 0 notes (2 files, 2 documents); 1 fixable with --fix.",
    ]


def test_clean_run_exits_zero(specs: Path) -> None:
    code, out, _ = run("check", str(specs / "good.yaml"))
    assert (code, out) == (0, "All checks passed (1 file, 1 document).\n")


def test_directories_are_walked_for_specs_only(specs: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(specs))
    report = json.loads(out)
    assert code == 1
    assert report["summary"]["files"] == 3
    assert {Path(f["file"]).name for f in report["findings"]} == {"bad.yml", "warn.json"}


def test_json_format_is_exact(specs: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(specs / "bad.yml"))
    assert code == 1
    assert json.loads(out) == {
        "version": 1,
        "summary": {"files": 1, "documents": 1, "error": 1, "warning": 0, "info": 0},
        "findings": [{
            "file": str(specs / "bad.yml"), "document": 0, "line": 9, "column": 7, "end_line": 9,
            "end_column": 10, "rule": "LS105", "name": "enum-value", "severity": "error", "path": "arch",
            "message": "'arch' must be one of ARM, X86 (case matters); use X86", "fix": "use X86",
        }],
    }


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(tmp_path: Path, fail_on: str, expected: int) -> None:
    (tmp_path / "w.yaml").write_text(VALID_YAML + "root_volume: {size: \"200\"}\n")
    assert run("check", "--fail-on", fail_on, str(tmp_path / "w.yaml"))[0] == expected


def test_select_and_ignore(specs: Path) -> None:
    path = str(specs / "bad.yml")
    assert run("check", "--ignore", "LS105", path)[0] == 0
    assert run("check", "--select", "LS2,LS3", path)[0] == 0
    assert run("check", "--select", "LS1", path)[0] == 1


def test_unknown_rule_pattern_is_a_usage_error(specs: Path) -> None:
    code, _, err = run("check", "--select", "XX9", str(specs / "good.yaml"))
    assert code == 2 and err.strip() == "Error: 'XX9' matches no rule ID; see 'liteserver-lint rules'"


def test_bad_option_is_a_usage_error() -> None:
    assert run("check", "--format", "xml", "x.yaml")[0] == 2
    assert run("check")[0] == 2


def test_missing_path_is_a_finding_and_the_rest_is_linted(specs: Path) -> None:
    code, out, _ = run("check", str(specs / "nope.yaml"), str(specs / "bad.yml"))
    assert code == 1
    assert f"{specs / 'nope.yaml'}:1:1: LS005 [error] no such file" in out
    assert "LS105" in out


def test_stdin_and_stdin_filename() -> None:
    code, out, _ = run("check", "--stdin-filename", "specs/in.yaml", "-", input=VALID_YAML + "arch: x86\n")
    assert code == 1 and out.startswith("specs/in.yaml:9:7: LS105")
    code, out, _ = run("check", "-", input=b"\xff\xfe")
    assert code == 1 and out.startswith("-:1:1: LS005")


def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "LS204" in out and "password-classes" in out
    listed = json.loads(run("rules", "--format", "json")[1])
    assert {"id", "name", "severity", "message"} <= set(listed[0])
    assert [r["id"] for r in listed] == sorted(r["id"] for r in listed)


def test_explain() -> None:
    code, out, _ = run("explain", "LS204")
    assert code == 0 and out.startswith("# LS204 password-classes [error]")
    assert "## Example that fails" in out and "## Fixed" in out
    assert run("explain", "password-classes")[1] == out


def test_explain_unknown_suggests_nearest() -> None:
    code, _, err = run("explain", "LS2O4")
    assert code == 2 and "did you mean LS204" in err


def test_version_and_module_entry_point(specs: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "liteserver_lint", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("liteserver-lint ")
    proc = subprocess.run([sys.executable, "-m", "liteserver_lint", "check", str(specs / "bad.yml")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "LS105" in proc.stdout and proc.stderr == ""


def test_colour_only_when_asked(specs: Path) -> None:
    env = dict(os.environ, FORCE_COLOR="1")
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "liteserver_lint", "check", str(specs / "bad.yml")],
                          capture_output=True, text=True, env=env)
    assert "\x1b[" in proc.stdout
    env["NO_COLOR"] = "1"
    proc = subprocess.run([sys.executable, "-m", "liteserver_lint", "check", str(specs / "bad.yml")],
                          capture_output=True, text=True, env=env)
    assert "\x1b[" not in proc.stdout


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"s{i:03}.yaml").write_text(VALID_YAML + "arch: x86\n")
    proc = subprocess.run(
        f"{sys.executable} -m liteserver_lint check --jobs 1 {tmp_path} | head -1",
        shell=True, capture_output=True, text=True,
    )
    assert proc.stdout.count("\n") == 1 and "Traceback" not in proc.stderr and proc.stderr == ""


def _wait_until_blocked(pid: int, timeout: float = 20.0) -> None:
    """Wait until a process has stopped using CPU (blocked reading stdin), or ``timeout``."""
    import time

    stat_file = Path(f"/proc/{pid}/stat")
    if not stat_file.exists():  # not Linux: give it time to start
        time.sleep(3)
        return
    deadline, last, still = time.monotonic() + timeout, None, 0
    while time.monotonic() < deadline and still < 5:
        fields = stat_file.read_text().rsplit(")", 1)[1].split()
        cpu = (fields[0], int(fields[11]) + int(fields[12]))  # state, utime + stime
        still = still + 1 if cpu == last and cpu[0] == "S" else 0
        last = cpu
        time.sleep(0.1)


def test_ctrl_c_ends_quietly() -> None:
    """SIGINT while waiting on standard input: exit 130, no traceback."""
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "liteserver_lint", "check", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_until_blocked(proc.pid)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err


def test_control_characters_in_keys_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "esc.yaml").write_text(VALID_YAML + '"\\e[31mred\\x07": 1\n')
    code, out, _ = run("check", str(tmp_path / "esc.yaml"))
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    assert "unknown field '\\x1b[31mred\\x07'" in out


def test_max_file_size(specs: Path) -> None:
    code, out, _ = run("check", "--max-file-size", "100", str(specs / "good.yaml"))
    assert code == 1 and out.startswith(f"{specs / 'good.yaml'}:1:1: LS006 [error] file is larger than 100 bytes")
    assert run("check", "--max-file-size", "100000", str(specs / "good.yaml"))[0] == 0
    assert run("check", "--max-file-size", "0", str(specs / "good.yaml"))[0] == 2
