"""``uhc-roadmap validate``: check roadmap files and report findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    ColorOption,
    ExitCode,
    check_language,
    emit,
    load_config,
    note,
    parse_as_of,
    project_cache,
    use_color,
)
from uhc_roadmap.cli.options import (
    AsOfOption,
    ConfigOption,
    JobsOption,
    LocaleDirOption,
    NoCacheOption,
    NoConfigOption,
    OutputOption,
    PathsArgument,
    format_option,
    option,
)
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.validation import ValidationOptions

SUMMARY_ROWS = 1000  # GitHub refuses step summaries over 1 MiB


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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="Language of the messages and hints (codes and positions never change). "
            "Default: the configuration's language, else LC_ALL, LC_MESSAGES or LANG, "
            "else English.",
        ),
    ] = None,
    locale_dir: LocaleDirOption = None,
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
    conf = load_config(config, disabled=no_config)
    options = conf.validation_options(
        select=_codes("--select", select),
        ignore=_codes("--ignore", ignore),
        as_of=parse_as_of(as_of),
        warn_unused_ignores=warn_unused_ignores,
    )
    messages = _messages_language(lang, locale_dir, conf)
    if verbose:
        note(f"configuration: {conf.path or 'none found, using the defaults'}")
    sources = _sources(paths, conf, allow_empty=allow_empty, quiet=quiet)
    cache = project_cache(conf, disabled=no_cache)
    texts: dict[str, bytes] = {}  # each file's bytes, for the formats that fingerprint lines
    if fix or show_diff:  # the write path (cli/edit.py); --diff exits there
        from uhc_roadmap.cli.edit import fix_sources

        results = fix_sources(sources, options, show_diff=show_diff)
    else:
        results, texts = _check(sources, conf, options, cache, jobs)
    if verbose and cache is not None:
        note(f"cache: {cache.problem or cache.folder}")
    if messages != "en":  # the English path never reads a catalog
        from uhc_roadmap.i18n.messages import translate_results

        results = translate_results(results, messages)
    _report(
        results, chosen, output, texts, color=color, quiet=quiet, verbose=verbose, strict=strict
    )
    failed = any(r.has_errors for r in results) or (strict and _has_warnings(results))
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _messages_language(lang: str | None, locale_dir: Path | None, conf: Config) -> str:
    """--lang, else the configuration's language, else the POSIX locale, else English. The
    usual cases (no option, an English or C locale) import nothing and read no catalog."""
    if lang is not None or locale_dir is not None:
        check_language(lang, locale_dir)
    configured = conf.settings.language
    if lang is None and configured is None and _locale_language() in {"", "c", "posix", "en"}:
        return "en"
    from uhc_roadmap.i18n.messages import user_language

    chosen = user_language(lang, configured, os.environ)
    if lang is None and configured is not None:
        check_language(chosen)  # the configuration's: named in the message as --lang is
    return chosen


def _locale_language() -> str:
    """The language part of the first of LC_ALL, LC_MESSAGES, LANG that is set (``fr_FR.UTF-8``
    -> ``fr``), as gettext reads them."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
    return ""


def _choose_format(requested: str | None, output: Path | None) -> str:
    """``--format``; by default GitHub annotations inside GitHub Actions when the report goes
    to the log, else the format of ``-o``'s suffix, else text."""
    if requested is not None:
        return DIAGNOSTIC_FORMATS.check(requested)
    if output is None:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return DIAGNOSTIC_FORMATS.for_path(output) or "text"


def _codes(option: str, values: list[str] | None) -> list[str] | None:
    """Comma-separated, repeatable rule codes, each checked against the catalogue."""
    from uhc_roadmap.config import code_problem

    if values is None:
        return None
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    for code in codes:
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


def _report(
    results: list[FileResult],
    chosen: str,
    output: Path | None,
    texts: dict[str, bytes],
    *,
    color: ColorChoice,
    quiet: bool,
    verbose: bool,
    strict: bool,
) -> None:
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

    stream_color = output is None and use_color(color, sys.stdout)
    options = DiagnosticOptions(
        color=stream_color, quiet=quiet, verbose=verbose, strict=strict, sources=texts
    )
    emit(DIAGNOSTIC_FORMATS.get(chosen)(options).render(results), output)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if chosen == "github" or in_actions:
        _step_summary(results, strict)
    if in_actions and output is not None and chosen not in {"text", "github"}:
        # The report went to a file (SARIF for code scanning...): the log still shows findings.
        emit(DIAGNOSTIC_FORMATS.get("text")(options).render(results), None)


def _step_summary(results: list[FileResult], strict: bool) -> None:
    """Every finding in the job summary: GitHub shows only 10 annotations per step."""
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
    from uhc_roadmap.formats.diagnostics.markdown import MarkdownFormat

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = MarkdownFormat(DiagnosticOptions(strict=strict, max_rows=SUMMARY_ROWS)).render(results)
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(text + "\n")
    except OSError as exc:
        note(f"warning: cannot write the step summary {target} ({exc.strerror})")


def _has_warnings(results: list[FileResult]) -> bool:
    from uhc_roadmap.diagnostics import Severity

    return any(r.count(Severity.WARNING) for r in results)
