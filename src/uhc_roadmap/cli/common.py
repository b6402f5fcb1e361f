"""Helpers shared by the commands: colour, notes, configuration, dates, output, progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from uhc_roadmap import errors
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.formats import Rendered

PROGRESS_MIN_FILES = 20
"""Below this many files a run is too short for a progress bar to be worth drawing."""


class ExitCode(IntEnum):
    """The exit-code contract (README, "Exit codes")."""

    OK = errors.OK
    FINDINGS = errors.FINDINGS
    USAGE = errors.USAGE
    INTERNAL = errors.INTERNAL_ERROR
    INTERRUPTED = errors.INTERRUPTED


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


ColorOption = Annotated[ColorChoice, typer.Option("--color", help="Colour the output.")]


def use_color(choice: ColorChoice, stream: TextIO) -> bool:
    """Colour on a terminal only, unless NO_COLOR / FORCE_COLOR or --color say otherwise."""
    if choice is ColorChoice.ALWAYS:
        return True
    if choice is ColorChoice.NEVER or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def note(message: str) -> None:
    """A remark on standard error that leaves standard output to the report."""
    print(f"uhc-roadmap: {message}", file=sys.stderr)


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


def emit(content: Rendered, output: Path | None) -> None:
    """Print to standard output, or write atomically to ``output``."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from uhc_roadmap.output import write_atomic

    write_atomic(output, content)


def project_cache(conf: Config, *, disabled: bool) -> Cache | None:
    """The cache beside the configuration file (else in the working directory), or None."""
    if disabled:
        return None
    from uhc_roadmap.cache import Cache

    return Cache.in_project(conf.root)


def print_diagnostics(results: list[FileResult]) -> None:
    """Findings as ``validate`` prints them in text, on standard error."""
    from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

    text = DIAGNOSTIC_FORMATS.get("text")(
        DiagnosticOptions(color=use_color(ColorChoice.AUTO, sys.stderr))
    )
    sys.stderr.write(text.render(results))


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
