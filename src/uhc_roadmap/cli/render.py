"""``uhc-roadmap render``: a roadmap as a Markdown, self-contained HTML or PDF document."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import (
    check_language,
    emit,
    load_config,
    parse_as_of,
    project_cache,
)
from uhc_roadmap.cli.options import (
    AsOfOption,
    CountryOption,
    FunderOption,
    LangOption,
    LocaleDirOption,
    OutputOption,
    PathsArgument,
    PhaseOption,
)
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:  # the render package imports Jinja2: only at run time, inside `render`
    from uhc_roadmap.config import Config
    from uhc_roadmap.history import SinceLast
    from uhc_roadmap.render import TemplateInfo

REFUSAL = "no document: fix the validation errors above first"
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


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
        typer.Option(
            "--format",
            "-f",
            help="md, html or pdf (pdf: the html template on A4 pages; pip install "
            "'uhc-roadmap[pdf]'). Default: from -o's suffix, else html.",
        ),
    ] = None,
    lang: LangOption = None,
    locale_dir: LocaleDirOption = None,
    as_of: AsOfOption = None,
    output: OutputOption = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="A folder of your own templates (they win by name)."),
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List the templates and exit.")] = False,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Compare with the previous version in git: the brief's 'since the last "
            "version' panel.",
        ),
    ] = False,
) -> None:
    """Render a roadmap as a document: the roadmap itself, or a progress brief at a date."""
    from uhc_roadmap.progress import report_language
    from uhc_roadmap.render import RenderOptions, folders, render_document
    from uhc_roadmap.render.document import OUTPUTS, render_pdf
    from uhc_roadmap.selection import Selection, select_roadmap

    if list_only:
        emit(_listing(folders.list_templates(folders.search_path(template_dir))), None)
        return
    chosen_format = _format(output_format, output)
    folders.find(template, OUTPUTS[chosen_format], folders.search_path(template_dir))
    if chosen_format == "pdf":
        _check_pdf_output(output)
    reference = parse_as_of(as_of)
    config = load_config()  # its locale_dir adds languages: before --lang is checked
    check_language(lang, locale_dir)
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
    chosen_lang = lang or report_language(chosen.roadmap)
    extra = (
        {"since_last": _since_last(chosen.name, chosen_lang, reference, config)} if history else {}
    )
    options = RenderOptions(
        template,
        chosen_format,
        chosen_lang,
        reference,
        template_dir,
        config.render_budget(),
        funder=funder,
        extra=extra,
    )
    if chosen_format == "pdf":
        emit(render_pdf(chosen.roadmap, options), output)
        return
    emit(render_document(chosen.roadmap, options), output)


def _since_last(name: str, lang: str, reference: date | None, config: Config) -> SinceLast | None:
    """The previous committed version that differs from the file, and its figures."""
    from uhc_roadmap.discovery import Source, read
    from uhc_roadmap.history import HistorySettings, since_last
    from uhc_roadmap.progress import compute_progress, portfolio_row
    from uhc_roadmap.validation import check_bytes

    if name == "<stdin>":
        raise UsageError("--history: standard input has no git history; name the roadmap file")
    path = Path(name)
    raw = read(Source(name, path), max_bytes=config.limits.max_bytes)
    options = config.validation_options(as_of=reference)
    checked = check_bytes(raw, name, options)
    if checked.roadmap is None:
        return None
    now = portfolio_row(compute_progress(checked.roadmap, reference, lang))
    settings = HistorySettings(lang, as_of=reference, max_bytes=config.limits.max_bytes)
    cache = project_cache(config, disabled=False)
    return since_last(path, raw, now, options, settings, cache=cache)


def _format(output_format: str | None, output: Path | None) -> str:
    from uhc_roadmap.render.document import OUTPUTS

    if output_format is None:
        return SUFFIXES.get(output.suffix.lower(), "html") if output else "html"
    if output_format not in OUTPUTS:
        raise UsageError(
            f"--format: `{output_format}` is not a format; choose one of: {', '.join(OUTPUTS)}"
        )
    return output_format


def _check_pdf_output(output: Path | None) -> None:
    """A PDF is binary: to a file or a pipe, never onto a terminal."""
    if output is None and sys.stdout.isatty():
        raise UsageError("--format pdf writes a binary file: give -o FILE.pdf (or pipe it)")


def _outputs(formats: tuple[str, ...]) -> list[str]:
    """The output formats a template's files make: an html template makes PDFs too."""
    from uhc_roadmap.render.document import OUTPUTS

    return [output for output, made_from in OUTPUTS.items() if made_from in formats]


def _listing(templates: list[TemplateInfo]) -> str:
    rows = [(t.name, ", ".join(_outputs(t.formats)), t.origin, t.description) for t in templates]
    if not rows:
        return "no templates found\n"
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}\n" for r in rows
    )
