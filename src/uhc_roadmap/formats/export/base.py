"""The interface every export implements: one valid roadmap in, one document out.

An export may find values the other standard refuses (a currency outside its codelist, say):
it raises :class:`Refused` with their document paths, and :meth:`ExportFormat.render` turns
them into located findings in the roadmap file, so nothing is written and the user sees where
to look.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Self

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.errors import InvalidRoadmaps
from uhc_roadmap.loading.sourcemap import DocPath

if TYPE_CHECKING:
    from uhc_roadmap.config import Config
    from uhc_roadmap.formats.registry import Rendered
    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.selection import Chosen


@dataclass(frozen=True)
class ExportOptions:
    config: Config
    """The run's configuration (e.g. the IATI publisher, ``[tool.uhc-roadmap.iati]``)."""
    generated: datetime
    """When the document is made (``SOURCE_DATE_EPOCH`` fixes it for reproducible output)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A value of the roadmap that the other standard refuses, at its document path."""

    path: DocPath
    message: str
    hint: str


class Refused(Exception):
    """The roadmap holds values the other standard refuses; nothing is written (exit 1)."""

    code: ClassVar[str] = "EXPORT"
    """What the findings are labelled with (the format's name, upper case)."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        super().__init__("; ".join(r.message for r in refusals))
        self.refusals = list(refusals)


class ExportFormat(ABC):
    name: ClassVar[str]
    suffix: ClassVar[str]

    @classmethod
    @abstractmethod
    def from_options(cls, options: ExportOptions) -> Self:
        """The format set up for a run; a missing setting is a UsageError naming it."""

    @abstractmethod
    def export(self, roadmap: Roadmap) -> Rendered:
        """The document; raises Refused for values the standard cannot hold."""

    def render(self, chosen: Chosen) -> Rendered:
        """The document of a chosen roadmap, refusals located in its file."""
        try:
            return self.export(chosen.roadmap)
        except Refused as refused:
            raise InvalidRoadmaps(
                [_located(chosen, refused)],
                f"nothing exported: {refused.code} refuses the values above",
            ) from None


def _located(chosen: Chosen, refused: Refused) -> FileResult:
    source_map = chosen.checked.source_map
    found = []
    for refusal in refused.refusals:
        line, col = source_map.position(refusal.path) if source_map is not None else (1, 1)
        found.append(
            Diagnostic(
                refused.code, Severity.ERROR, chosen.name, line, col, refusal.message, refusal.hint
            )
        )
    return FileResult(chosen.name, found)
