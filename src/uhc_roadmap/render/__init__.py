"""Documents from roadmaps: Jinja2 templates (sandboxed, autoescaped HTML), filters, SVG charts.

Public API::

    from uhc_roadmap.render import RenderOptions, render_document

    html = render_document(roadmap, RenderOptions("brief", "html", "fr"))

The roadmap comes from :mod:`uhc_roadmap.selection`, as for every command. Templates are
untrusted input: they are read only inside their folders, and each rendering runs held to a
RenderBudget (time, memory, output; a BudgetError when spent), in a forked child on Linux. See
templates/README.md, "Untrusted templates".

Importing this package imports Jinja2: only ``render`` pays for it, never ``validate``.
"""

from uhc_roadmap.render.budget import BudgetError, RenderBudget
from uhc_roadmap.render.document import RenderOptions
from uhc_roadmap.render.document import render as render_document
from uhc_roadmap.render.errors import RenderError
from uhc_roadmap.render.folders import TemplateChoiceError, TemplateInfo, list_templates

__all__ = [
    "BudgetError",
    "RenderBudget",
    "RenderError",
    "RenderOptions",
    "TemplateChoiceError",
    "TemplateInfo",
    "list_templates",
    "render_document",
]
