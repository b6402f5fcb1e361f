"""Helpers shared by the commands: colour, notes, configuration, dates, output, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap import errors
from uhc_roadmap.cli.terminal import ColorChoice as ColorChoice
from uhc_roadmap.cli.terminal import emit as emit
from uhc_roadmap.cli.terminal import note as note
from uhc_roadmap.cli.terminal import print_diagnostics as print_diagnostics
from uhc_roadmap.cli.terminal import use_color as use_color
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config

PROGRESS_MIN_FILES = 20
"""Below this many files a run is too short for a progress bar to be worth drawing."""


class ExitCode(IntEnum):
    """The exit-code contract (README, "Exit codes")."""

    OK = errors.OK
    FINDINGS = errors.FINDINGS
    USAGE = errors.USAGE
    INTERNAL = errors.INTERNAL_ERROR
    INTERRUPTED = errors.INTERRUPTED


def load_config(explicit: Path | None = None, *, disabled: bool = False) -> Config:
    """The run's configuration: ``--config``, else the nearest file; ``--no-config``: defaults."""
    from uhc_roadmap.config import Config
    from uhc_roadmap.config import load_config as load

    if disabled and explicit is not None:
        raise UsageError("--config and --no-config cannot be used together")
    if disabled:
        return Config.default(Path.cwd())
    config = load(Path.cwd(), explicit)
    if config.settings.locale_dir:
        from uhc_roadmap.i18n import use_locale_dir

        use_locale_dir(config.root / config.settings.locale_dir)
    return config


def parse_as_of(value: str | None) -> date | None:
    """The --as-of date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: `{value}` is not a date written YYYY-MM-DD") from None


def check_language(lang: str | None, locale_dir: Path | None = None) -> str | None:
    """``--lang`` when the tool has labels for it (with ``--locale-dir``'s catalogs too)."""
    from uhc_roadmap.i18n import LANGUAGES

    if locale_dir is not None:
        from uhc_roadmap.i18n import use_locale_dir

        use_locale_dir(locale_dir)
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"--lang: no labels for `{lang}`; choose one of: {', '.join(LANGUAGES)}")
    return lang


def project_cache(conf: Config, *, disabled: bool) -> Cache | None:
    """The cache beside the configuration file (else in the working directory), or None."""
    if disabled:
        return None
    from uhc_roadmap.cache import Cache

    return Cache.in_project(conf.root)


@contextmanager
def ticker(label: str = "Reading roadmaps") -> Iterator[Callable[[int], Callable[[], None]]]:
    """``start(total)`` gives a callback that advances a progress bar on standard error, for
    long runs on a terminal; elsewhere the callback does nothing."""
    from contextlib import ExitStack

    with ExitStack() as stack:

        def start(total: int) -> Callable[[], None]:
            if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
                return lambda: None
            from rich.console import Console
            from rich.progress import Progress

            # Redrawn as files are done, not by a thread: worker processes are forked only
            # while this process runs no other thread.
            bar = stack.enter_context(
                Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
            )
            task = bar.add_task(label, total=total)
            return lambda: bar.update(task, advance=1, refresh=True)

        yield start
