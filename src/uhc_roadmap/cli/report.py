"""``uhc-roadmap report``: where one country's roadmap stands, or the whole portfolio."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    ExitCode,
    JobsOption,
    NoCacheOption,
    emit,
    fail,
    load_config_or_fail,
    parse_as_of,
    project_cache,
    use_color,
)

if TYPE_CHECKING:
    from uhc_roadmap.bulk import Figures, Job
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.progress import Portfolio, RoadmapProgress
    from uhc_roadmap.report_formats import FormatOptions
    from uhc_roadmap.validation import CheckedFile, ValidationOptions

FORMATS = ("table", "json", "csv", "markdown")
PROGRESS_MIN_FILES = 20
"""Below this many files the run is too short for a progress bar to be worth drawing."""
MAX_WIDTH = 100
Checked = list[tuple[str, "CheckedFile"]]


def report(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Roadmap files or directories. Default: the configured `roadmaps` folder "
            "(roadmaps/).",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            help="ISO code or name in English or French (MA, MAR, Morocco, Maroc). "
            "Without it: the portfolio, one row per country.",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option("--phase", help="Phase id (default: the country's latest phase)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: the roadmap's as_of)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="fr or en (default: the roadmap's first language)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            help="csv only: activities (default), axes, budget, indicators or milestones.",
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option("--sort", help="Portfolio column to sort by; a leading - sorts descending."),
    ] = "country",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the sort order.")] = False,
    window: Annotated[
        int, typer.Option("--window", min=0, help="Days ahead for upcoming milestones.")
    ] = 90,
    color: Annotated[
        ColorChoice, typer.Option("--color", help="Colour the table output.")
    ] = ColorChoice.AUTO,
    no_cache: NoCacheOption = False,
    jobs: JobsOption = None,
) -> None:
    """Report progress: completion, overdue work, milestones, budget and indicators."""
    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`; choose one of: {', '.join(FORMATS)}")
    reference = parse_as_of(as_of)
    config, options = _configuration(reference)
    paths = paths or [os.path.relpath(config.roadmaps)]
    if country is None:
        if phase is not None:
            fail("--phase needs --country: phases are named per country")
        from uhc_roadmap.bulk import Figures

        figures = Figures(reference, lang or "en", window)
        cache = project_cache(config, disabled=no_cache)
        found = _portfolio(paths, config, options, figures, sort, reverse, cache, jobs)
        text = _render(output_format, _format_options(lang or "en", section, output, color), found)
    else:
        checked = _check_all(paths, config, options)
        progress = _country(checked, country, phase, reference, lang, window)
        options_ = _format_options(progress.lang, section, output, color)
        text = _render(output_format, options_, progress)
    emit(text, output)


def _configuration(as_of: date | None) -> tuple[Config, ValidationOptions]:
    """The nearest configuration file: default folder, ``exclude`` and rule settings."""
    config = load_config_or_fail()
    return config, config.validation_options(as_of=as_of)


@contextmanager
def _ticker(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error for long runs on a terminal; nothing otherwise."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    # Redrawn as files are done, not by a thread: worker processes are forked only while
    # this process runs no other thread.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("Reading roadmaps", total=total)
        yield lambda: bar.update(task, advance=1, refresh=True)


def _check_all(paths: list[str], config: Config, options: ValidationOptions) -> Checked:
    from uhc_roadmap.discovery import InputError, expand, read
    from uhc_roadmap.validation import check_bytes

    found: Checked = []
    try:
        sources = expand(paths, config.exclude, config.root)
        limit = options.limits.max_bytes  # an endless standard input is cut past the limit
        stdin = sys.stdin.buffer.read(limit + 1) if any(s.path is None for s in sources) else None
        with _ticker(len(sources)) as advance:
            for source in sources:
                raw = read(source, stdin, max_bytes=options.limits.max_bytes)
                found.append((source.name, check_bytes(raw, source.name, options)))
                advance()
    except InputError as exc:
        fail(str(exc))
    if not found:
        fail("no roadmap files found in " + ", ".join(paths))
    return found


def _refuse(invalid: list[FileResult]) -> NoReturn:
    """Invalid roadmaps are not reported on: their errors, then exit 1."""
    from uhc_roadmap.reporters import ReportOptions, get_reporter

    reporter = get_reporter("text")(ReportOptions(color=use_color(ColorChoice.AUTO, sys.stderr)))
    sys.stderr.write(reporter.render(invalid))
    print("uhc-roadmap: error: no report: fix the errors above first", file=sys.stderr)
    raise typer.Exit(ExitCode.FINDINGS)


def _country(
    checked: Checked,
    query: str,
    phase: str | None,
    as_of: date | None,
    lang: str | None,
    window: int,
) -> RoadmapProgress:
    """The progress of one country's roadmap (files that may be that country must be valid)."""
    from uhc_roadmap.countries import CountryLookupError, resolve_country
    from uhc_roadmap.progress import PhaseError, choose_phase, compute_progress, report_language

    _check_language(lang)
    unreadable = [c.result for _, c in checked if c.roadmap is None]
    if unreadable:  # a file that is not a roadmap yet may be this country's
        _refuse(unreadable)
    parsed = [(name, c.roadmap) for name, c in checked if c.roadmap is not None]
    try:
        code = resolve_country(query, {r.country for _, r in parsed}, lang or "en")
    except CountryLookupError as exc:
        fail(str(exc))
    invalid = [
        c.result
        for _, c in checked
        if c.result.has_errors and c.roadmap is not None and c.roadmap.country == code
    ]
    if invalid:
        _refuse(invalid)
    try:
        _, roadmap = choose_phase([(n, r) for n, r in parsed if r.country == code], phase)
    except PhaseError as exc:
        fail(f"{query}: {exc}")
    return compute_progress(roadmap, as_of, lang or report_language(roadmap), window)


