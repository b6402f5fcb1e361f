"""The reporter interface: every output format consumes the same FileResults."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from uhc_roadmap.diagnostics import FileResult


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    verbose: bool = False
    quiet: bool = False


class Reporter(ABC):
    name: str
    extension: str = ".txt"

    def __init__(self, options: ReportOptions | None = None) -> None:
        self.options = options or ReportOptions()

    @abstractmethod
    def render(self, results: list[FileResult]) -> str:
        """The whole report as text; the CLI decides where it goes."""
