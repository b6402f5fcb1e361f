"""What the history of a roadmap is made of: frozen values that formats and templates read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from uhc_roadmap.progress.results import PortfolioRow


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """The roadmap as one commit left it: its headline figures, or (a gap) its error count."""

    commit: str
    date: datetime
    """The commit's date (committer date, with its time zone)."""
    subject: str
    path: str
    """The file's path at that commit, relative to the repository's top level."""
    errors: int
    """Validation errors in that version; 0 when it is valid."""
    row: PortfolioRow | None
    """The headline figures (``report``'s portfolio row); None when the version has errors."""
    digest: str
    """A hash of the version's bytes (to tell versions apart; not shown)."""

    @property
    def valid(self) -> bool:
        return self.row is not None

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True, slots=True)
class FileHistory:
    """One roadmap file's history, oldest version first."""

    file: str
    """The file as it was named on the command line (or found in a folder)."""
    path: str
    """Its path today, relative to the repository's top level."""
    points: tuple[HistoryPoint, ...]
    truncated: bool
    """More revisions exist than ``limit``: the oldest are left out."""
    shallow: bool
    """The repository is a shallow clone: revisions older than its depth are not there."""
    since: str | None
    limit: int

    @property
    def valid_points(self) -> tuple[HistoryPoint, ...]:
        return tuple(p for p in self.points if p.row is not None)


@dataclass(frozen=True, slots=True)
class History:
    """The histories ``report --history`` was asked for."""

    files: tuple[FileHistory, ...]


@dataclass(frozen=True, slots=True)
class SinceLast:
    """The brief's "since the last version" panel: the previous committed version that differs
    from the document's, and the headline figures then and now."""

    commit: str
    date: date
    subject: str
    then: PortfolioRow
    now: PortfolioRow

    @property
    def short(self) -> str:
        return self.commit[:7]
