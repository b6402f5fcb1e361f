"""One way in: the roadmaps a command works on, found, read and validated the same way by all.

Every command that reads roadmaps (``validate``, ``report``, ``render``, ``diff``, ``export``…)
turns its paths, ``--country``/``--phase`` and standard input into roadmaps here, so that the
configuration's ``exclude``, its size limits and its rule settings apply alike everywhere, and a
roadmap with errors is refused the same way (:class:`~uhc_roadmap.errors.InvalidRoadmaps`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from uhc_roadmap.bulk import Job
from uhc_roadmap.discovery import Source, printable, read, select_sources
from uhc_roadmap.errors import InvalidRoadmaps, UsageError

if TYPE_CHECKING:
    from uhc_roadmap.bulk.jobs import FileJob
    from uhc_roadmap.bulk.stats import StatIndex
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.validation import CheckedFile, ValidationOptions


class NoRoadmaps(UsageError):
    """Nothing to work on: no path matched a roadmap file."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What a command was asked to work on.

    ``paths`` as given on the command line (empty: the configured roadmaps folder); ``country``
    an ISO code or a name in English or French; ``phase`` a phase id (default: the latest).
    """

    paths: tuple[str, ...] = ()
    country: str | None = None
    phase: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """The files that matched, those the configuration's ``exclude`` left out, where the search
    looked, and whether it looked in the default folder because none was named."""

    sources: list[Source]
    excluded: list[Source]
    searched: list[str]
    by_default: bool = False


@dataclass(frozen=True, slots=True)
class Chosen:
    """One valid roadmap and the file it was read from."""

    name: str
    roadmap: Roadmap
    checked: CheckedFile


def find(paths: Sequence[str], config: Config) -> Found:
    """The files for ``paths`` (default: the configured roadmaps folder), minus the excluded."""
    if paths:
        kept, excluded = select_sources(paths, config.exclude, config.root)
        return Found(kept, excluded, list(paths))
    default = os.path.relpath(config.roadmaps)
    if not config.roadmaps.is_dir():
        return Found([], [], [default], by_default=True)
    kept, excluded = select_sources([default], config.exclude, config.root)
    return Found(kept, excluded, [default], by_default=True)


def nothing_found(found: Found, config: Config) -> NoRoadmaps:
    """The error for a search that found nothing to work on, with a hint that works."""
    where = ", ".join(found.searched)
    if found.excluded:
        return NoRoadmaps(
            f"every matching file ({len(found.excluded)}) is excluded by `exclude` in {config.path}"
        )
    if found.by_default and not config.roadmaps.is_dir():
        return NoRoadmaps(
            f"{where}: no such folder, and no roadmap file was named; pass the roadmap file or "
            "folder, or run the command inside the roadmap repository"
        )
    return NoRoadmaps(f"no roadmap files found in {where}")


def read_jobs(
    sources: Sequence[Source], config: Config, stdin: IO[bytes] | None = None
) -> list[Job]:
    """Each source's bytes, read no further than the size limit (an endless pipe ends)."""
    limit = config.limits.max_bytes
    wanted = any(s.path is None for s in sources)
    piped = stdin.read(limit + 1) if wanted and stdin is not None else None
    return [Job(s.name, read(s, piped, max_bytes=limit)) for s in sources]


def file_jobs(
    sources: Sequence[Source], config: Config, index: StatIndex, stdin: IO[bytes] | None = None
) -> list[Job | FileJob]:
    """Jobs that read their file only if its bytes are needed (``bulk.jobs.FileJob``); standard
    input is read now."""
    from uhc_roadmap.bulk.jobs import FileJob

    limit = config.limits.max_bytes
    piped = [s for s in sources if s.path is None]
    read_now = {job.name: job for job in read_jobs(piped, config, stdin)} if piped else {}
    return [
        read_now[s.name] if s.path is None else FileJob(s.name, s, index, limit) for s in sources
    ]


