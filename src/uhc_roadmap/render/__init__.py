"""Documents from roadmaps: Jinja2 templates (sandboxed, autoescaped HTML), filters, SVG charts.

Public API::

    from uhc_roadmap.render import RenderOptions, render_document

    html = render_document(roadmap, RenderOptions("brief", "html", "fr"))

The roadmap comes from :mod:`uhc_roadmap.selection`, as for every command. Importing this
package imports Jinja2: only ``render`` pays for it, never ``validate``.
"""

from uhc_roadmap.render.document import RenderOptions
from uhc_roadmap.render.document import render as render_document
from uhc_roadmap.render.errors import RenderError
from uhc_roadmap.render.folders import TemplateChoiceError, TemplateInfo, list_templates

__all__ = [
    "RenderError",
    "RenderOptions",
    "TemplateChoiceError",
    "TemplateInfo",
    "list_templates",
    "render_document",
]
