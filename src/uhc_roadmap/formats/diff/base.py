"""The interface every diff format implements: the compared files in, one document out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from uhc_roadmap.authoring.diff import FileDiff


@dataclass(frozen=True)
class DiffOptions:
    color: bool = False
    """Colour the text format with terminal escape sequences."""
    lang: str | None = None
    """The language of the words (--lang); each file's changes are otherwise written in its
    roadmap's default language, and what belongs to no file in English."""


class DiffFormat(ABC):
    name: str

    def __init__(self, options: DiffOptions | None = None) -> None:
        self.options = options or DiffOptions()

    @abstractmethod
    def render(self, files: list[FileDiff]) -> str:
        """The whole diff; the CLI decides where it goes."""
