"""Options that several commands share, declared once (``Annotated`` aliases for Typer).

A command's signature reads ``as_of: AsOfOption = None``; the option's name, short form, help
and metavar are the same in every command that has it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.i18n import LANGUAGES

PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Roadmap files, folders (searched for *.yaml / *.yml) or quoted globs. Default: "
        "the configured `roadmaps` folder (roadmaps/).",
        show_default=False,
    ),
]
CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        metavar="COUNTRY",
        help="ISO code or name in English or French (MA, MAR, Morocco, Maroc).",
        show_default=False,
    ),
]
PhaseOption = Annotated[
    str | None,
    typer.Option(
        "--phase",
        metavar="ID",
        help="Phase id (default: the country's latest phase).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Reference date YYYY-MM-DD (default: the roadmap's as_of, else today).",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help=f"Language of the output: {', '.join(LANGUAGES)} (default: the roadmap's first "
        "language).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (replaced whole, never half-written) instead of printing.",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Configuration file (.uhc-roadmap.yaml or pyproject.toml). Default: the nearest "
        "one up from the working directory.",
        show_default=False,
    ),
]
NoConfigOption = Annotated[
    bool, typer.Option("--no-config", help="Ignore configuration files; use the defaults.")
]
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
