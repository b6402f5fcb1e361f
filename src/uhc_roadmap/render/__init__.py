"""Documents from roadmaps: Jinja2 templates (sandboxed, autoescaped HTML), filters, SVG charts.

Public API::

    from uhc_roadmap.render import RenderOptions, choose_roadmap, render_document

    chosen = choose_roadmap(["roadmaps"], "MA")
    html = render_document(chosen.roadmap, RenderOptions("brief", "html", "fr"))

Templates are untrusted input: they are read only inside their folders, and each rendering
runs held to a RenderBudget (time, memory, output; a BudgetError when spent), in a forked child
on Linux. See templates/README.md, "Untrusted templates".

Importing this package imports Jinja2: only ``render`` pays for it, never ``validate``.
"""

from uhc_roadmap.render.budget import BudgetError, RenderBudget
from uhc_roadmap.render.document import RenderOptions
from uhc_roadmap.render.document import render as render_document
from uhc_roadmap.render.errors import RenderError
from uhc_roadmap.render.folders import TemplateChoiceError, TemplateInfo, list_templates
from uhc_roadmap.render.source import Chosen, InvalidRoadmap, SourceError, choose_roadmap

__all__ = [
    "BudgetError",
    "Chosen",
    "InvalidRoadmap",
    "RenderBudget",
    "RenderError",
    "RenderOptions",
    "SourceError",
    "TemplateChoiceError",
    "TemplateInfo",
    "choose_roadmap",
    "list_templates",
    "render_document",
]
