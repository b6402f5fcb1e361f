"""``uhc-roadmap export``: a roadmap in another standard's format (IATI 2.03 activity XML)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from uhc_roadmap.cli.common import ExitCode, fail, load_config_or_fail

if TYPE_CHECKING:
    from uhc_roadmap.config import Config, IatiSettings
    from uhc_roadmap.formats.export.iati import IatiRefused
    from uhc_roadmap.model import Roadmap

FORMATS = {"iati": ".xml"}
MISSING_PUBLISHER = (
    "export --format iati needs the publishing organisation: set `iati.reporting_org` in the "
    'configuration, e.g. [tool.uhc-roadmap.iati] reporting_org = {ref = "XM-DAC-928", '
    'type = 40, name = "World Health Organization"} (docs/iati.md)'
)


def export(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="A roadmap file, or folders to find --country in. Default: the configured "
            "`roadmaps` folder (roadmaps/).",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", "-c", help="Country code or name: MA, MAR, Morocco, Maroc."),
    ] = None,
    phase: Annotated[
        str | None, typer.Option("--phase", help="Phase id (default: the latest).")
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="iati: IATI 2.03 activity XML (default: from -o's suffix)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: standard output)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file (.uhc-roadmap.yaml or pyproject.toml). Default: the "
            "nearest one up from the working directory.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export a roadmap for another system: IATI 2.03 activity XML for funders' reporting.

    The IATI document is checked against the official schema, IATI's ruleset and codelists
    before anything is written. SOURCE_DATE_EPOCH fixes its generated-datetime.
    """
    _format(output_format, output)
    conf = load_config_or_fail(config)
    settings = _iati_settings(conf)
    generated = _generated()
    name, roadmap = _choose(sources, country, phase, conf)
    data = _export(name, roadmap, settings, generated)
    _write(data, output)


def _format(output_format: str | None, output: Path | None) -> str:
    if output_format is None:
        by_suffix = {suffix: name for name, suffix in FORMATS.items()}
        found = by_suffix.get(output.suffix.lower()) if output is not None else None
        if found is None:
            fail(f"--format: give one of {', '.join(FORMATS)}, or an -o file named *.xml")
        return found
    if output_format not in FORMATS:
        fail(f"--format: `{output_format}` is not a format; choose one of: {', '.join(FORMATS)}")
    return output_format


def _iati_settings(conf: Config) -> IatiSettings:
    iati = conf.settings.iati
    if iati is None or iati.reporting_org is None:
        fail(MISSING_PUBLISHER)
    return iati


def _generated() -> datetime:
    """Now, or SOURCE_DATE_EPOCH (reproducible-builds.org) for a document that never changes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        fail(f"SOURCE_DATE_EPOCH: `{epoch}` is not a number of seconds since 1970-01-01")


def _choose(
    sources: list[str] | None, country: str | None, phase: str | None, conf: Config
) -> tuple[str, Roadmap]:
    from uhc_roadmap.cli.render import _print_diagnostics
    from uhc_roadmap.render.source import InvalidRoadmap, SourceError, choose_roadmap

    paths = sources or [os.path.relpath(conf.roadmaps)]
    try:
        chosen = choose_roadmap(paths, country, phase, conf.validation_options())
    except SourceError as exc:
        fail(str(exc))
    except InvalidRoadmap as exc:
        _print_diagnostics(exc)
    return chosen.name, chosen.roadmap


def _export(name: str, roadmap: Roadmap, settings: IatiSettings, generated: datetime) -> bytes:
    from uhc_roadmap.formats.export.iati import IatiFormat, IatiRefused, IatiUnavailable

    try:
        return IatiFormat(settings, generated).export(roadmap)
    except IatiRefused as exc:
        _refused(name, exc)
    except IatiUnavailable as exc:
        fail(str(exc))


def _refused(name: str, exc: IatiRefused) -> NoReturn:
    """Each refusal at its line and column in the roadmap file, then exit 1."""
    from uhc_roadmap.loading import load_document

    try:
        source_map = load_document(Path(name).read_bytes(), name).source_map
    except OSError:
        source_map = None
    for refusal in exc.refusals:
        line, col = source_map.locate(refusal.path) if source_map is not None else (1, 1)
        print(f"{name}:{line}:{col}: error: {refusal.message}", file=sys.stderr)
        print(f"    hint: {refusal.hint}", file=sys.stderr)
    fail("nothing exported: IATI refuses the values above", ExitCode.FINDINGS)


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from uhc_roadmap.output import OutputError, write_atomic

    try:
        write_atomic(output, data)
    except OutputError as exc:
        fail(str(exc))
