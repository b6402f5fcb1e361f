"""Rendering one roadmap into one document: pick the template, build the view-model, render.

This is the core entry point of ``uhc-roadmap render``; it never prints and never writes. The
view-model is built here; the template is compiled and run under the budgets of
render/budget.py (in a child process on Linux), and every way it can fail comes back as a
RenderError naming the template and, where there is one, the line.

A PDF is an output of the HTML template (``OUTPUTS``): the HTML document, laid out on pages by
WeasyPrint (render/pdf.py) in the same bounded child, so the budget holds for both steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from jinja2 import TemplateNotFound, TemplateSyntaxError

from uhc_roadmap.i18n import translations
from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import compute_progress
from uhc_roadmap.render import folders
from uhc_roadmap.render.budget import (
    BudgetError,
    OverBudget,
    RenderBudget,
    bounded_output,
    run_bounded,
)
from uhc_roadmap.render.chart_views import DocumentCharts
from uhc_roadmap.render.context import build_context
from uhc_roadmap.render.environment import make_environment
from uhc_roadmap.render.errors import (
    runtime_error,
    shown_name,
    syntax_error,
    template_location,
    unplaced_error,
)
from uhc_roadmap.render.filters import Filters
from uhc_roadmap.render.limits import Limits

OUTPUTS = {"md": "md", "html": "html", "pdf": "html"}
"""Each output format and the format of the template that makes it."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    template: str = "roadmap"
    output_format: str = "html"
    lang: str = "en"
    as_of: date | None = None
    template_dir: Path | None = None
    budget: RenderBudget = field(default_factory=RenderBudget)
    funder: str | None = None
    """Only the activities this organisation funds (``--funder``)."""
    extra: Mapping[str, object] = field(default_factory=dict)
    """Variables added for the templates (the site's navigation, ``since_last``...)."""


def render(roadmap: Roadmap, options: RenderOptions) -> str:
    """The document's text. Raises TemplateChoiceError (usage) or RenderError (template)."""
    job = _document(roadmap, options)
    return run_bounded(job.run, options.budget, job.label)


def render_pdf(roadmap: Roadmap, options: RenderOptions) -> bytes:
    """The HTML document as a PDF. Raises PdfUnavailable (usage) before anything is rendered
    when WeasyPrint or Pango is missing, TemplateChoiceError or RenderError as ``render``."""
    job = _document(roadmap, replace(options, output_format="pdf"))
    return run_bounded(job.pdf, options.budget, job.label)


def render_page(
    name: str,
    variables: Mapping[str, object],
    *,
    lang: str,
    template_dir: Path | None = None,
    budget: RenderBudget | None = None,
) -> str:
    """A template that is not a roadmap's document (a page of the site: ``site/index.html.j2``),
    run as documents are: same sandbox, filters, folders, budget and located errors. The
    page also sees ``lang`` and ``generator``, as documents do."""
    chosen = budget or RenderBudget()
    return run_bounded(
        page_work(name, variables, lang=lang, template_dir=template_dir, budget=chosen),
        chosen,
        name,
    )


def document_work(roadmap: Roadmap, options: RenderOptions) -> Callable[[], str | bytes]:
    """What ``render`` (``render_pdf`` for the ``pdf`` format) runs in its bounded child, for a
    caller that runs several documents in one bounded child of its own (the site's pages of
    a country): the same template choice, sandbox, output budget and located errors; the
    caller holds the work to the time and memory budgets with ``run_bounded``."""
    job = _document(roadmap, options)
    return job.pdf if options.output_format == "pdf" else job.run


def page_work(
    name: str,
    variables: Mapping[str, object],
    *,
    lang: str,
    template_dir: Path | None,
    budget: RenderBudget,
) -> Callable[[], str]:
    """``render_page``'s work, as ``document_work`` is ``render``'s."""
    from uhc_roadmap import __version__

    search = folders.search_path(template_dir)
    options = RenderOptions(name, "html", lang, template_dir=template_dir, budget=budget)
    variables = {"lang": lang, "generator": f"uhc-roadmap {__version__}"} | dict(variables)
    return _Page(search, name, options, variables).run


