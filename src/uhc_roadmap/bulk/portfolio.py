"""Each file's part in the portfolio: its validation result and, when valid, its headline
figures (``report`` without ``--country``), from the cache when nothing changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from uhc_roadmap.bulk.codec import (
    decode_result,
    decode_row,
    encode_result,
    encode_row,
    options_fingerprint,
    parse_day,
)
from uhc_roadmap.bulk.jobs import FileJob, Job
from uhc_roadmap.bulk.workers import run_all
from uhc_roadmap.diagnostics import FileResult

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.progress.results import PortfolioRow
    from uhc_roadmap.validation import ValidationOptions

PORTFOLIO = "portfolio"


@dataclass(frozen=True, slots=True)
class PhaseInfo:
    id: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class CountrySummary:
    """A valid roadmap as the portfolio sees it: whose, which phase, its headline figures."""

    country: str
    phase: PhaseInfo
    row: PortfolioRow


@dataclass(frozen=True, slots=True)
class PortfolioEntry:
    """One file's part in the portfolio; ``summary`` is None when the file has errors."""

    name: str
    result: FileResult
    summary: CountrySummary | None


@dataclass(frozen=True, slots=True)
class Figures:
    """What the headline figures depend on besides the file and the validation options."""

    as_of: date | None
    lang: str
    window: int
    default_as_of: date | None = None
    """The reference date when neither ``as_of`` nor the roadmap's own gives one (a version
    in git history: the day it was committed); None: today."""

    def reference(self, roadmap_as_of: date | None) -> date | None:
        """The date the figures are computed at; None: today."""
        if self.as_of is not None or roadmap_as_of is not None:
            return self.as_of  # the roadmap's own as_of applies when this is None
        return self.default_as_of


def portfolio_entries(
    jobs: Sequence[Job | FileJob],
    options: ValidationOptions,
    figures: Figures | Sequence[Figures],
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    today: date | None = None,
    progress: Callable[[], None] = lambda: None,
) -> list[PortfolioEntry]:
    """Each file's validation result and, when it is valid, its portfolio row, in order.
    ``figures`` is one for all files, or one per file (versions in git history, each at its
    own date); the files' names must then be distinct.

    A warm cache answers without loading, validating or computing anything: the portfolio
    of a hundred countries is then a matter of reading a hundred small entries. Files given
    as ``FileJob`` are not even read while their stat fields say they are unchanged.
    """
    today = today or date.today()
    each = [figures] * len(jobs) if isinstance(figures, Figures) else list(figures)
    extras = [json.dumps(asdict(f), sort_keys=True, default=str) for f in each]
    fingerprint = options_fingerprint(options) if cache is not None else ""
    keys = [
        cache.key(PORTFOLIO, fingerprint, extra, job.name, job.digest()) if cache else ""
        for job, extra in zip(jobs, extras, strict=True)
    ]
    found: list[PortfolioEntry | None] = [
        _cached_entry(cache, key, job.name, today) for job, key in zip(jobs, keys, strict=True)
    ]
    todo = [i for i, entry in enumerate(found) if entry is None]
    for _ in range(len(jobs) - len(todo)):
        progress()
    if isinstance(figures, Figures):
        work: Callable[[Job, ValidationOptions], tuple[PortfolioEntry, bool]] = partial(
            _portfolio_one, figures=figures
        )
    else:
        work = _EachOwn({jobs[i].name: each[i] for i in todo})
    fresh = run_all(work, [jobs[i].read() for i in todo], options, workers, progress)
    for i, (entry, depends) in zip(todo, fresh, strict=True):
        found[i] = entry
        if cache is not None:
            cache.put(PORTFOLIO, keys[i], _encode_entry(entry, today if depends else None))
    return [entry for entry in found if entry is not None]


def _portfolio_one(
    job: Job, options: ValidationOptions, figures: Figures
) -> tuple[PortfolioEntry, bool]:
    from uhc_roadmap import validation
    from uhc_roadmap.progress import compute_progress, portfolio_row

    checked = validation.check_bytes(job.raw, job.name, options)
    roadmap = checked.roadmap
    if roadmap is None or checked.result.has_errors:
        return PortfolioEntry(job.name, checked.result, None), False
    reference = figures.reference(roadmap.as_of)
    progress = compute_progress(roadmap, reference, figures.lang, figures.window)
    phase = PhaseInfo(roadmap.phase.id, roadmap.phase.start, roadmap.phase.end)
    summary = CountrySummary(roadmap.country, phase, portfolio_row(progress))
    depends = reference is None and options.as_of is None and roadmap.as_of is None
    return PortfolioEntry(job.name, checked.result, summary), depends


@dataclass(frozen=True, slots=True)
class _EachOwn:
    """The work of ``portfolio_entries`` when each file has its own figures (picklable, for
    worker processes)."""

    figures: dict[str, Figures]

    def __call__(self, job: Job, options: ValidationOptions) -> tuple[PortfolioEntry, bool]:
        return _portfolio_one(job, options, self.figures[job.name])


def _cached_entry(cache: Cache | None, key: str, name: str, today: date) -> PortfolioEntry | None:
    if cache is None:
        return None
    value = cache.get(PORTFOLIO, key)
    if not isinstance(value, dict) or set(value) != {"today", "diagnostics", "summary"}:
        return None
    result = decode_result({k: value[k] for k in ("today", "diagnostics")}, name, today)
    if result is None:
        return None
    if value["summary"] is None:
        return PortfolioEntry(name, result, None) if result.has_errors else None
    summary = _decode_summary(value["summary"])
    return None if summary is None else PortfolioEntry(name, result, summary)


def _encode_entry(entry: PortfolioEntry, today: date | None) -> dict[str, Any]:
    value = encode_result(entry.result, today)
    summary = entry.summary
    value["summary"] = None
    if summary is not None:
        phase = summary.phase
        value["summary"] = {
            "country": summary.country,
            "phase": [phase.id, phase.start.isoformat(), phase.end.isoformat()],
            "row": encode_row(summary.row),
        }
    return value


def _decode_summary(value: Any) -> CountrySummary | None:
    """A cached summary, or None unless it has exactly the shape ``_encode_entry`` gives."""
    if not isinstance(value, dict) or set(value) != {"country", "phase", "row"}:
        return None
    country, phase = value["country"], value["phase"]
    if not isinstance(country, str) or not isinstance(phase, list) or len(phase) != 3:
        return None
    start, end, row = parse_day(phase[1]), parse_day(phase[2]), decode_row(value["row"])
    if not isinstance(phase[0], str) or start is None or end is None or row is None:
        return None
    return CountrySummary(country, PhaseInfo(phase[0], start, end), row)
