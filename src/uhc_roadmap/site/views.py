"""What the site's templates see (templates/README.md, "The site"): frozen views, with every
link already made relative to the page it is on, so that the site works from ``file://`` and
from any sub-path of a web server."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from uhc_roadmap.history import HistoryPoint, SinceLast
from uhc_roadmap.progress.results import PortfolioRow


def href(target: str, page: str) -> str:
    """The link from the page at ``page`` to ``target`` (both relative to the site's root)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@dataclass(frozen=True, slots=True)
class LanguageLink:
    code: str
    name: str
    """The language's own name (``français``)."""
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class SiteNav:
    """``site``: the site around a page. Documents rendered for the site get it too (their
    navigation bar); a document rendered by ``render`` has ``site`` none."""

    home: str
    """The portfolio index in this page's language."""
    page: str
    """``index``, ``country``, ``roadmap`` or ``brief``."""
    languages: tuple[LanguageLink, ...]
    generated: date
    """The reference date of the figures."""
    country: str | None = None
    """The country page (on a country's documents and page)."""
    country_name: str | None = None
    pdf: str | None = None
    """This document's PDF, when the site has PDFs."""
    script: Markup | None = None
    """The index's sorting script, to be placed in ``<script>`` as it is."""
    script_hash: str | None = None
    """Its ``'sha256-…'`` source for the page's Content-Security-Policy."""


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country in the portfolio: its latest phase's headline figures and its pages."""

    code: str
    name: str
    href: str
    """Its page, from the page this entry is shown on."""
    phase: str
    file: str
    figures: PortfolioRow
    revisions: int
    """Versions in git history (0 without history)."""


@dataclass(frozen=True, slots=True)
class DocumentLinks:
    roadmap: str
    brief: str
    roadmap_pdf: str | None
    brief_pdf: str | None


@dataclass(frozen=True, slots=True)
class HistoryState:
    """Whether the country page has a history, and what bounds it."""

    available: bool
    reason: str | None
    """Why there is none (not a git repository...), as git or the tool said it."""
    shallow: bool = False
    truncated: bool = False
    limit: int = 0


@dataclass(frozen=True, slots=True)
class PointView:
    """A revision in the country page's history table."""

    date: date
    commit: str
    subject: str
    valid: bool
    errors: int
    figures: PortfolioRow | None

    @classmethod
    def of(cls, point: HistoryPoint) -> PointView:
        return cls(
            point.date.date(), point.short, point.subject, point.valid, point.errors, point.row
        )


__all__ = [
    "CountryEntry",
    "DocumentLinks",
    "HistoryState",
    "LanguageLink",
    "PointView",
    "SinceLast",
    "SiteNav",
    "href",
]


def published_name(name: str) -> str:
    """A roadmap file as the site names it: its path from the root of its repository, else its
    name alone; never the builder's own folders (``/home/someone/...``) on a public page."""
    from uhc_roadmap.formats.diagnostics.locations import STDIN, repository_path, repository_root

    if name == STDIN:
        return name
    path = Path(os.path.abspath(name))
    inside = repository_path(str(path), repository_root(path.parent))
    return inside if inside is not None else path.name
