"""The ``liteserver-lint`` command: a thin shell over the library.

Exit codes: 0 nothing at or above ``--fail-on``, 1 findings at or above it, 2 usage error.
Heavy imports (the engine, yaml, cerberus) happen inside the commands, so ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from . import __version__

if TYPE_CHECKING:
    from typing import Callable

    from .baseline import Baseline
    from .config import Config
    from .engine import Linter, Options
    from .findings import Finding, Report
    from .reporters import Context
    from .rule import Rule

SEVERITIES = ("error", "warning", "info")
FORMAT_NAMES = ("text", "json")
CHECK_FORMATS = (*FORMAT_NAMES, "sarif", "github", "junit")
COLOR_CHOICES = ("auto", "always", "never")

POLICY_OPTION = click.option(
    "--policy", multiple=True, metavar="PACK",
    help="Also run a policy pack: a shipped pack's name (recommended) or a pack file's path; repeatable.",
)


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select LS1,LS2 --select LS3`` -> ``("LS1", "LS2", "LS3")``."""
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def _use_color(stream: Any) -> bool:
    """Colour for --color auto: NO_COLOR off, FORCE_COLOR on, else when ``stream`` is a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


class UsageError(click.ClickException):
    """A one-line usage error (bad rule ID, bad config): exit code 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="liteserver-lint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint ModelArts Lite Server create requests (YAML/JSON spec files) before you submit them."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes (comma-separated; ALL).")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding is at or above this severity.  [default: error]")
@click.option("--stdin-filename", default="-", help="The name to report for standard input ('-').")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores; a pool starts only for many files).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Files larger than this are an LS006 finding, not read (default: 4194304).")
# -- report options (issue 4: formats, output file, exit code, statistics) --
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means a usage error).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary line.")
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the text report: auto = on a terminal (NO_COLOR turns it off, FORCE_COLOR on).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule, most frequent first.")
# -- configuration, suppressions, baseline and fixes ------------------------------------
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file (default: .liteserver-lint.yaml or pyproject.toml, found upwards).")
@click.option("--force-exclude", is_flag=True, help="Apply the excludes to paths named on the command line too.")
@click.option("--no-inline-suppressions", is_flag=True,
              help="Ignore '# liteserver-lint: disable=...' comments (for audits).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Do not report the findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record the current findings in this baseline file, then exit 0.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes (marked [*]) in place.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the safe fixes as a unified diff, write nothing (exit 1 if there are any).")
@POLICY_OPTION
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    stdin_filename: str,
    jobs: int | None,
    max_file_size: int | None,
    config_file: str | None,
    force_exclude: bool,
    no_inline_suppressions: bool,
    baseline_file: str | None,
    write_baseline: str | None,
    fix: bool,
    show_diff: bool,
    output_file: str | None,
    exit_zero: bool,
    quiet: bool,
    color: str,
    statistics: bool,
    policy: tuple[str, ...],
) -> None:
    """Lint spec files and directories (*.yaml, *.yml, *.json, recursively); '-' reads stdin."""
    from .engine import Linter
    from .files import collect
    from .findings import Severity
    from .reporters import Context
    from .run import default_jobs, lint_targets

    if statistics and output_format not in FORMAT_NAMES:
        raise UsageError(f"--statistics prints text or json, not {output_format}")
    config = _load_config(config_file)
    extra_rules = _policy_rules(policy) if policy else _policy_rules(config.policy, config.root)
    options = _options(config, select, ignore, not no_inline_suppressions, extra_rules, max_file_size)
    fail_on = fail_on or config.fail_on or "error"
    linter = Linter(options)
    _check_config_rules(linter, config)
    _check_rule_ids(linter, options.select + options.ignore)
    if (fix or show_diff) and "-" in paths:
        raise UsageError("--fix and --diff need files: standard input ('-') cannot be fixed")
    baseline = _load_baseline(baseline_file) if baseline_file and not write_baseline else None
    targets = collect(paths, config.excluder(), force_exclude)
    report = lint_targets(linter, targets, jobs or default_jobs(), stdin_filename)
    keep = functools.partial(_kept, config, baseline)
    report.findings = keep(report.findings)
    if fix or show_diff:
        changed = _fix(linter, keep, report, write=not show_diff)
        if show_diff:
            sys.exit(1 if changed else 0)
    if write_baseline:
        _write_baseline(write_baseline, report.findings)
        sys.exit(0)
    threshold = Severity(fail_on)
    use_color = _color_choice(color, sys.stdout if output_file is None else None)
    context = Context(rules=linter.rules, color=use_color, fail_on=threshold, version=__version__, quiet=quiet)
    _emit(_render_report(report, context, output_format, statistics), output_file, use_color)
    sys.exit(1 if report.worst_at_least(threshold) and not exit_zero else 0)


