"""``uhc-roadmap validate``: check roadmap files and report findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    ExitCode,
    JobsOption,
    NoCacheOption,
    emit,
    fail,
    load_config_or_fail,
    note,
    parse_as_of,
    project_cache,
    use_color,
)

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.validation import ValidationOptions

FORMATS = "text, json, github, sarif, junit or markdown"
SUMMARY_ROWS = 1000  # GitHub refuses step summaries over 1 MiB


def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (searched for *.yaml / *.yml), quoted globs, or - for "
            "standard input. Default: the configured `roadmaps` folder (roadmaps/).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format: {FORMATS}. Default: github under GitHub Actions, else text.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: each roadmap's as_of)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings fail the run too (exit 1).")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Only these rule codes or prefixes (comma-separated); replaces `select` "
            "from the configuration.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Skip these rule codes or prefixes (comma-separated); replaces `ignore` "
            "from the configuration.",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file (.uhc-roadmap.yaml or pyproject.toml). Default: the "
            "nearest one up from the working directory.",
            show_default=False,
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore configuration files; use the defaults.")
    ] = False,
    warn_unused_ignores: Annotated[
        bool,
        typer.Option(
            "--warn-unused-ignores",
            help="Report `# uhc-roadmap: disable=...` comments that silenced nothing (Y013).",
        ),
    ] = False,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Exit 0 when no roadmap file matches (default: 2)."),
    ] = False,
    color: Annotated[
        ColorChoice, typer.Option("--color", help="Colour the text output.")
    ] = ColorChoice.AUTO,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings: no hints, no summary.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also list clean files and the configuration file used."
        ),
    ] = False,
    no_cache: NoCacheOption = False,
    jobs: JobsOption = None,
    fix: Annotated[  # the write path: --fix and --diff (cli/edit.py)
        bool, typer.Option("--fix", help="Apply the safe fixes and report what is left.")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Show the safe fixes as a diff; write nothing.")
    ] = False,
) -> None:
    """Validate roadmap files: YAML, format and semantic rules. Exit 0 clean, 1 findings, 2 usage.

    Findings are errors, warnings or infos; only errors fail the run, and warnings too with
    --strict.
    """
    chosen = _choose_format(output_format, output)
    conf = load_config_or_fail(config, disabled=no_config)
    options = conf.validation_options(
        select=_codes("--select", select),
        ignore=_codes("--ignore", ignore),
        as_of=parse_as_of(as_of),
        warn_unused_ignores=warn_unused_ignores,
    )
    if verbose:
        note(f"configuration: {conf.path or 'none found, using the defaults'}")
    sources = _sources(paths, conf, allow_empty=allow_empty, quiet=quiet)
    cache = project_cache(conf, disabled=no_cache)
    if fix or show_diff:  # the write path (cli/edit.py); --diff exits there
        from uhc_roadmap.cli.edit import fix_sources

        results = fix_sources(sources, options, show_diff=show_diff)
    else:
        results = _check(sources, options, cache, jobs)
    if verbose and cache is not None:
        note(f"cache: {cache.problem or cache.folder}")
    _report(results, chosen, output, color=color, quiet=quiet, verbose=verbose, strict=strict)
    failed = any(r.has_errors for r in results) or (strict and _has_warnings(results))
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _choose_format(requested: str | None, output: Path | None) -> str:
    """GitHub annotations by default inside GitHub Actions, when the report goes to the log."""
    from uhc_roadmap.reporters import REPORTERS

    if requested is None:
        in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        return "github" if in_actions and output is None else "text"
    if requested not in REPORTERS:
        fail(f"unknown format `{requested}`; choose {FORMATS}")
    return requested


def _codes(option: str, values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable rule codes, each checked against the catalogue."""
    from uhc_roadmap.config import code_problem

    if values is None:
        return None
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    for code in codes:
        problem = code_problem(code)
        if problem is not None:
            fail(f"{option}: {problem[0]}; {problem[1]}")
    return codes


def _sources(
    paths: list[str] | None, conf: Config, *, allow_empty: bool, quiet: bool
) -> list[Source]:
    """The files to check; none at all is a usage error unless --allow-empty says otherwise."""
    from uhc_roadmap.discovery import InputError, select_sources

    default = os.path.relpath(conf.roadmaps)
    arguments = paths or ([default] if conf.roadmaps.exists() else [])
    try:
        kept, excluded = select_sources(arguments, conf.exclude, conf.root)
    except InputError as exc:
        fail(str(exc))
    if kept:
        return kept
    if excluded:
        if not quiet:
            note(f"every matching file ({len(excluded)}) is excluded by `exclude` in {conf.path}")
        return []
    where = ", ".join(paths or [default])
    if not allow_empty:
        fail(f"no roadmap files found in {where} (pass --allow-empty to accept that)")
    if not quiet:
        note(f"no roadmap files found in {where}")
    return []


def _check(
    sources: list[Source], options: ValidationOptions, cache: Cache | None, jobs: int | None
) -> list[FileResult]:
    from uhc_roadmap.bulk import Job, check_files
    from uhc_roadmap.discovery import InputError, read

    limit = options.limits.max_bytes  # a larger file is refused (Y011) without being held whole
    stdin = sys.stdin.buffer.read(limit + 1) if any(s.path is None for s in sources) else None
    try:
        work = [Job(s.name, read(s, stdin, max_bytes=limit)) for s in sources]
    except InputError as exc:
        fail(str(exc))
    return check_files(work, options, cache=cache, workers=jobs)


def _report(
    results: list[FileResult],
    chosen: str,
    output: Path | None,
    *,
    color: ColorChoice,
    quiet: bool,
    verbose: bool,
    strict: bool,
) -> None:
    from uhc_roadmap.reporters import ReportOptions, get_reporter

    stream_color = output is None and use_color(color, sys.stdout)
    options = ReportOptions(color=stream_color, quiet=quiet, verbose=verbose, strict=strict)
    emit(get_reporter(chosen)(options).render(results), output)
    if chosen == "github":
        _step_summary(results, strict)


def _step_summary(results: list[FileResult], strict: bool) -> None:
    """Every finding in the job summary: GitHub shows only 10 annotations per step."""
    from uhc_roadmap.reporters import ReportOptions
    from uhc_roadmap.reporters.markdown import MarkdownReporter

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = MarkdownReporter(ReportOptions(strict=strict, max_rows=SUMMARY_ROWS)).render(results)
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(text + "\n")
    except OSError as exc:
        note(f"warning: cannot write the step summary {target} ({exc.strerror})")


def _has_warnings(results: list[FileResult]) -> bool:
    from uhc_roadmap.diagnostics import Severity

    return any(r.count(Severity.WARNING) for r in results)
