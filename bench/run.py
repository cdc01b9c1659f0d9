"""Benchmark liteserver-lint against the parse floor and reference tools; print Markdown tables.

    python bench/run.py                 # 10,000 files, 5 runs each (about 4 minutes on 2 cores)
    python bench/run.py --quick         # 2,000 files, 3 runs, no reference tools: a smoke test

Every figure is a median of runs taken in one go, interleaved, and reported as a ratio to the
floor measured in the same go: absolute times drift with the machine, ratios much less.  The
tables go to stdout and to ``bench/out/results.md``; the outputs compared go to ``bench/out/``.

Rows: the floor (``bench/floor.py``: read + ``yaml.load(..., CSafeLoader)`` of each file),
``liteserver-lint check`` with ``--jobs 1`` and ``--jobs 2``, a plain cerberus script with and
without normalisation (``bench/cerberus_script.py``), and ``check-jsonschema`` when it is
installed (``pip install check-jsonschema``; it is not a dependency of the project) with the
JSON Schema from ``liteserver-lint schema``.  Then start-up, ``lint(dict)`` in-process, peak memory, and two
checks of identical output: the fast path against the slow path (normalise + cerberus for every
document) on the whole corpus, and ``--jobs 2`` against ``--jobs 1``.  Next to ``--jobs 2``, the
machine's own ceiling (``bench/spin.py``): a CPU-bound loop on one process and split over two.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import timeit
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
CORPUS = HERE / "corpus"
EXAMPLE = ROOT / "examples" / "ecs-server.yaml"

sys.path.insert(0, str(HERE))

import corpus as corpus_module  # noqa: E402  (bench/ is not a package)

# The targets of issue 3 (see the README's "Speed" section).
TARGET_FLOOR = 1.5
TARGET_JOBS = 1.8
TARGET_ONE_FILE = 8.0
TARGET_VERSION = 5.0
TARGET_LINT_DICT = 0.25
TARGET_RSS_MIB = 40.0


@dataclass
class Measured:
    """The runs of one command: wall seconds, CPU seconds (user + system) and peak RSS (KiB) of each."""

    label: str
    command: list[str]
    output: Path | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024


def run_once(command: list[str], output: Path | None = None) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS (KiB), each counting the process's children (workers)."""
    stdout = open(output, "wb") if output else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT, env=child_env())
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
    finally:
        if output:
            stdout.close()  # type: ignore[union-attr]
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def child_env() -> dict[str, str]:
    """The environment of the measured commands: Python may cache bytecode, as an installed package has.

    Without it (``PYTHONDONTWRITEBYTECODE`` set, as on some machines) every start would compile
    the linter's modules again, which no installed copy does; the cache goes to ``bench/out``.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def measure(rows: list[Measured], repeat: int) -> None:
    """Run every row ``repeat`` times, interleaved (the order rotates), after one warm-up each."""
    for row in rows:
        run_once(row.command, row.output)
    for round_ in range(repeat):
        shift = round_ % len(rows)
        for row in rows[shift:] + rows[:shift]:
            seconds, cpu, rss = run_once(row.command, row.output)
            row.seconds.append(seconds)
            row.cpu.append(cpu)
            row.rss_kib.append(rss)


def tool(name: str) -> str | None:
    """A console script of this virtualenv (next to the interpreter), else from PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def linter_command() -> list[str]:
    script = tool("liteserver-lint")
    return [script] if script else [sys.executable, "-m", "liteserver_lint"]


def ensure_corpus(files: int, seed: int) -> None:
    """(Re)write the corpus unless it is already the one asked for."""
    marker = OUT / "corpus.json"
    wanted = {"files": files, "seed": seed, "generator": (HERE / "corpus.py").stat().st_mtime}
    if CORPUS.is_dir() and marker.exists() and json.loads(marker.read_text()) == wanted:
        return
    counts = corpus_module.generate(files, seed, CORPUS)
    marker.write_text(json.dumps(wanted))
    print(f"corpus: {files} files, seed {seed}: {counts}", file=sys.stderr)


def json_schema_file() -> tuple[Path, str]:
    """The JSON Schema for check-jsonschema (``liteserver-lint schema``), and where it came from."""
    target = OUT / "schema.json"
    exported = subprocess.run([*linter_command(), "schema"], capture_output=True, cwd=ROOT, check=True)
    target.write_bytes(exported.stdout)
    return target, "`liteserver-lint schema`"


def corpus_files() -> list[str]:
    from walk import spec_files

    return [os.path.relpath(path, ROOT) for path in spec_files([str(CORPUS)])]


# ---------------------------------------------------------------------------------------
# In-process measurements.


def per_call(function: Callable[[], Any], number: int, repeat: int = 7) -> float:
    """Median seconds per call over ``repeat`` batches of ``number`` calls."""
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


