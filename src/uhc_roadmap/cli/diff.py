"""``uhc-roadmap diff``: what changed between two versions of a roadmap, by activity id."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from uhc_roadmap.cli.common import (
    ColorChoice,
    ExitCode,
    check_language,
    emit,
    load_config,
    use_color,
)
from uhc_roadmap.cli.options import ColorOption, LangOption, OutputOption, format_option
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.diff import DIFF_FORMATS


def diff(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW: two roadmap files. With --since: the files or folders to compare "
            "with their version at REV (default: the configured `roadmaps` folder).",
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
        str | None, format_option(DIFF_FORMATS, "from -o's suffix (.md, .json), else text")
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, like git diff."),
    ] = False,
    color: ColorOption = ColorChoice.AUTO,
) -> None:
    """Show what changed between two versions of a roadmap, by activity id.

    Added, removed, status, progress, actual dates, slips, milestones, budgets per year and
    funder, lead, partners, regions, indicator values; in the roadmap's language unless --lang.
    Exit 0 (also when the versions differ, unless --exit-code), 1 when a version does not
    validate, 2 on usage errors.
    """
    from uhc_roadmap.authoring.compare import compare_files, compare_since, has_differences
    from uhc_roadmap.formats.diff.base import DiffOptions

    chosen = DIFF_FORMATS.check(output_format or DIFF_FORMATS.for_path(output) or "text")
    check_language(lang)
    files = paths or []
    if since is None and len(files) != 2:
        raise UsageError(
            "give two roadmap files (OLD NEW), or --since REV and the files to compare"
        )
    config = load_config()
    options = config.validation_options()
    if since is None:
        diffs = compare_files(files[0], files[1], config, options, lang=lang)
    else:
        diffs = compare_since(since, files, config, options, lang=lang)
    painted = output is None and use_color(color, sys.stdout)
    emit(DIFF_FORMATS.get(chosen)(DiffOptions(color=painted, lang=lang)).render(diffs), output)
    changed = exit_code and has_differences(diffs)
    raise typer.Exit(ExitCode.FINDINGS if changed else ExitCode.OK)
