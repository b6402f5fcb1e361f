"""``uhc-roadmap validate``: check roadmap files and report findings."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.cli.common import ColorChoice, ExitCode, emit, fail, use_color


def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (searched for *.yaml / *.yml), quoted globs, or - for "
            "standard input. Default: roadmaps/",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: each roadmap's as_of)."),
    ] = None,
    color: Annotated[
        ColorChoice, typer.Option("--color", help="Colour the text output.")
    ] = ColorChoice.AUTO,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings: no hints, no summary.")
    ] = False,
) -> None:
    """Validate roadmap files: YAML, format and semantic rules. Exit 0 clean, 1 errors, 2 usage."""
    from uhc_roadmap.discovery import InputError, expand, read
    from uhc_roadmap.reporters import REPORTERS, ReportOptions, get_reporter
    from uhc_roadmap.validation import ValidationOptions, check_bytes

    if output_format not in REPORTERS:
        fail(f"unknown format `{output_format}`; choose one of: {', '.join(REPORTERS)}")
    options = ValidationOptions(as_of=_parse_date(as_of))
    try:
        sources = expand(paths or ["roadmaps"])
        stdin = sys.stdin.buffer.read() if any(s.path is None for s in sources) else None
        results = [check_bytes(read(s, stdin), s.name, options).result for s in sources]
    except InputError as exc:
        fail(str(exc))
    if not sources:
        fail("no roadmap files found in " + ", ".join(paths or ["roadmaps"]))
    stream_color = output is None and use_color(color, sys.stdout)
    reporter = get_reporter(output_format)(ReportOptions(color=stream_color, quiet=quiet))
    emit(reporter.render(results), output)
    raise typer.Exit(ExitCode.FINDINGS if any(r.has_errors for r in results) else ExitCode.OK)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of: `{value}` is not a date written YYYY-MM-DD")
