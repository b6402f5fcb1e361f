"""The interface every report format implements: one country, or the portfolio."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from uhc_roadmap.progress import Portfolio, RoadmapProgress


class SectionError(ValueError):
    """``--section`` names no section of the chosen format."""


@dataclass(frozen=True)
class FormatOptions:
    """``width``, ``color`` and ``terminal`` matter to the table only, ``section`` to csv only.

    ``terminal``: the output goes to a terminal, so Unicode boxes and bars are safe; otherwise
    the table is plain ASCII that survives any pipe, file or e-mail.
    """

    lang: str = "en"
    color: bool = False
    terminal: bool = False
    width: int = 80
    section: str | None = None


class ReportFormat(ABC):
    name: str
    sections: tuple[str, ...] = ()
    """Sections a report can be cut into (``--section``); the first is the default."""

    def __init__(self, options: FormatOptions | None = None) -> None:
        self.options = options or FormatOptions()

    @abstractmethod
    def report(self, progress: RoadmapProgress) -> str:
        """One country's report."""

    @abstractmethod
    def portfolio(self, portfolio: Portfolio) -> str:
        """One row per country."""