def lint_dict_ratios() -> list[tuple[str, float, float]]:
    """(request, lint(dict) µs, CSafeLoader parse µs) for a small and a full valid request."""
    import yaml

    from liteserver_lint import lint

    small = "\n".join(EXAMPLE.read_text().splitlines()[1:5] + EXAMPLE.read_text().splitlines()[7:11]) + "\n"
    results = []
    for name, text in (("examples/ecs-server.yaml (22 lines)", EXAMPLE.read_text()), ("its 8 required lines", small)):
        request = yaml.load(text, Loader=yaml.CSafeLoader)
        assert lint(request).findings == [], f"{name} is not a valid request"
        parse = lambda: yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: E731
        check = lambda: lint(request)  # noqa: E731
        # Interleave the two so that a busy machine slows both alike.
        pairs = [(per_call(check, 2000, 3), per_call(parse, 1000, 3)) for _ in range(5)]
        results.append((name, statistics.median(p[0] for p in pairs) * 1e6, statistics.median(p[1] for p in pairs) * 1e6))
    return results


def fast_equals_slow(report_json: Path) -> tuple[bool, int]:
    """Does the CLI's report equal the slow path's (normalise + cerberus for every document)?"""
    from liteserver_lint.engine import Linter
    from liteserver_lint.files import collect
    from liteserver_lint.reporters.json_report import as_dict
    from liteserver_lint.run import lint_targets

    class SlowLinter(Linter):
        """Every document takes the reference path, valid or not."""

        problems = Linter.slow_problems

    report = lint_targets(SlowLinter(), collect((os.path.relpath(CORPUS, ROOT),)), jobs=1)
    cli = json.loads(report_json.read_text())
    return cli == as_dict(report), len(report.findings)


# ---------------------------------------------------------------------------------------


def fmt_seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the floor and the linter")
    parser.add_argument("--reference-repeat", type=int, default=3, help="runs of cerberus and check-jsonschema")
    parser.add_argument("--startup-repeat", type=int, default=20, help="runs of the start-up commands")
    parser.add_argument("--quick", action="store_true", help="2,000 files, 3 runs, no reference tools")
    args = parser.parse_args()
    if args.quick:
        args.files, args.repeat, args.reference_repeat, args.startup_repeat = 2000, 3, 0, 10

    OUT.mkdir(exist_ok=True)
    ensure_corpus(args.files, args.seed)
    os.chdir(ROOT)
    corpus = os.path.relpath(CORPUS, ROOT)
    lint_cmd = linter_command()
    python = sys.executable
    load_before = os.getloadavg()[0]

    floor = Measured("parse only: `yaml.load(..., CSafeLoader)` of each file (the floor)",
                     [python, str(HERE / "floor.py"), corpus])
    serial = Measured("`liteserver-lint check --jobs 1`", [*lint_cmd, "check", "--format", "json", "--jobs", "1", corpus],
                      OUT / "jobs1.json")
    parallel = Measured("`liteserver-lint check --jobs 2`", [*lint_cmd, "check", "--format", "json", "--jobs", "2", corpus],
                        OUT / "jobs2.json")
    spin_one = Measured("CPU-bound loop, one process", [python, str(HERE / "spin.py"), "--jobs", "1"])
    spin_two = Measured("the same loop split over two processes", [python, str(HERE / "spin.py"), "--jobs", "2"])
    print(f"timing floor and linter, {args.repeat} runs each ...", file=sys.stderr)
    measure([floor, serial, parallel, spin_one, spin_two], args.repeat)

    references: list[Measured] = []
    schema_note = ""
    if args.reference_repeat:
        references = [
            Measured("plain script: `cerberus.Validator.validate` per document",
                     [python, str(HERE / "cerberus_script.py"), corpus]),
            Measured("the same with `normalize=False`", [python, str(HERE / "cerberus_script.py"), "--no-normalize", corpus]),
        ]
        checker = tool("check-jsonschema")
        if checker:
            schema_file, schema_note = json_schema_file()
            references.append(Measured("`check-jsonschema` with the exported JSON Schema",
                                       [checker, "--schemafile", str(schema_file), *corpus_files()]))
        else:
            schema_note = "check-jsonschema is not installed: `pip install check-jsonschema` to add its row"
        print(f"timing reference tools, {args.reference_repeat} runs each ...", file=sys.stderr)
        measure(references, args.reference_repeat)

    print(f"timing start-up, {args.startup_repeat} runs each ...", file=sys.stderr)
    bare = Measured("`python -c pass`", [python, "-c", "pass"])
    version = Measured("`liteserver-lint --version`", [*lint_cmd, "--version"])
    one_file = Measured("`liteserver-lint check` on one clean file", [*lint_cmd, "check", str(EXAMPLE.relative_to(ROOT))])
    measure([bare, version, one_file], args.startup_repeat)

    print("measuring memory and lint(dict) ...", file=sys.stderr)
    files = corpus_files()
    memory = [
        (1000, Measured("1,000 files", [*lint_cmd, "check", "--jobs", "1", *files[:1000]])),
        (len(files), Measured(f"{len(files):,} files", [*lint_cmd, "check", "--jobs", "1", corpus])),
        (2 * len(files), Measured(f"{2 * len(files):,} files (the corpus twice)",
                                  [*lint_cmd, "check", "--jobs", "1", corpus, corpus])),
    ]
    measure([m for _, m in memory], 1)
    lint_dict = lint_dict_ratios()

    print("comparing outputs ...", file=sys.stderr)
    same_jobs = (OUT / "jobs1.json").read_bytes() == (OUT / "jobs2.json").read_bytes()
    same_paths, findings = fast_equals_slow(OUT / "jobs1.json")

    ceiling = spin_one.median / spin_two.median
    lines = render(args, floor, serial, parallel, ceiling, references, schema_note, bare, version, one_file, memory,
                   lint_dict, same_jobs, same_paths, findings, load_before)
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    print(text)


