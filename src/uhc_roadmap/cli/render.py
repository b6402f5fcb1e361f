"""``uhc-roadmap render``: a roadmap as a Markdown or self-contained HTML document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import check_language, emit, load_config, parse_as_of
from uhc_roadmap.cli.options import (
    AsOfOption,
    CountryOption,
    FunderOption,
    LangOption,
    OutputOption,
    PathsArgument,
    PhaseOption,
)
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:  # the render package imports Jinja2: only at run time, inside `render`
    from uhc_roadmap.render import TemplateInfo

REFUSAL = "no document: fix the validation errors above first"
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def render(
    sources: PathsArgument = None,
    country: CountryOption = None,
    phase: PhaseOption = None,
    funder: FunderOption = None,
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template name; see --list.")
    ] = "roadmap",
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="md or html (default: from -o's suffix, else html)."),
    ] = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    output: OutputOption = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="A folder of your own templates (they win by name)."),
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List the templates and exit.")] = False,
) -> None:
    """Render a roadmap as a document: the roadmap itself, or a progress brief at a date."""
    from uhc_roadmap.progress import report_language
    from uhc_roadmap.render import RenderOptions, folders, render_document
    from uhc_roadmap.selection import Selection, select_roadmap

    if list_only:
        emit(_listing(folders.list_templates(folders.search_path(template_dir))), None)
        return
    chosen_format = _format(output_format, output)
    folders.find(template, chosen_format, folders.search_path(template_dir))
    check_language(lang)
    reference = parse_as_of(as_of)
    config = load_config()
    chosen = select_roadmap(
        Selection(tuple(sources or ()), country, phase),
        config,
        config.validation_options(as_of=reference),
        lang=lang or "en",
        stdin=sys.stdin.buffer,
        refusal=REFUSAL,
    )
    if funder is not None:  # checked here: an error in the rendering child would be a bug
        from uhc_roadmap.progress.funders import find_funder

        funder = find_funder(chosen.roadmap, funder)
    options = RenderOptions(
        template,
        chosen_format,
        lang or report_language(chosen.roadmap),
        reference,
        template_dir,
        config.render_budget(),
        funder,
    )
    emit(render_document(chosen.roadmap, options), output)


def _format(output_format: str | None, output: Path | None) -> str:
    from uhc_roadmap.render.folders import FORMATS

    if output_format is None:
        return SUFFIXES.get(output.suffix.lower(), "html") if output else "html"
    if output_format not in FORMATS:
        raise UsageError(
            f"--format: `{output_format}` is not a format; choose one of: {', '.join(FORMATS)}"
        )
    return output_format


def _listing(templates: list[TemplateInfo]) -> str:
    rows = [(t.name, ", ".join(t.formats), t.origin, t.description) for t in templates]
    if not rows:
        return "no templates found\n"
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}\n" for r in rows
    )