def _document(roadmap: Roadmap, options: RenderOptions) -> _Rendering:
    """The rendering of one document; a PDF is the HTML template's document, printed."""
    made_from = replace(options, output_format=OUTPUTS[options.output_format])
    search = folders.search_path(options.template_dir)
    name = folders.find(options.template, made_from.output_format, search)
    if options.output_format == "pdf":
        from uhc_roadmap.render.pdf import load_weasyprint

        load_weasyprint()  # here: the child then starts with it, and a missing one is said first
    return _Rendering(search, name, made_from, roadmap)


def _variables(roadmap: Roadmap, options: RenderOptions) -> dict[str, object]:
    gettext = translations(options.lang).gettext
    progress = compute_progress(
        roadmap, as_of=options.as_of, lang=options.lang, funder=options.funder
    )
    context = build_context(roadmap, progress, options.lang, options.output_format, gettext)
    charts = DocumentCharts(context, gettext, Filters(options.lang, roadmap.currency))
    extra = {"site": None, "since_last": None} | dict(options.extra)
    return context.variables() | {"charts": charts} | extra


class _Rendering:
    """Compiling and running one template: what runs inside the budget."""

    def __init__(
        self,
        search: list[Path],
        name: str,
        options: RenderOptions,
        roadmap: Roadmap,
    ) -> None:
        self.search = search
        self.name = name
        self.options = options
        self.roadmap = roadmap
        self.label = shown_name(str(folders.located(name, search)), search)

    def run(self) -> str:
        """The document, or a RenderError; a failure outside any template is re-raised."""
        try:
            return self._generate()
        except TemplateSyntaxError as exc:
            raise syntax_error(exc, self.search) from None
        except OverBudget as exc:
            raise BudgetError(f"{self._where(exc)}: {exc}") from None
        except MemoryError as exc:
            where = self._where(exc)  # then leave the handler: the traceback holds the memory
        except Exception as exc:
            located = runtime_error(exc, self.search)
            if located is not None:
                raise located from None
            if isinstance(exc, TemplateNotFound):  # the template itself, refused or gone
                raise unplaced_error(exc, self.label) from None
            raise
        raise BudgetError(f"{where}: {self.options.budget.over_memory()}")

    def pdf(self) -> bytes:
        """The document laid out on pages (in the same child as the template, on Linux)."""
        from uhc_roadmap.render.pdf import html_to_pdf

        return html_to_pdf(self.run(), self.label)

    def _generate(self) -> str:
        options = self.options
        limits = Limits(max_length=options.budget.output)
        env = make_environment(
            self.search, options.output_format, options.lang, self.roadmap.currency, limits
        )
        template = env.get_template(self.name)
        variables = _variables(self.roadmap, options)
        return bounded_output(template.generate(variables), options.budget)

    def _where(self, exc: BaseException) -> str:
        located = template_location(exc.__traceback__, self.search)
        if located is None:
            return self.label
        return f"{shown_name(located[0], self.search)}:{located[1]}"


class _Page(_Rendering):
    """A page made from given variables rather than from one roadmap."""

    def __init__(
        self,
        search: list[Path],
        name: str,
        options: RenderOptions,
        variables: Mapping[str, object],
    ) -> None:
        self.search = search
        self.name = name
        self.options = options
        self.variables = variables
        self.label = shown_name(str(folders.located(name, search)), search)

    def _generate(self) -> str:
        options = self.options
        limits = Limits(max_length=options.budget.output)
        env = make_environment(self.search, "html", options.lang, None, limits)
        template = env.get_template(self.name)
        return bounded_output(template.generate(dict(self.variables)), options.budget)
