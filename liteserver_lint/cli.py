"""The ``liteserver-lint`` command: a thin shell over the library.

Exit codes: 0 nothing at or above ``--fail-on``, 1 findings at or above it, 2 usage error.
Heavy imports (the engine, yaml, cerberus) happen inside the commands, so ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from . import __version__

if TYPE_CHECKING:
    from .engine import Linter
    from .rule import Rule

SEVERITIES = ("error", "warning", "info")
FORMAT_NAMES = ("text", "json")
POLICY_OPTION = click.option(
    "--policy", multiple=True, metavar="PACK",
    help="Also run a policy pack: a shipped pack's name (recommended) or a pack file's path; repeatable.",
)


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select LS1,LS2 --select LS3`` -> ``("LS1", "LS2", "LS3")``."""
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def _use_color(stream: Any) -> bool:
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
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes (comma-separated; ALL).")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--stdin-filename", default="-", help="The name to report for standard input ('-').")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores; a pool starts only for many files).")
@POLICY_OPTION
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    stdin_filename: str,
    jobs: int | None,
    policy: tuple[str, ...],
) -> None:
    """Lint spec files and directories (*.yaml, *.yml, *.json, recursively); '-' reads stdin."""
    from .engine import Linter, Options
    from .files import collect
    from .findings import Severity
    from .reporters import Context, renderer
    from .run import default_jobs, lint_targets

    options = Options(
        select=_split_ids(select) or ("ALL",), ignore=_split_ids(ignore), extra_rules=_policy_rules(policy)
    )
    linter = Linter(options)
    _check_rule_ids(linter, options.select + options.ignore)
    report = lint_targets(linter, collect(paths), jobs or default_jobs(), stdin_filename)
    threshold = Severity(fail_on)
    context = Context(rules=linter.rules, color=_use_color(sys.stdout), fail_on=threshold, version=__version__)
    click.echo(renderer(output_format)(report, context), nl=False)
    sys.exit(1 if report.worst_at_least(threshold) else 0)


def _check_rule_ids(linter: Linter, patterns: tuple[str, ...]) -> None:
    """A --select/--ignore pattern that matches no rule is a usage error (a typo would hide findings)."""
    for pattern in patterns:
        if pattern != "ALL" and not any(rule_id.startswith(pattern) for rule_id in linter.rules):
            raise UsageError(f"'{pattern}' matches no rule ID; see 'liteserver-lint rules'")


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


def _policy_rules(specs: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules of the packs ``specs``; a bad pack is a one-line usage error."""
    if not specs:
        return ()
    from .policy import PolicyError, load_rules

    try:
        return load_rules(specs)
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
