"""``uhc-roadmap render``: a roadmap as a Markdown or self-contained HTML document."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from uhc_roadmap.cli.common import ExitCode, emit, fail, parse_as_of

if TYPE_CHECKING:  # the render package imports Jinja2: only at run time, inside `render`
    from uhc_roadmap.render import InvalidRoadmap, TemplateInfo
    from uhc_roadmap.render.budget import RenderBudget
    from uhc_roadmap.validation import ValidationOptions


def render(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="A roadmap file, or folders to find --country in. Default: roadmaps/",
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
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template name; see --list.")
    ] = "roadmap",
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="md or html (default: from -o's suffix, else html)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="fr or en (default: the roadmap's first language)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date YYYY-MM-DD (default: the roadmap's as_of)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the document to this file.")
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="A folder of your own templates (they win by name)."),
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List the templates and exit.")] = False,
) -> None:
    """Render a roadmap as a document: the roadmap itself, or a progress brief at a date."""
    from uhc_roadmap.render import folders

    try:
        if list_only:
            emit(_listing(folders.list_templates(folders.search_path(template_dir))), None)
            return
        chosen_format = _format(output_format, output)
        folders.find(template, chosen_format, folders.search_path(template_dir))
    except folders.TemplateChoiceError as exc:
        fail(str(exc))
    text = _render(
        sources,
        country,
        phase,
        template,
        chosen_format,
        lang,
        parse_as_of(as_of),
        template_dir,
    )
    emit(text, output)


def _render(
    sources: list[str] | None,
    country: str | None,
    phase: str | None,
    template: str,
    output_format: str,
    lang: str | None,
    as_of: date | None,
    template_dir: Path | None,
) -> str:
    from uhc_roadmap.i18n import LANGUAGES
    from uhc_roadmap.progress import report_language
    from uhc_roadmap.render import (
        InvalidRoadmap,
        RenderError,
        RenderOptions,
        SourceError,
        choose_roadmap,
        render_document,
    )

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang: no labels for `{lang}`; choose one of: {', '.join(LANGUAGES)}")
    default_paths, validation, budget = _configuration(as_of)
    try:
        chosen = choose_roadmap(sources or default_paths, country, phase, validation, lang or "en")
        language = lang or report_language(chosen.roadmap)
        options = RenderOptions(template, output_format, language, as_of, template_dir, budget)
        return render_document(chosen.roadmap, options)
    except SourceError as exc:
        fail(str(exc))
    except InvalidRoadmap as exc:
        _print_diagnostics(exc)
    except RenderError as exc:
        fail(f"template error: {exc}", ExitCode.FINDINGS)


def _configuration(as_of: date | None) -> tuple[list[str], ValidationOptions, RenderBudget]:
    """The roadmaps folder, the rule settings and the render budgets of the configuration."""
    from uhc_roadmap.config import ConfigError, load_config

    try:
        config = load_config(Path.cwd())
    except ConfigError as exc:
        fail(f"configuration: {exc}")
    options = config.validation_options(as_of=as_of)
    return [os.path.relpath(config.roadmaps)], options, config.render_budget()


def _print_diagnostics(exc: InvalidRoadmap) -> NoReturn:
    from uhc_roadmap.cli.common import ColorChoice, use_color
    from uhc_roadmap.reporters import ReportOptions, get_reporter

    reporter = get_reporter("text")(ReportOptions(color=use_color(ColorChoice.AUTO, sys.stderr)))
    sys.stderr.write(reporter.render(exc.results))
    fail("no document: fix the validation errors above first", ExitCode.FINDINGS)


def _format(output_format: str | None, output: Path | None) -> str:
    from uhc_roadmap.render.folders import FORMATS

    if output_format is None:
        suffix = output.suffix.lstrip(".").lower() if output else ""
        aliases = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}
        return aliases.get(suffix, "html")
    if output_format not in FORMATS:
        fail(f"--format: `{output_format}` is not a format; choose one of: {', '.join(FORMATS)}")
    return output_format


def _listing(templates: list[TemplateInfo]) -> str:
    rows = [(t.name, ", ".join(t.formats), t.origin, t.description) for t in templates]
    if not rows:
        return "no templates found\n"
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}\n" for r in rows
    )
