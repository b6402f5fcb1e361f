"""``uhc-roadmap validate``: check roadmap files and report findings."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    ColorOption,
    ExitCode,
    load_config,
    note,
    parse_as_of,
    project_cache,
)
from uhc_roadmap.cli.options import (
    AsOfOption,
    ConfigOption,
    JobsOption,
    NoCacheOption,
    NoConfigOption,
    OutputOption,
    PathsArgument,
    format_option,
    option,
)
from uhc_roadmap.cli.warm import choose_format, failed, remember, report, settings_key, split_codes
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.validation import ValidationOptions


def _codes_option(name: str, verb: str) -> Any:
    key = name.removeprefix("--")
    return option(
        name,
        metavar="CODES",
        help=f"{verb} rule codes or prefixes (comma-separated); replaces `{key}` from the "
        "configuration.",
    )


def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        str | None,
        format_option(
            DIAGNOSTIC_FORMATS,
            "github under GitHub Actions, else from -o's suffix (.json, .sarif, .xml, .md), "
            "else text",
        ),
    ] = None,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings fail the run too (exit 1).")
    ] = False,
    select: Annotated[list[str] | None, _codes_option("--select", "Only these")] = None,
    ignore: Annotated[list[str] | None, _codes_option("--ignore", "Skip these")] = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
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
    color: ColorOption = ColorChoice.AUTO,
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
    chosen = choose_format(output_format, output)
    conf = load_config(config, disabled=no_config)
    codes = {"select": _codes("--select", select), "ignore": _codes("--ignore", ignore)}
    day = parse_as_of(as_of)
    options = conf.validation_options(**codes, as_of=day, warn_unused_ignores=warn_unused_ignores)
    if verbose:
        note(f"configuration: {conf.path or 'none found, using the defaults'}")
    sources = _sources(paths, conf, allow_empty=allow_empty, quiet=quiet)
    cache = project_cache(conf, disabled=no_cache)
    if cache is not None:  # what a warm run needs of these settings (cli/warm.py)
        key = settings_key(
            cache, conf.path, conf.raw, **codes, as_of=day, warn_unused_ignores=warn_unused_ignores
        )
        remember(cache, key, conf, options)
    texts: dict[str, bytes] = {}  # each file's bytes, for the formats that fingerprint lines
    if fix or show_diff:  # the write path (cli/edit.py); --diff exits there
        from uhc_roadmap.cli.edit import fix_sources

        results = fix_sources(sources, options, show_diff=show_diff)
    else:
        results, texts = _check(sources, conf, options, cache, jobs)
    if verbose and cache is not None:
        note(f"cache: {cache.problem or cache.folder}")
    report(results, chosen, output, texts, color=color, quiet=quiet, verbose=verbose, strict=strict)
    raise typer.Exit(ExitCode.FINDINGS if failed(results, strict=strict) else ExitCode.OK)


def _codes(option: str, values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable rule codes, each checked against the catalogue."""
    from uhc_roadmap.config import code_problem

    codes = split_codes(values)
    for code in codes or []:
        problem = code_problem(code)
        if problem is not None:
            raise UsageError(f"{option}: {problem[0]}; {problem[1]}")
    return codes


def _sources(
    paths: list[str] | None, conf: Config, *, allow_empty: bool, quiet: bool
) -> list[Source]:
    """The files to check; none at all is a usage error unless --allow-empty says otherwise."""
    from uhc_roadmap.selection import find, nothing_found

    found = find(paths or [], conf)
    if found.sources:
        return found.sources
    if found.excluded:
        if not quiet:
            note(str(nothing_found(found, conf)))
        return []
    problem = nothing_found(found, conf)
    if not allow_empty:
        raise UsageError(f"{problem} (pass --allow-empty to accept that)")
    if not quiet:
        note(str(problem))
    return []


def _check(
    sources: list[Source],
    conf: Config,
    options: ValidationOptions,
    cache: Cache | None,
    jobs: int | None,
) -> tuple[list[FileResult], dict[str, bytes]]:
    """The findings, and each file's bytes (for the formats that fingerprint lines)."""
    from uhc_roadmap.bulk import check_files
    from uhc_roadmap.selection import read_jobs

    work = read_jobs(sources, conf, sys.stdin.buffer)
    texts = {job.name: job.raw for job in work}
    return check_files(work, options, cache=cache, workers=jobs), texts
