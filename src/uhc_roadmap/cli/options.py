"""Options that several commands share, declared once (``Annotated`` aliases for Typer).

A command's signature reads ``as_of: AsOfOption = None``; the option's name, short form, help
and metavar are the same in every command that has it. ``option`` and ``format_option`` build
the rest the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from uhc_roadmap.cli.terminal import ColorChoice
from uhc_roadmap.formats.registry import Registry
from uhc_roadmap.i18n import LANGUAGES

STDOUT = "-"


def option(
    *names: str, help: str, metavar: str | None = None, parser: Callable[[str], Any] | None = None
) -> Any:
    """A Typer option whose help says the default itself (Typer then shows none)."""
    return typer.Option(*names, help=help, metavar=metavar, show_default=False, parser=parser)


def output_path(value: str) -> Path | None:
    """``-o -`` is standard output (None); ``-o ./-`` is a file named ``-``."""
    return None if value == STDOUT else Path(value)


def format_option(registry: Registry[Any], default: str) -> Any:
    """``--format``/``-f``: the choices, their help and their shell completion come from the
    family's registry (names only: completing imports no format)."""

    def complete(incomplete: str) -> list[str]:
        return [name for name in registry.names if name.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        help=registry.help(default),
        metavar="FORMAT",
        show_default=False,
        autocompletion=complete,
    )


PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Roadmap files, folders (searched for *.yaml / *.yml), quoted globs, or - for "
        "standard input. Default: the configured `roadmaps` folder (roadmaps/).",
        show_default=False,
    ),
]
ColorOption = Annotated[ColorChoice, typer.Option("--color", help="Colour the output.")]
CountryOption = Annotated[
    str | None,
    option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="ISO code or country name in a language of the tool (MA, MAR, Morocco, Maroc).",
    ),
]
PhaseOption = Annotated[
    str | None, option("--phase", metavar="ID", help="Phase id (default: the latest phase).")
]
FunderOption = Annotated[
    str | None,
    option(
        "--funder",
        metavar="ID",
        help="Only the activities this organisation funds, with its budget lines (e.g. EU).",
    ),
]
AsOfOption = Annotated[
    str | None,
    option(
        "--as-of", metavar="DATE", help="Reference date YYYY-MM-DD (default: as_of, else today)."
    ),
]
LangOption = Annotated[
    str | None,
    option(
        "--lang",
        metavar="LANG",
        help=f"Language: {', '.join(LANGUAGES)} (default: the roadmap's first language).",
    ),
]
LocaleDirOption = Annotated[
    Path | None,
    option(
        "--locale-dir",
        metavar="DIR",
        help="A folder of your own .po catalogs (DIR/<lang>/*.po): they add a language or "
        "override the tool's words (docs/languages.md). Default: the configuration's locale_dir.",
    ),
]
OutputOption = Annotated[
    Path | None,
    option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file instead (replaced whole, never left half-written; a device or "
        "a named pipe is written into). - is standard output.",
        parser=output_path,
    ),
]
ConfigOption = Annotated[
    Path | None,
    option(
        "--config",
        metavar="FILE",
        help="Configuration file (.uhc-roadmap.yaml or pyproject.toml). Default: the nearest "
        "one up from the working directory.",
    ),
]
NoConfigOption = Annotated[
    bool, typer.Option("--no-config", help="Ignore configuration files; use the defaults.")
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Check every file afresh: neither read nor write the cache."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        show_default=False,
        help="Worker processes for many files (default: one per CPU when the files are large "
        "enough to gain from it; 1: none).",
    ),
]
