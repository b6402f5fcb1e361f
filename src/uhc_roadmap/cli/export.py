"""``uhc-roadmap export``: a roadmap in another standard's format (IATI 2.03 activity XML)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from uhc_roadmap.cli.common import emit, load_config
from uhc_roadmap.cli.options import (
    ConfigOption,
    CountryOption,
    OutputOption,
    PathsArgument,
    PhaseOption,
    format_option,
)
from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.export import EXPORT_FORMATS

REFUSAL = "nothing exported: fix the validation errors above first"


def export(
    sources: PathsArgument = None,
    country: CountryOption = None,
    phase: PhaseOption = None,
    output_format: Annotated[
        str | None, format_option(EXPORT_FORMATS, "from -o's suffix (.xml)")
    ] = None,
    output: OutputOption = None,
    config: ConfigOption = None,
) -> None:
    """Export a roadmap for another system: IATI 2.03 activity XML for funders' reporting.

    The IATI document is checked against the official schema, IATI's ruleset and codelists
    before anything is written. SOURCE_DATE_EPOCH fixes its generated-datetime.
    """
    from uhc_roadmap.formats.export.base import ExportOptions
    from uhc_roadmap.selection import Selection, select_roadmap

    chosen_format = _format(output_format, output)
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
            f"--format: give one of {EXPORT_FORMATS.choices()}, or an -o file named *.xml"
        )
    return EXPORT_FORMATS.check(found)


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