def _color_choice(choice: str, stream: Any) -> bool:
    """--color always/never wins over the environment; auto asks ``_use_color`` (None: a file)."""
    return {"always": True, "never": False}.get(choice, _use_color(stream))


def _render_report(report: Report, context: Context, output_format: str, statistics: bool) -> str:
    """The report in ``output_format``, or its per-rule counts with --statistics."""
    from .reporters import renderer

    if statistics:
        from .reporters import statistics as stats

        return stats.render_json(report, context) if output_format == "json" else stats.render(report, context)
    return renderer(output_format)(report, context)


def _emit(text: str, output_file: str | None, color: bool) -> None:
    """Print ``text``, or write it as UTF-8 to ``output_file`` (a stray surrogate as ``\\udcff``);
    a file that cannot be written is a usage error.  ``color`` stops click stripping the colour
    codes when standard output is not a terminal (FORCE_COLOR, --color always)."""
    if output_file is None:
        click.echo(text, nl=False, color=color)
        return
    try:
        with open(output_file, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write the report to '{output_file}': {error.strerror or error}") from None


def _check_rule_ids(linter: Linter, patterns: tuple[str, ...]) -> None:
    """A --select/--ignore pattern that matches no rule is a usage error (a typo would hide findings)."""
    for pattern in patterns:
        if not _matches_a_rule(linter, pattern):
            raise UsageError(f"'{pattern}' matches no rule ID; see 'liteserver-lint rules'")


def _matches_a_rule(linter: Linter, pattern: str) -> bool:
    """Is ``pattern`` (a rule ID, a prefix of some, or ALL) a selection that names a rule?"""
    return pattern == "ALL" or any(rule_id.startswith(pattern) for rule_id in linter.rules)


# -- configuration, suppressions, baseline and fixes ------------------------------------


def _load_config(config_file: str | None) -> Config:
    """The configuration (``--config`` or found upwards); its problems are usage errors, its warnings go to stderr."""
    from .config import ConfigError, load_config

    try:
        config = load_config(config_file)
    except ConfigError as error:
        raise UsageError(str(error)) from error
    for warning in config.warnings:
        click.echo(warning, err=True)
    return config


def _options(
    config: Config,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    inline_suppressions: bool,
    extra_rules: tuple[Rule, ...],
    max_file_size: int | None,
) -> Options:
    """The linter's options: a command-line flag replaces the configuration's value."""
    from .engine import Options
    from .findings import Severity
    from .loading import Limits

    return Options(
        limits=Limits() if max_file_size is None else Limits(max_bytes=max_file_size),
        select=_split_ids(select) or config.select or ("ALL",),
        ignore=_split_ids(ignore) or config.ignore or (),
        severity={rule_id: Severity(level) for rule_id, level in config.severity},
        inline_suppressions=inline_suppressions,
        extra_rules=extra_rules,
    )


def _check_config_rules(linter: Linter, config: Config) -> None:
    """A rule ID in the configuration that matches no rule is a usage error naming the file and key."""
    from .config import rule_patterns

    for key, pattern in rule_patterns(config):
        exact = key == "severity"
        if not (pattern in linter.rules if exact else _matches_a_rule(linter, pattern)):
            what = "is not a rule ID" if exact else "matches no rule ID"
            raise UsageError(f"{config.source}: '{pattern}' in '{key}' {what}; see 'liteserver-lint rules'")


def _load_baseline(path: str) -> Baseline:
    """The --baseline file; a missing or malformed one is a usage error."""
    from .baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as error:
        raise UsageError(str(error)) from error


def _write_baseline(path: str, findings: list[Finding]) -> None:
    """Record ``findings`` in the --write-baseline file (atomically), saying how many on stderr."""
    from .baseline import baseline_json
    from .files import write_atomic

    text, entries = baseline_json(findings, path)
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot write the baseline: {error.strerror or error}") from error
    click.echo(f"Wrote {len(findings)} findings ({entries} entries) to {path}.", err=True)


def _kept(config: Config, baseline: Baseline | None, findings: list[Finding]) -> list[Finding]:
    """The findings neither a per-file ignore nor the baseline hides (in file order, as the baseline needs)."""
    from .config import ignore_per_file

    kept = ignore_per_file(config, findings)
    return baseline.filter(kept) if baseline is not None else kept


def _fix(linter: Linter, keep: Callable[[list[Finding]], list[Finding]], report: Report, write: bool) -> bool:
    """Fix (or, without ``write``, print as a diff) every file with a fixable finding in the report;
    the report then holds the findings left.  True when a file changes (or would).  ``keep``
    filters a fixed file's findings as the run's were."""
    from .findings import Finding
    from .fix import fix_path, fixable, unified_diff

    def findings_of(file: str) -> Callable[[str], list[Finding]]:
        return lambda text: keep(sorted(linter.lint_text(text, file)[0], key=Finding.sort_key))

    files = list(dict.fromkeys(f.file for f in fixable(report.findings)))
    fixed_files: dict[str, list[Finding]] = {}
    count = 0
    for file in files:
        try:
            result = fix_path(file, findings_of(file), linter.options.limits, write=write)
        except OSError as error:
            raise UsageError(f"{file}: cannot write the fixed file: {error.strerror or error}") from error
        for finding, reason in result.refused:
            click.echo(f"{finding.location()}: {finding.rule} not fixed: {reason}", err=True)
        if result.fixed is None:
            continue
        count += len(result.applied)
        if write:
            fixed_files[file] = result.findings or []
        else:
            click.echo(unified_diff(result.original, result.fixed, file), nl=False)
    if count:
        click.echo(f"{'Fixed' if write else 'Would fix'} {count} finding{'' if count == 1 else 's'}.", err=True)
    if fixed_files:
        kept = [f for f in report.findings if f.file not in fixed_files]
        report.findings = kept + [f for found in fixed_files.values() for f in found]
        report.sort()
    return count > 0


@cli.command("config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Show this configuration file instead of the one found upwards.")
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
def show_config(config_file: str | None, output_format: str) -> None:
    """Print the effective configuration (TOML, as in pyproject.toml) and the file it came from."""
    from .config import as_dict
    from .engine import Linter

    config = _load_config(config_file)
    _check_config_rules(Linter(), config)
    settings = as_dict(config)
    if output_format == "json":
        click.echo(json.dumps({"source": config.source, "settings": settings}, indent=2))
        return
    click.echo(f"# {config.source_label()}")
    for key, value in settings.items():
        click.echo(f"{key} = {_toml(value)}")


def _toml(value: Any) -> str:
    """A TOML value (inline): strings, lists and tables of them."""
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(key)} = {_toml(item)}" for key, item in value.items())
        return f"{{ {items} }}" if items else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    """A TOML key: bare when it may be (letters, digits, '-', '_'), else quoted."""
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else json.dumps(key)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@POLICY_OPTION
def rules(output_format: str, policy: tuple[str, ...]) -> None:
    """List every rule: ID, name, severity and its one-line message."""
    from .engine import Linter, Options

    all_rules = sorted(Linter(Options(extra_rules=_policy_rules(policy))).rules.values(), key=lambda r: r.id)
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(rule) for rule in all_rules], indent=2))
        return
    for rule in all_rules:
        fixable = "*" if rule.fixable else " "
        click.echo(f"{rule.id} {fixable} {rule.severity.value:<7} {rule.name:<28} {rule.message}")