def load(
    paths: Sequence[str],
    config: Config,
    options: ValidationOptions,
    *,
    stdin: IO[bytes] | None = None,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> list[CheckedFile]:
    """Every file for ``paths``, validated; ``progress(total)`` gives a per-file callback.

    Each file is read when its turn comes (only one file's bytes at a time), and the collector
    is paused as ``validate`` pauses it (``bulk.workers``): checking makes many objects and
    few cycles, and its passes over every object held would make the run grow faster than the
    files (``report --country`` over a large portfolio).
    """
    import gc

    from uhc_roadmap import validation
    from uhc_roadmap.loading.loader import gc_paused

    found = find(paths, config)
    if not found.sources:
        raise nothing_found(found, config)
    limit = config.limits.max_bytes
    wanted = any(s.path is None for s in found.sources)
    piped = stdin.read(limit + 1) if wanted and stdin is not None else None
    advance = progress(len(found.sources)) if progress is not None else (lambda: None)
    validation.prepare()  # imports made with the collector on: see bulk.workers._prepare
    checked = []
    with gc_paused():
        for source in found.sources:
            raw = read(source, piped, max_bytes=limit)
            checked.append(validation.check_bytes(raw, source.name, options))
            gc.collect(0)  # a young pass frees the cycles of the file just checked
            advance()
    return checked


def choose(
    checked: Sequence[CheckedFile], selection: Selection, lang: str = "en", *, refusal: str = ""
) -> Chosen:
    """The one roadmap a command works on: the only file given, or ``selection.country`` (its
    latest phase unless ``selection.phase`` names another). It must be valid: a document or an
    export made from a roadmap with errors would look authoritative and be wrong.

    A file that does not even load as a roadmap stops a ``--country`` run: it may be that
    country's. ``refusal`` is the last line printed under the errors of an invalid roadmap.
    """
    if selection.country is None:
        if selection.phase is not None:
            raise UsageError("--phase needs --country: phases are named per country")
        if len(checked) != 1:
            names = ", ".join(printable(c.result.file) for c in checked)
            raise UsageError(f"give one roadmap file, or --country (found: {names})")
        return _valid(checked[0], refusal)
    return _valid(_for_country(checked, selection, lang, refusal), refusal)


def _for_country(
    checked: Sequence[CheckedFile], selection: Selection, lang: str, refusal: str
) -> CheckedFile:
    from uhc_roadmap.countries import resolve_country
    from uhc_roadmap.progress import PhaseError, choose_phase

    unreadable = [c.result for c in checked if c.roadmap is None]
    if unreadable:
        raise _refused(unreadable, refusal)
    readable = {c.result.file: c for c in checked if c.roadmap is not None}
    countries = {c.roadmap.country for c in readable.values() if c.roadmap is not None}
    query = selection.country or ""
    code = resolve_country(query, countries, lang)
    candidates = [
        (name, c.roadmap)
        for name, c in readable.items()
        if c.roadmap is not None and c.roadmap.country == code
    ]
    try:
        name, _ = choose_phase(candidates, selection.phase)
    except PhaseError as exc:
        raise PhaseError(f"{query}: {exc}") from None
    return readable[name]


def _valid(checked: CheckedFile, refusal: str) -> Chosen:
    if checked.roadmap is None or checked.result.has_errors:
        raise _refused([checked.result], refusal)
    return Chosen(checked.result.file, checked.roadmap, checked)


def _refused(results: list[FileResult], refusal: str) -> InvalidRoadmaps:
    return InvalidRoadmaps(results, refusal) if refusal else InvalidRoadmaps(results)


def select_roadmap(
    selection: Selection,
    config: Config,
    options: ValidationOptions,
    *,
    lang: str = "en",
    stdin: IO[bytes] | None = None,
    refusal: str = "",
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Chosen:
    """``load`` then ``choose``: the one valid roadmap a command was asked for."""
    checked = load(selection.paths, config, options, stdin=stdin, progress=progress)
    return choose(checked, selection, lang, refusal=refusal)
