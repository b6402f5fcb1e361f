"""``uhc-roadmap export``: a roadmap in another standard's format (IATI 2.03 activity XML)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.cli.common import emit, load_config
from uhc_roadmap.cli.options import (
    ConfigOption,
    CountryOption,
    OutputOption,
    PathsArgument,
    PhaseOption,
    format_option,
    option,
)
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.export import EXPORT_FORMATS

REFUSAL = "nothing exported: fix the validation errors above first"


def export(
    sources: PathsArgument = None,
    country: CountryOption = None,
    phase: PhaseOption = None,
    output_format: Annotated[
        str | None, format_option(EXPORT_FORMATS, "from -o's suffix (.xml, .xlsx)")
    ] = None,
    output: OutputOption = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="xlsx: write a blank workbook to fill in, then `import`."),
    ] = False,
    languages: Annotated[
        str | None,
        option(
            "--languages",
            metavar="CODES",
            help="With --template: the roadmap's languages, first the default (default: fr,en).",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Export a roadmap for another system: IATI 2.03 activity XML for funders' reporting, or
    a workbook (xlsx) to edit and bring back with `uhc-roadmap import`.

    The IATI document is checked against the official schema, IATI's ruleset and codelists
    before anything is written. SOURCE_DATE_EPOCH fixes its generated-datetime.
    """
    from uhc_roadmap.formats.export.base import ExportOptions
    from uhc_roadmap.selection import Selection, select_roadmap

    chosen_format = _format(output_format, output)
    if chosen_format == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError("a workbook is not for the terminal: give -o FILE.xlsx")
    if template or languages is not None:
        _template(chosen_format, sources, country, languages, output)
        return
    conf = load_config(config)
    exporter = EXPORT_FORMATS.get(chosen_format).from_options(ExportOptions(conf, _generated()))
    chosen = select_roadmap(
        Selection(tuple(sources or ()), country, phase),
        conf,
        conf.validation_options(),
        stdin=sys.stdin.buffer,
        refusal=REFUSAL,
    )
    emit(exporter.render(chosen), output)


def _format(output_format: str | None, output: Path | None) -> str:
    found = output_format or EXPORT_FORMATS.for_path(output)
    if found is None:
        raise UsageError(
            f"--format: give one of {EXPORT_FORMATS.choices()}, or an -o file named *.xml or *.xlsx"
        )
    return EXPORT_FORMATS.check(found)


def _template(
    chosen_format: str,
    sources: list[str] | None,
    country: str | None,
    languages: str | None,
    output: Path | None,
) -> None:
    """``--template``: a blank workbook in the roadmap's languages."""
    from uhc_roadmap.authoring.skeleton import parse_languages
    from uhc_roadmap.spreadsheets import require_openpyxl
    from uhc_roadmap.spreadsheets.workbook import template_workbook

    if chosen_format != "xlsx":
        raise UsageError(
            f"--template and --languages make a workbook: use --format xlsx, not {chosen_format}"
        )
    if sources or country:
        raise UsageError("--template writes a blank workbook: give no roadmap (file or --country)")
    chosen = parse_languages(languages or "fr,en")
    require_openpyxl()
    emit(template_workbook(chosen, chosen[0], _generated()), output)


def _generated() -> datetime:
    """Now, or SOURCE_DATE_EPOCH (reproducible-builds.org) for a document that never changes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH: `{epoch}` is not a number of seconds since 1970-01-01"
        ) from None