def _rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule's summary for ``rules --format json``."""
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity.value,
        "message": rule.message,
        "fixable": rule.fixable,
        "source": rule.source,
        "pack": rule.pack,
    }


@cli.command()
@click.argument("rule_id")
@POLICY_OPTION
def explain(rule_id: str, policy: tuple[str, ...]) -> None:
    """Print a rule's documentation: what it checks, why, a failing and a fixed example."""
    known = _explainable_rules(policy)
    rule = known.get(rule_id.upper()) or next((r for r in known.values() if r.name == rule_id.lower()), None)
    if rule is None:
        near = difflib.get_close_matches(rule_id.upper(), list(known), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see 'liteserver-lint rules'"
        raise UsageError(f"unknown rule '{rule_id}'{hint}")
    click.echo(rule.docs(), nl=False)


# -- policy packs and the JSON Schema (issue 5) ----------------------------------------------


def _policy_rules(specs: tuple[str, ...], base_dir: str | None = None) -> tuple[Rule, ...]:
    """The rules of the packs ``specs`` (paths relative to ``base_dir``); a bad pack is a one-line usage error."""
    if not specs:
        return ()
    from .policy import PolicyError, load_rules

    try:
        return load_rules(specs, base_dir)
    except PolicyError as error:
        raise UsageError(str(error)) from None


def _explainable_rules(specs: tuple[str, ...]) -> dict[str, Rule]:
    """Built-in rules, the packs ``specs``, and the shipped packs' rules (``explain REC001`` needs no --policy)."""
    from .engine import Linter, Options
    from .policy import load_pack, shipped

    known = dict(Linter(Options(extra_rules=_policy_rules(specs))).rules)
    for name in shipped():
        for rule in load_pack(name).rules:
            known.setdefault(rule.id, rule)
    return known


@cli.group()
def policy() -> None:
    """Policy packs: list the shipped ones, test a pack against its test cases."""


@policy.command("list")
def policy_list() -> None:
    """The shipped packs: name, number of rules, description."""
    from .policy import load_pack, shipped

    for name in shipped():
        pack = load_pack(name)
        click.echo(f"{pack.name:<16} {len(pack.rules):>2} rules  {' '.join(pack.description.split())}")


@policy.command("test")
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("--cases", type=click.Path(dir_okay=False),
              help="The test suite (default: tests/<pack file> next to the pack).")
@click.option("-v", "--verbose", is_flag=True, help="Show every check, not only the failures.")
def policy_test(packs: tuple[str, ...], cases: str | None, verbose: bool) -> None:
    """Run packs' test cases and check their rules' examples (default: every shipped pack)."""
    from . import packtest
    from .policy import PolicyError, shipped

    names = packs or tuple(shipped())
    if not names:
        raise UsageError("no shipped policy packs found; is the installation complete?")
    if cases and len(names) != 1:
        raise UsageError("--cases goes with exactly one pack")
    failed = 0
    for spec in names:
        try:
            outcomes = packtest.run(spec, cases)
        except PolicyError as error:
            raise UsageError(str(error)) from None
        bad = [o for o in outcomes if not o.ok]
        failed += len(bad)
        for outcome in outcomes if verbose else bad:
            click.echo(f"{'ok  ' if outcome.ok else 'FAIL'} {outcome.pack}: {outcome.check}"
                       f"{': ' + outcome.detail if outcome.detail else ''}")
        click.echo(f"{spec}: {len(outcomes) - len(bad)} of {len(outcomes)} checks passed")
    sys.exit(1 if failed else 0)


@cli.command("schema")
@click.option("--draft", type=click.Choice(["2020-12", "7"]), default="2020-12", show_default=True,
              help="The JSON Schema dialect to declare (the keywords used mean the same in both).")
def schema_command(draft: str) -> None:
    """Print the request's JSON Schema, for editors' completion and inline errors."""
    from .jsonschema_export import json_schema

    click.echo(json.dumps(json_schema(draft=draft), indent=2, ensure_ascii=False))


def main(prog_name: str | None = None) -> None:
    """Run the CLI; Ctrl-C and a closed pipe end quietly (exit 130 and 141, as a shell would)."""
    try:
        code = cli.main(prog_name=prog_name or "liteserver-lint", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # Python flushes stdout at exit and would complain again: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    sys.exit(code if isinstance(code, int) else 0)