def _portfolio(
    paths: list[str],
    config: Config,
    options: ValidationOptions,
    figures: Figures,
    sort: str,
    reverse: bool,
    cache: Cache | None,
    jobs: int | None,
) -> Portfolio:
    """Every country's latest phase; one invalid file and there is no portfolio.

    Each file's row comes from the cache when its bytes and the settings are unchanged.
    """
    from uhc_roadmap.bulk import portfolio_entries
    from uhc_roadmap.progress import PhaseError, SortError, choose_phase, parse_sort
    from uhc_roadmap.progress.portfolio import portfolio_of_rows

    _check_language(figures.lang)
    try:
        column, descending = parse_sort(sort, reverse)
    except SortError as exc:
        fail(str(exc))
    work = _jobs(paths, config, options)
    with _ticker(len(work)) as advance:
        entries = portfolio_entries(
            work, options, figures, cache=cache, workers=jobs, progress=advance
        )
    invalid = [e.result for e in entries if e.summary is None]
    if invalid:
        _refuse(invalid)
    found = [(e.name, e.summary) for e in entries if e.summary is not None]
    rows = []
    for code in sorted({summary.country for _, summary in found}):
        try:
            rows.append(choose_phase([c for c in found if c[1].country == code], None)[1].row)
        except PhaseError as exc:
            fail(f"{code}: {exc}")
    return portfolio_of_rows(rows, column, descending)


def _jobs(paths: list[str], config: Config, options: ValidationOptions) -> list[Job]:
    from uhc_roadmap.bulk import Job
    from uhc_roadmap.discovery import InputError, expand, read

    try:
        sources = expand(paths, config.exclude, config.root)
        limit = options.limits.max_bytes  # an endless standard input is cut past the limit
        stdin = sys.stdin.buffer.read(limit + 1) if any(s.path is None for s in sources) else None
        found = [Job(s.name, read(s, stdin, max_bytes=limit)) for s in sources]
    except InputError as exc:
        fail(str(exc))
    if not found:
        fail("no roadmap files found in " + ", ".join(paths))
    return found


def _check_language(lang: str | None) -> None:
    from uhc_roadmap.i18n import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang: no labels for `{lang}`; choose one of: {', '.join(LANGUAGES)}")


def _format_options(
    lang: str, section: str | None, output: Path | None, color: ColorChoice
) -> FormatOptions:
    from uhc_roadmap.report_formats import FormatOptions

    terminal = output is None and sys.stdout.isatty()
    width = min(shutil.get_terminal_size().columns, MAX_WIDTH) if terminal else 80
    painted = use_color(color, sys.stdout) if output is None else color is ColorChoice.ALWAYS
    return FormatOptions(lang, painted, terminal, width, section)


def _render(name: str, options: FormatOptions, found: RoadmapProgress | Portfolio) -> str:
    from uhc_roadmap.progress import Portfolio
    from uhc_roadmap.report_formats import get_format
    from uhc_roadmap.report_formats.base import SectionError

    formatter = get_format(name)(options)
    if options.section is not None and not formatter.sections:
        fail(f"--section applies to --format csv, not {name}")
    try:
        if isinstance(found, Portfolio):
            return formatter.portfolio(found)
        return formatter.report(found)
    except SectionError as exc:
        fail(str(exc))