def render(args: argparse.Namespace, floor: Measured, serial: Measured, parallel: Measured, ceiling: float,
           references: list[Measured],
           schema_note: str, bare: Measured, version: Measured, one_file: Measured,
           memory: list[tuple[int, Measured]], lint_dict: list[tuple[str, float, float]], same_jobs: bool,
           same_paths: bool, findings: int, load_before: float) -> list[str]:
    import yaml

    base = floor.median
    lines = [
        f"| on {args.files:,} spec files (~10% with one error) | median wall time | vs the floor "
        "| CPU time (user + sys) | vs the floor |",
        "|---|---|---|---|---|",
    ]
    for row in (floor, serial, parallel, *references):
        lines.append(f"| {row.label} | {fmt_seconds(row.median)} | {row.median / base:.2f}× "
                     f"| {fmt_seconds(row.cpu_median)} | {row.cpu_median / floor.cpu_median:.2f}× |")
    lines.append("")
    if schema_note:
        lines += [f"JSON Schema for check-jsonschema: {schema_note}.", ""]

    speedup = serial.median / parallel.median
    one_ratio = one_file.median / bare.median
    version_ratio = version.median / bare.median
    worst_dict = max(ratio for ratio in (d / p for _, d, p in lint_dict))
    peak = max(serial.peak_mib, parallel.peak_mib)
    lines += [
        "| target | measured | goal | |",
        "|---|---|---|---|",
        f"| 1. `check`, one process, vs the floor | {serial.median / base:.2f}× | ≤ {TARGET_FLOOR}× "
        f"| {verdict(serial.median / base <= TARGET_FLOOR)} |",
        f"| 2. `--jobs 2` vs `--jobs 1` (this machine's ceiling, a CPU-bound loop on 1 vs 2 processes: "
        f"{ceiling:.2f}×) | {speedup:.2f}× faster | ≥ {TARGET_JOBS}× | {verdict(speedup >= TARGET_JOBS)} |",
        f"| 3. one clean file, whole process, vs `python -c pass` ({fmt_seconds(bare.median)}) "
        f"| {one_ratio:.1f}× ({fmt_seconds(one_file.median)}) | ≤ {TARGET_ONE_FILE:.0f}× | {verdict(one_ratio <= TARGET_ONE_FILE)} |",
        f"| 3. `--version` vs `python -c pass` | {version_ratio:.1f}× ({fmt_seconds(version.median)}) "
        f"| ≤ {TARGET_VERSION:.0f}× | {verdict(version_ratio <= TARGET_VERSION)} |",
    ]
    for name, check_us, parse_us in lint_dict:
        lines.append(f"| 4. `lint(dict)` vs CSafeLoader parse, {name} | {check_us / parse_us:.2f}× "
                     f"({check_us:.1f} µs vs {parse_us:.1f} µs) | ≤ {TARGET_LINT_DICT}× "
                     f"| {verdict(check_us / parse_us <= TARGET_LINT_DICT)} |")
    lines += [
        f"| 5. peak RSS per process, {args.files:,} files (`--jobs 1`, `--jobs 2`) "
        f"| {serial.peak_mib:.1f} MiB, {parallel.peak_mib:.1f} MiB | ≤ {TARGET_RSS_MIB:.0f} MiB "
        f"| {verdict(peak <= TARGET_RSS_MIB)} |",
        f"| findings of the fast path = the slow path (normalise + cerberus on every document) "
        f"| {'identical' if same_paths else '**different**'} ({findings:,} findings) | identical | {verdict(same_paths)} |",
        f"| `--jobs 2` output = `--jobs 1` output | {'identical' if same_jobs else '**different**'} | identical "
        f"| {verdict(same_jobs)} |",
        "",
        "| peak RSS, `--jobs 1` | " + " | ".join(m.label for _, m in memory) + " |",
        "|---|" + "---|" * len(memory),
        "| MiB | " + " | ".join(f"{m.peak_mib:.1f}" for _, m in memory) + " |",
        "",
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'}); load average "
        f"{load_before:.1f} before the run; medians of {args.repeat} runs (references: {args.reference_repeat}, "
        f"start-up: {args.startup_repeat}).",
    ]
    return lines


if __name__ == "__main__":
    main()
