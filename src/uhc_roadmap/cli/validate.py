"""``uhc-roadmap validate``: check roadmap files and report findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from uhc_roadmap.cli.common import ColorChoice
from uhc_roadmap.cli.options import (
    AsOfOption,
    ColorOption,
    ConfigOption,
    JobsOption,
    LocaleDirOption,
    NoCacheOption,
    NoConfigOption,
    OutputOption,
    PathsArgument,
    format_option,
    option,
)
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    pass


def _codes_option(name: str, verb: str) -> Any:
    key = name.removeprefix("--")
    return option(
        name,
        metavar="CODES",
        help=f"{verb} rule codes or prefixes (comma-separated); replaces `{key}` from the "
        "configuration.",
    )


def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        str | None,
        format_option(
            DIAGNOSTIC_FORMATS,
            "github under GitHub Actions, else from -o's suffix (.json, .sarif, .xml, .md), "
            "else text",
        ),
    ] = None,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings fail the run too (exit 1).")
    ] = False,
    select: Annotated[list[str] | None, _codes_option("--select", "Only these")] = None,
    ignore: Annotated[list[str] | None, _codes_option("--ignore", "Skip these")] = None,
    config: ConfigOption = None,
    no_config: NoConfigOption = False,
    warn_unused_ignores: Annotated[
        bool,
        typer.Option(
            "--warn-unused-ignores",
            help="Report `# uhc-roadmap: disable=...` comments that silenced nothing (Y013).",
        ),
    ] = False,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Exit 0 when no roadmap file matches (default: 2)."),
    ] = False,
    color: ColorOption = ColorChoice.AUTO,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="Language of the messages and hints (codes and positions never change). "
            "Default: the configuration's language, else LC_ALL, LC_MESSAGES or LANG, "
            "else English.",
        ),
    ] = None,
    locale_dir: LocaleDirOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only findings: no hints, no summary.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also list clean files and the configuration file used."
        ),
    ] = False,
    no_cache: NoCacheOption = False,
    jobs: JobsOption = None,
    fix: Annotated[  # the write path: --fix and --diff (cli/edit.py)
        bool, typer.Option("--fix", help="Apply the safe fixes and report what is left.")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Show the safe fixes as a diff; write nothing.")
    ] = False,
) -> None:
    """Validate roadmap files: YAML, format and semantic rules. Exit 0 clean, 1 findings, 2 usage.

    Findings are errors, warnings or infos; only errors fail the run, and warnings too with
    --strict.
    """
    from uhc_roadmap.cli import validating

    code = validating.run(
        paths=paths,
        output_format=output_format,
        output=output,
        as_of=as_of,
        strict=strict,
        select=select,
        ignore=ignore,
        config=config,
        no_config=no_config,
        warn_unused_ignores=warn_unused_ignores,
        allow_empty=allow_empty,
        color=color,
        quiet=quiet,
        verbose=verbose,
        no_cache=no_cache,
        jobs=jobs,
        fix=fix,
        show_diff=show_diff,
        lang=lang,
        locale_dir=locale_dir,
    )
    raise typer.Exit(code)
