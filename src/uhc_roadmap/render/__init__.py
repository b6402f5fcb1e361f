"""Documents from roadmaps: Jinja2 templates (sandboxed, autoescaped HTML), filters, SVG charts.

Public API::

    from uhc_roadmap.render import RenderOptions, choose_roadmap, render_document

    chosen = choose_roadmap(["roadmaps"], "MA")
    html = render_document(chosen.roadmap, RenderOptions("brief", "html", "fr"))

Importing this package imports Jinja2: only ``render`` pays for it, never ``validate``.
"""

from uhc_roadmap.render.document import RenderOptions
from uhc_roadmap.render.document import render as render_document
from uhc_roadmap.render.errors import RenderError
from uhc_roadmap.render.folders import TemplateChoiceError, TemplateInfo, list_templates
from uhc_roadmap.render.source import Chosen, InvalidRoadmap, SourceError, choose_roadmap

__all__ = [
    "Chosen",
    "InvalidRoadmap",
    "RenderError",
    "RenderOptions",
    "SourceError",
    "TemplateChoiceError",
    "TemplateInfo",
    "choose_roadmap",
    "list_templates",
    "render_document",
]
