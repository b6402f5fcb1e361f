"""Helpers shared by the commands: colour choice, messages, exit codes, output files."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config


class ExitCode(IntEnum):
    """The exit-code contract (README, "Exit codes")."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def use_color(choice: ColorChoice, stream: TextIO) -> bool:
    """Colour on a terminal only, unless NO_COLOR / FORCE_COLOR or --color say otherwise."""
    if choice is ColorChoice.ALWAYS:
        return True
    if choice is ColorChoice.NEVER or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """One line on standard error, then exit; for usage and input problems."""
    print(f"uhc-roadmap: error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def note(message: str) -> None:
    """A remark on standard error that leaves standard output to the report."""
    print(f"uhc-roadmap: {message}", file=sys.stderr)


def load_config_or_fail(explicit: Path | None = None, *, disabled: bool = False) -> Config:
    """The run's configuration (``--config``, else the nearest file); its problems exit 2."""
    from uhc_roadmap.config import Config, ConfigError, load_config

    if disabled and explicit is not None:
        fail("--config and --no-config cannot be used together")
    if disabled:
        return Config.default(Path.cwd())
    try:
        return load_config(Path.cwd(), explicit)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise typer.Exit(ExitCode.USAGE) from None


def parse_as_of(value: str | None) -> date | None:
    """The --as-of date, or a one-line usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: `{value}` is not a date written YYYY-MM-DD")


def emit(text: str, output: Path | None) -> None:
    """Print to standard output, or write atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from uhc_roadmap.output import OutputError, write_atomic

    try:
        write_atomic(output, text)
    except OutputError as exc:
        fail(str(exc))


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Check every file afresh: neither read nor write .uhc-roadmap-cache/.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for many files (default: one per CPU when the files are "
        "large enough to gain from it; 1: none).",
        show_default=False,
    ),
]


def project_cache(conf: Config, *, disabled: bool) -> Cache | None:
    """The cache beside the configuration file (else in the working directory), or None."""
    if disabled:
        return None
    from uhc_roadmap.cache import Cache

    return Cache.in_project(conf.root)
