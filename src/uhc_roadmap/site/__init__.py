"""The static portfolio site (``uhc-roadmap site``): an index of every country, a page per
country and language with its roadmap, its brief, their PDFs and its progress over time,
and ``site.json``. Built in memory (build.py, pages.py), drawn with the site's charts
(charts.py), seen by templates as views.py says, and put in place whole (folder.py).

Importing this package imports Jinja2 (through the render package): only ``site`` pays.
"""

from __future__ import annotations

from uhc_roadmap.site.build import Site, SiteSettings, build_site
from uhc_roadmap.site.folder import SiteFolderError, publish

__all__ = ["Site", "SiteFolderError", "SiteSettings", "build_site", "publish"]
