"""``uhc-roadmap report --history``: a roadmap's figures at each commit that changed it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap.cli.common import (
    ColorChoice,
    check_language,
    emit,
    load_config,
    note,
    parse_as_of,
    project_cache,
    ticker,
    use_color,
)
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.history import HISTORY_FORMATS

if TYPE_CHECKING:
    from uhc_roadmap.config import Config
    from uhc_roadmap.formats.history.base import HistoryOptions
    from uhc_roadmap.selection import Selection

REFUSAL = "no history: fix the errors above first, or name the file"
MAX_WIDTH = 110


def report_history(
    selection: Selection,
    output_format: str | None,
    output: Path | None,
    lang: str | None,
    as_of: str | None,
    window: int,
    color: ColorChoice,
    no_cache: bool,
    jobs: int | None,
    *,
    since: str | None,
    limit: int,
) -> None:
    """The history of each file asked for (``--country``: that country's roadmap)."""
    from uhc_roadmap.history import History, HistorySettings, file_history

    chosen_format = HISTORY_FORMATS.check(
        output_format or HISTORY_FORMATS.for_path(output) or "table"
    )
    check_language(lang)
    config = load_config()
    options = config.validation_options(as_of=parse_as_of(as_of))
    settings = HistorySettings(
        lang or "en", window, parse_as_of(as_of), since, limit, config.limits.max_bytes
    )
    cache = project_cache(config, disabled=no_cache)
    files = []
    for path, name in _files(selection, config, lang):
        with ticker("Reading revisions") as progress:
            found = file_history(
                path, name, options, settings, cache=cache, workers=jobs, progress=progress
            )
        if found.shallow and output is None and chosen_format != "table":
            note(f"{name}: a shallow clone; only the commits it holds are shown")
        files.append(found)
    formatter = HISTORY_FORMATS.get(chosen_format)(_options(lang or "en", output, color))
    emit(formatter.render(History(tuple(files))), output)


def _files(selection: Selection, config: Config, lang: str | None) -> list[tuple[Path, str]]:
    """The files whose history is asked for: ``--country``'s roadmap, else every file found."""
    from uhc_roadmap.discovery import printable
    from uhc_roadmap.selection import find, nothing_found, select_roadmap

    if selection.country is not None:
        chosen = select_roadmap(
            selection, config, config.validation_options(), lang=lang or "en", refusal=REFUSAL
        )
        if chosen.name == "<stdin>":
            raise UsageError("standard input has no git history; name the roadmap file")
        return [(Path(chosen.name), printable(chosen.name))]
    if selection.phase is not None:
        raise UsageError("--phase needs --country: phases are named per country")
    found = find(selection.paths, config)
    if not found.sources:
        raise nothing_found(found, config)
    files = []
    for source in found.sources:
        if source.path is None:
            raise UsageError("standard input has no git history; name the roadmap file")
        files.append((source.path, printable(source.name)))
    return files


def _options(lang: str, output: Path | None, color: ColorChoice) -> HistoryOptions:
    from uhc_roadmap.formats.history.base import HistoryOptions

    terminal = output is None and sys.stdout.isatty()
    width = min(shutil.get_terminal_size().columns, MAX_WIDTH) if terminal else 100
    painted = use_color(color, sys.stdout) if output is None else color is ColorChoice.ALWAYS
    return HistoryOptions(lang, painted, terminal, width)
