"""What ``uhc-roadmap validate`` does, without its Typer declaration (``validate.py``).

``run`` takes the command's parameters and returns its exit code. The Typer command calls it,
and so does ``entry.py`` for the invocations ``warm.py`` parses itself, without building
Typer's command table and parameter adapters. Nothing here imports Typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap.cli.common import (
    ExitCode,
    check_language,
    load_config,
    parse_as_of,
    project_cache,
)
from uhc_roadmap.cli.terminal import ColorChoice, emit, note, use_color
from uhc_roadmap.cli.warm import remember, settings_key
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.validation import ValidationOptions

SUMMARY_ROWS = 1000  # GitHub refuses step summaries over 1 MiB


def run(
    *,
    paths: list[str] | None,
    output_format: str | None,
    output: Path | None,
    as_of: str | None,
    strict: bool,
    select: list[str] | None,
    ignore: list[str] | None,
    config: Path | None,
    no_config: bool,
    warn_unused_ignores: bool,
    allow_empty: bool,
    color: ColorChoice,
    quiet: bool,
    verbose: bool,
    no_cache: bool,
    jobs: int | None,
    fix: bool,
    show_diff: bool,
    lang: str | None = None,
    locale_dir: Path | None = None,
) -> int:
    """Check the files and report; the exit code (0 clean, 1 findings)."""
    chosen = choose_format(output_format, output)
    conf = load_config(config, disabled=no_config)
    messages = _messages_language(lang, locale_dir, conf)
    codes = {"select": _codes("--select", select), "ignore": _codes("--ignore", ignore)}
    day = parse_as_of(as_of)
    options = conf.validation_options(**codes, as_of=day, warn_unused_ignores=warn_unused_ignores)
    if verbose:
        note(f"configuration: {conf.path or 'none found, using the defaults'}")
    sources = _sources(paths, conf, allow_empty=allow_empty, quiet=quiet)
    cache = project_cache(conf, disabled=no_cache)
    if cache is not None and messages == "en":  # what a warm run needs (cli/warm.py), which
        # prints English only: in another language no entry is kept and the full command runs
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
    if messages != "en":  # the English path never reads a catalog
        from uhc_roadmap.i18n.messages import translate_results

        results = translate_results(results, messages)
    report(results, chosen, output, texts, color=color, quiet=quiet, verbose=verbose, strict=strict)
    return ExitCode.FINDINGS if failed(results, strict=strict) else ExitCode.OK


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


def split_codes(values: Sequence[str] | None) -> list[str] | None:
    """Comma-separated, repeatable rule codes as one list; None when the option is absent."""
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def choose_format(requested: str | None, output: Path | None, *, check: bool = True) -> str:
    """``--format``; by default GitHub annotations inside GitHub Actions when the report goes
    to the log, else the format of ``-o``'s suffix, else text. ``check``: refuse an unknown
    name (with "did you mean")."""
    from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

    if requested is not None:
        return DIAGNOSTIC_FORMATS.check(requested) if check else requested
    if output is None:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return DIAGNOSTIC_FORMATS.for_path(output) or "text"


def failed(results: list[FileResult], *, strict: bool) -> bool:
    """Whether the run fails: an error, or with ``strict`` a warning too."""
    from uhc_roadmap.diagnostics import Severity

    return any(r.has_errors for r in results) or (
        strict and any(r.count(Severity.WARNING) for r in results)
    )


def report(
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
    """The findings in the chosen format, to ``output`` or standard output; under GitHub
    Actions also in the step summary, and in the log when the report went to a file."""
    from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

    stream_color = output is None and use_color(color, sys.stdout)
    options = DiagnosticOptions(
        color=stream_color, quiet=quiet, verbose=verbose, strict=strict, sources=texts
    )
    emit(DIAGNOSTIC_FORMATS.get(chosen)(options).render(results), output)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if chosen == "github" or in_actions:
        step_summary(results, strict)
    if in_actions and output is not None and chosen not in {"text", "github"}:
        # The report went to a file (SARIF for code scanning...): the log still shows findings.
        emit(DIAGNOSTIC_FORMATS.get("text")(options).render(results), None)


def step_summary(results: list[FileResult], strict: bool) -> None:
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
