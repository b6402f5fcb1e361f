"""Rendering one roadmap into one document: pick the template, build the view-model, render.

This is the core entry point of ``uhc-roadmap render``; it never prints and never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import TemplateSyntaxError

from uhc_roadmap.i18n import translations
from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import compute_progress
from uhc_roadmap.render import folders
from uhc_roadmap.render.chart_views import DocumentCharts
from uhc_roadmap.render.context import build_context
from uhc_roadmap.render.environment import make_environment
from uhc_roadmap.render.errors import runtime_error, syntax_error
from uhc_roadmap.render.filters import Filters


@dataclass(frozen=True, slots=True)
class RenderOptions:
    template: str = "roadmap"
    output_format: str = "html"
    lang: str = "en"
    as_of: date | None = None
    template_dir: Path | None = None
    funder: str | None = None
    """Only the activities this organisation funds (``--funder``)."""


def render(roadmap: Roadmap, options: RenderOptions) -> str:
    """The document's text. Raises TemplateChoiceError (usage) or RenderError (template)."""
    search = folders.search_path(options.template_dir)
    name = folders.find(options.template, options.output_format, search)
    env = make_environment(search, options.output_format, options.lang, roadmap.currency)
    variables = _variables(roadmap, options)
    try:
        return env.get_template(name).render(variables)
    except TemplateSyntaxError as exc:
        raise syntax_error(exc, search) from None
    except Exception as exc:
        located = runtime_error(exc, search)
        if located is None:
            raise
        raise located from exc


def _variables(roadmap: Roadmap, options: RenderOptions) -> dict[str, object]:
    gettext = translations(options.lang).gettext
    progress = compute_progress(
        roadmap, as_of=options.as_of, lang=options.lang, funder=options.funder
    )
    context = build_context(roadmap, progress, options.lang, options.output_format, gettext)
    charts = DocumentCharts(context, gettext, Filters(options.lang, roadmap.currency))
    return context.variables() | {"charts": charts}
