"""``uhc-roadmap diff``: what changed between two versions of a roadmap, by activity id."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import ColorChoice, ExitCode, emit, fail, use_color

if TYPE_CHECKING:
    from uhc_roadmap.authoring.diff import FileDiff
    from uhc_roadmap.authoring.diff_format import Line
    from uhc_roadmap.diagnostics import FileResult

FORMATS = ("text", "markdown", "json")
# Rich styles for the style names of uhc_roadmap.authoring.diff_format.
STYLES = {
    "heading": "bold",
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "id": "bold cyan",
    "dim": "dim",
    "": "",
}


def diff(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW: two roadmap files. With --since: the files or folders to compare "
            "with their version at REV (default: roadmaps/).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="REV", help="Compare with the version at this git revision."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, markdown or json.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the diff to this file.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the titles shown (default: the roadmap's)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, like git diff."),
    ] = False,
    color: Annotated[
        ColorChoice, typer.Option("--color", help="Colour the text output.")
    ] = ColorChoice.AUTO,
) -> None:
    """Show what changed between two versions of a roadmap, by activity id.

    Added, removed, status, slips, budgets, milestones, indicator values. Exit 0 (also when the
    versions differ, unless --exit-code), 1 when a version does not validate, 2 on usage errors.
    """
    from uhc_roadmap.authoring.compare import compare_files, compare_since
    from uhc_roadmap.authoring.git import GitError
    from uhc_roadmap.discovery import InputError

    if output_format not in FORMATS:
        fail(f"unknown format `{output_format}`; choose one of: {', '.join(FORMATS)}")
    files = paths or []
    if since is None and len(files) != 2:
        fail("give two roadmap files (OLD NEW), or --since REV and the files to compare")
    try:
        if since is None:
            comparison = compare_files(files[0], files[1], lang=lang)
        else:
            comparison = compare_since(since, files, lang=lang)
    except (InputError, GitError) as exc:
        fail(str(exc))
    if comparison.invalid:
        _print_invalid(comparison.invalid)
        raise typer.Exit(ExitCode.FINDINGS)
    _print(comparison.diffs, output_format, output, color)
    changed = exit_code and comparison.has_differences
    raise typer.Exit(ExitCode.FINDINGS if changed else ExitCode.OK)


def _print(
    diffs: list[FileDiff], output_format: str, output: Path | None, color: ColorChoice
) -> None:
    from uhc_roadmap.authoring import diff_format

    if output_format == "json":
        emit(diff_format.to_json(diffs), output)
    elif output_format == "markdown":
        emit(diff_format.markdown(diffs), output)
    elif output is None and use_color(color, sys.stdout):
        _print_rich(diff_format.text_lines(diffs))
    else:
        emit(diff_format.plain(diff_format.text_lines(diffs)), output)


def _print_rich(lines: list[Line]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*((text, STYLES[style]) for text, style in line)))


def _print_invalid(results: list[FileResult]) -> None:
    from uhc_roadmap.reporters import ReportOptions, get_reporter

    reporter = get_reporter("text")(ReportOptions(color=use_color(ColorChoice.AUTO, sys.stderr)))
    sys.stderr.write(reporter.render(results))
    print("uhc-roadmap: error: a version does not validate; nothing compared", file=sys.stderr)
