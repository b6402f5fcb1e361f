"""``uhc-roadmap report``: where one country's roadmap stands, or the whole portfolio."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    check_language,
    emit,
    load_config,
    parse_as_of,
    project_cache,
    ticker,
    use_color,
)
from uhc_roadmap.cli.options import (
    AsOfOption,
    ColorOption,
    CountryOption,
    FunderOption,
    JobsOption,
    LangOption,
    LocaleDirOption,
    NoCacheOption,
    OutputOption,
    PathsArgument,
    PhaseOption,
    format_option,
    option,
)
from uhc_roadmap.errors import InvalidRoadmaps, UsageError
from uhc_roadmap.formats.progress import PROGRESS_FORMATS

if TYPE_CHECKING:
    from uhc_roadmap.bulk import Figures
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.formats.progress.base import ProgressOptions
    from uhc_roadmap.progress import Portfolio, RoadmapProgress
    from uhc_roadmap.selection import Selection
    from uhc_roadmap.validation import ValidationOptions

MAX_WIDTH = 100
REFUSAL = "no report: fix the errors above first"


def report(
    paths: PathsArgument = None,
    country: CountryOption = None,
    phase: PhaseOption = None,
    funder: FunderOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    locale_dir: LocaleDirOption = None,
    output_format: Annotated[
        str | None,
        format_option(PROGRESS_FORMATS, "from -o's suffix (.json, .csv, .md, .xlsx), else table"),
    ] = None,
    output: OutputOption = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            help="csv only: activities (default), axes, budget, indicators or milestones.",
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="csv only: for Excel: UTF-8 with a BOM; with --lang fr, `;` between fields "
            "and decimal commas.",
        ),
    ] = False,
    sort: Annotated[
        str,
        typer.Option("--sort", help="Portfolio column to sort by; a leading - sorts descending."),
    ] = "country",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the sort order.")] = False,
    window: Annotated[
        int, typer.Option("--window", min=0, help="Days ahead for upcoming milestones.")
    ] = 90,
    color: ColorOption = ColorChoice.AUTO,
    no_cache: NoCacheOption = False,
    jobs: JobsOption = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Progress over time: the figures at each commit that changed the roadmap "
            "(git; formats table, json, csv, markdown).",
        ),
    ] = False,
    since: Annotated[
        str | None,
        option("--since", metavar="REV", help="--history: only the commits after REV."),
    ] = None,
    max_revisions: Annotated[
        int,
        typer.Option(
            "--max-revisions", min=1, help="--history: at most this many revisions, the latest."
        ),
    ] = 200,
) -> None:
    """Report progress: completion, overdue work, milestones, budget and indicators.

    With --country, one country's roadmap (--funder: the part one funder pays for); without
    it, the portfolio, one row per country.
    With --history, the same figures at each commit that changed the roadmap.
    """
    from uhc_roadmap.selection import Selection

    if history or since is not None:
        from uhc_roadmap.cli.history import report_history

        report_history(
            Selection(tuple(paths or ()), country, phase),
            output_format, output, lang, as_of, window, color, no_cache, jobs,
            since=since, limit=max_revisions,
        )  # fmt: skip
        return

    chosen_format = PROGRESS_FORMATS.check(
        output_format or PROGRESS_FORMATS.for_path(output) or "table"
    )
    if chosen_format == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError("a workbook is not for the terminal: give -o FILE.xlsx")
    if excel and chosen_format != "csv":
        raise UsageError(f"--excel applies to --format csv, not {chosen_format}")
    reference = parse_as_of(as_of)
    config = load_config()  # its locale_dir adds languages: before --lang is checked
    check_language(lang, locale_dir)
    options = config.validation_options(as_of=reference)
    selection = Selection(tuple(paths or ()), country, phase)
    found: RoadmapProgress | Portfolio
    if country is None:
        if phase is not None:
            raise UsageError("--phase needs --country: phases are named per country")
        if funder is not None:
            raise UsageError("--funder needs --country: a funder's part is shown per roadmap")
        from uhc_roadmap.bulk import Figures

        figures = Figures(reference, lang or "en", window)
        cache = project_cache(config, disabled=no_cache)
        found = _portfolio(selection, config, options, figures, sort, reverse, cache, jobs)
        text_lang = lang or "en"
    else:
        found = _country(selection, config, options, reference, lang, window, funder)
        text_lang = found.lang
    formatter = PROGRESS_FORMATS.get(chosen_format)(
        _format_options(text_lang, section, output, color, excel=excel)
    )
    emit(formatter.render(found), output)


def _country(
    selection: Selection,
    config: Config,
    options: ValidationOptions,
    as_of: date | None,
    lang: str | None,
    window: int,
    funder: str | None,
) -> RoadmapProgress:
    """The progress of one country's roadmap, or of one funder's part of it."""
    from uhc_roadmap.progress import compute_progress, report_language
    from uhc_roadmap.selection import select_roadmap

    with ticker() as progress:
        chosen = select_roadmap(
            selection,
            config,
            options,
            lang=lang or "en",
            stdin=sys.stdin.buffer,
            refusal=REFUSAL,
            progress=progress,
        )
    roadmap = chosen.roadmap
    return compute_progress(roadmap, as_of, lang or report_language(roadmap), window, funder)


def _portfolio(
    selection: Selection,
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
    from uhc_roadmap.bulk.stats import StatIndex
    from uhc_roadmap.progress import choose_phase, parse_sort
    from uhc_roadmap.progress.portfolio import portfolio_of_rows
    from uhc_roadmap.selection import file_jobs, find, nothing_found

    column, descending = parse_sort(sort, reverse)
    found = find(selection.paths, config)
    if not found.sources:
        raise nothing_found(found, config)
    index = StatIndex(cache, config.root)  # a file unchanged since it was hashed is not read
    work = file_jobs(found.sources, config, index, sys.stdin.buffer)
    with ticker() as progress:
        entries = portfolio_entries(
            work, options, figures, cache=cache, workers=jobs, progress=progress(len(work))
        )
    index.save()
    invalid = [e.result for e in entries if e.summary is None]
    if invalid:
        raise InvalidRoadmaps(invalid, REFUSAL)
    summaries = [(e.name, e.summary) for e in entries if e.summary is not None]
    rows = [
        choose_phase([s for s in summaries if s[1].country == code], None)[1].row
        for code in sorted({summary.country for _, summary in summaries})
    ]
    return portfolio_of_rows(rows, column, descending)


def _format_options(
    lang: str, section: str | None, output: Path | None, color: ColorChoice, *, excel: bool
) -> ProgressOptions:
    from uhc_roadmap.formats.progress.base import ProgressOptions

    terminal = output is None and sys.stdout.isatty()
    width = min(shutil.get_terminal_size().columns, MAX_WIDTH) if terminal else 80
    painted = use_color(color, sys.stdout) if output is None else color is ColorChoice.ALWAYS
    return ProgressOptions(lang, painted, terminal, width, section, excel)
