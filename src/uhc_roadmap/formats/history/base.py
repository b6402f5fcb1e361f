"""The interface every history format implements, and the notes they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from uhc_roadmap.formats.registry import Rendered
from uhc_roadmap.history import FileHistory, History


@dataclass(frozen=True)
class HistoryOptions:
    """``width``, ``color`` and ``terminal`` matter to the table only (as for ``report``)."""

    lang: str = "en"
    color: bool = False
    terminal: bool = False
    width: int = 80


class HistoryFormat(ABC):
    name: str

    def __init__(self, options: HistoryOptions | None = None) -> None:
        self.options = options or HistoryOptions()

    @abstractmethod
    def render(self, history: History) -> Rendered:
        """Every file's revisions, oldest first."""


def notes(history: FileHistory, gettext: Callable[[str], str]) -> list[str]:
    """What bounds the history: a shallow clone, the revision limit, no revision at all."""
    found = []
    if history.shallow:
        found.append(
            gettext(
                "shallow clone: only the commits it holds are shown; "
                "`git fetch --unshallow` brings the rest"
            )
        )
    if history.truncated:
        found.append(
            gettext("only the latest %(n)s revisions are shown (--max-revisions)")
            % {"n": history.limit}
        )
    if not history.points:
        found.append(gettext("no committed version of this file"))
    return found
