"""A roadmap file's history from git: its versions, each validated and measured.

Every version goes through ``bulk.portfolio_entries``, as the files of a portfolio do: the same
validation, the same headline figures, the same cache (a version is found again by its name,
``path@commit``, its bytes and the options) and the same worker processes. Each version is
measured at its own reference date: ``--as-of`` when given, else the roadmap's ``as_of`` then,
else the day it was committed, so that "overdue" means what it meant on that day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap.authoring.git import FileLog, file_log, read_versions
from uhc_roadmap.bulk import Figures, Job, portfolio_entries
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.history.results import FileHistory, HistoryPoint, SinceLast

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.progress.results import PortfolioRow
    from uhc_roadmap.validation import ValidationOptions

Progress = Callable[[int], Callable[[], None]]
"""``start(total)`` gives a callback called once per version done (a progress bar)."""
SINCE_LAST_DEPTH = 50
"""How far back the brief looks for a version that differs from its own."""


@dataclass(frozen=True, slots=True)
class HistorySettings:
    lang: str = "en"
    window: int = 90
    as_of: date | None = None
    """Measure every version at this date; None: each at its own (see the module)."""
    since: str | None = None
    """Only the revisions after this one (``since..HEAD``)."""
    limit: int = 200
    """At most this many revisions, the newest."""
    max_bytes: int = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Versions:
    """A file's revisions and their bytes, read from git, not yet measured."""

    name: str
    log: FileLog
    raws: tuple[bytes, ...]


def read_versions_of(path: Path, name: str, settings: HistorySettings) -> Versions:
    """Every commit that changed ``path`` (renames followed), oldest first, with its bytes.

    Raises GitError (exit 2, one line) when the file is not in a git repository.
    """
    log = file_log(path, since=settings.since, limit=settings.limit)
    return Versions(name, log, tuple(read_versions(log.top, log.revisions, settings.max_bytes)))


def measure(
    files: Sequence[Versions],
    options: ValidationOptions,
    settings: HistorySettings,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[FileHistory]:
    """Each file's history: all their versions validated and measured in one batch (one pool
    of workers for the lot, each version from the cache when it is there)."""
    revisions = [(f, r, raw) for f in files for r, raw in zip(f.log.revisions, f.raws, strict=True)]
    jobs = [Job(f"{r.path}@{r.commit}", raw) for _, r, raw in revisions]
    figures = [
        Figures(settings.as_of, settings.lang, settings.window, r.date.date())
        for _, r, _ in revisions
    ]
    advance = progress(len(jobs)) if progress is not None else (lambda: None)
    entries = iter(
        portfolio_entries(jobs, options, figures, cache=cache, workers=workers, progress=advance)
    )
    histories = []
    for file in files:
        points = tuple(
            HistoryPoint(
                revision.commit,
                revision.date,
                revision.subject,
                revision.path,
                entry.result.count(Severity.ERROR),
                entry.summary.row if entry.summary is not None else None,
                digest(raw),
            )
            for revision, raw, entry in zip(file.log.revisions, file.raws, entries, strict=False)
        )
        log = file.log
        histories.append(
            FileHistory(
                file.name,
                log.path,
                points,
                log.truncated,
                log.shallow,
                settings.since,
                settings.limit,
            )
        )
    return histories


def file_history(
    path: Path,
    name: str,
    options: ValidationOptions,
    settings: HistorySettings,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> FileHistory:
    """One file's history (see ``read_versions_of`` and ``measure``)."""
    versions = read_versions_of(path, name, settings)
    found = measure([versions], options, settings, cache=cache, workers=workers, progress=progress)
    return found[0]


def since_last(
    path: Path,
    raw: bytes,
    now: PortfolioRow,
    options: ValidationOptions,
    settings: HistorySettings,
    *,
    cache: Cache | None = None,
) -> SinceLast | None:
    """The panel for a document made from ``raw`` (the file's bytes now), or None when git
    has no earlier valid version that differs from it."""
    shallow = HistorySettings(
        settings.lang, settings.window, settings.as_of, None, SINCE_LAST_DEPTH, settings.max_bytes
    )
    return previous(file_history(path, str(path), options, shallow, cache=cache), raw, now)


def previous(history: FileHistory, raw: bytes, now: PortfolioRow) -> SinceLast | None:
    """The newest valid version in ``history`` whose bytes differ from ``raw``, against ``now``."""
    mine = digest(raw)
    for point in reversed(history.points):
        if point.digest != mine and point.row is not None:
            return SinceLast(point.commit, point.date.date(), point.subject, point.row, now)
    return None


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
