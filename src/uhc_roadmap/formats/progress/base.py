"""The interface every report format implements: one country, or the portfolio."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from uhc_roadmap.errors import UsageError
from uhc_roadmap.formats.registry import Rendered
from uhc_roadmap.progress import Portfolio, RoadmapProgress


class SectionError(UsageError, ValueError):
    """``--section`` names no section of the chosen format."""


@dataclass(frozen=True)
class ProgressOptions:
    """``width``, ``color`` and ``terminal`` matter to the table only, ``section`` and
    ``excel`` to csv only.

    ``terminal``: the output goes to a terminal, so Unicode boxes and bars are safe; otherwise
    the table is plain ASCII that survives any pipe, file or e-mail.
    """

    lang: str = "en"
    color: bool = False
    terminal: bool = False
    width: int = 80
    section: str | None = None
    excel: bool = False
    """csv only: for a spreadsheet application (BOM, and ``;`` with decimal commas in
    languages that write them)."""


class ProgressFormat(ABC):
    name: str
    sections: tuple[str, ...] = ()
    """Sections a report can be cut into (``--section``); the first is the default."""

    def __init__(self, options: ProgressOptions | None = None) -> None:
        self.options = options or ProgressOptions()

    @abstractmethod
    def report(self, progress: RoadmapProgress) -> Rendered:
        """One country's report."""

    @abstractmethod
    def portfolio(self, portfolio: Portfolio) -> Rendered:
        """One row per country."""

    def render(self, found: RoadmapProgress | Portfolio) -> Rendered:
        """One country's report or the portfolio, whichever ``found`` is."""
        if self.options.section is not None and not self.sections:
            raise SectionError(f"--section applies to --format csv, not {self.name}")
        if isinstance(found, Portfolio):
            return self.portfolio(found)
        return self.report(found)
