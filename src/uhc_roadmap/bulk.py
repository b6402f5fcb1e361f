"""Validating many files: cached results first, the rest in worker processes when that pays.

Results come back in the order the files were given, whatever the cache held and whichever
worker finished first, and are the same as one process checking the files one by one.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from uhc_roadmap.cache import Cache
    from uhc_roadmap.progress.results import PortfolioRow
    from uhc_roadmap.validation import ValidationOptions

NAMESPACE = "validate"
PARALLEL_MIN_FILES = 2
PARALLEL_MIN_BYTES = 256 * 1024
"""Below this much YAML to check, starting workers costs more than it saves (measured on
2 cores: a forked worker is ready in ~5 ms, and checking costs ~0.25 ms per KB)."""
SPAWN_MIN_BYTES = 4 * 1024 * 1024
"""Where workers cannot be forked, each imports the tool anew (~0.3 s): only for big runs."""

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check: the name diagnostics use, and its bytes."""

    name: str
    raw: bytes


def check_files(
    jobs: Sequence[Job],
    options: ValidationOptions,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    today: date | None = None,
) -> list[FileResult]:
    """Every job's result, in order; ``workers`` None chooses by the amount of work."""
    today = today or date.today()
    keys = [_key(cache, job, options) for job in jobs]
    results: list[FileResult | None] = [
        _cached(cache, key, job.name, today) for job, key in zip(jobs, keys, strict=True)
    ]
    todo = [i for i, found in enumerate(results) if found is None]
    fresh = run_all(_check_one, [jobs[i] for i in todo], options, workers)
    for i, (result, depends_on_today) in zip(todo, fresh, strict=True):
        results[i] = result
        if cache is not None:
            cache.put(NAMESPACE, keys[i], _encode(result, today if depends_on_today else None))
    return [r for r in results if r is not None]


def run_all(
    work: Callable[[Job, ValidationOptions], R],
    jobs: Sequence[Job],
    options: ValidationOptions,
    workers: int | None,
    progress: Callable[[], None] = lambda: None,
) -> list[R]:
    """``work`` over ``jobs`` in this process or in a pool, results in the order of ``jobs``.

    ``progress`` is called in this process once per job done (for a progress bar).
    """
    if not jobs:
        return []
    count = choose_workers(jobs, workers)
    if count <= 1:
        _prepare()
        with _young_collections_only():
            return [_then(_collected(work(job, options)), progress) for job in jobs]
    pool = _pool(count, options)
    try:
        futures = {i: pool.submit(_in_worker, work, jobs[i]) for i in _largest_first(jobs)}
        return [_then(futures[i].result(), progress) for i in range(len(jobs))]
    finally:  # on Ctrl-C or an error, files not yet started are not started
        pool.shutdown(wait=True, cancel_futures=True)


def _then(result: R, progress: Callable[[], None]) -> R:
    progress()
    return result


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """The collector's automatic full passes over every object in the process cost 11 % of
    a many-file run, and checking a file leaves no cycles to find there; a young-generation
    pass after each file (``_collected``) still frees any cycle a check made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _collected(result: R) -> R:
    gc.collect(0)
    return result


def _prepare() -> None:
    """Load what checking needs while the collector runs as usual: the objects imports make
    would otherwise all wait in the young generation for the first young pass (~6 ms)."""
    from uhc_roadmap import validation

    validation.prepare()


def choose_workers(jobs: Sequence[Job], requested: int | None) -> int:
    """How many processes: ``requested`` (``--jobs``) if given, else by the work's size."""
    if len(jobs) < PARALLEL_MIN_FILES:
        return 1
    if requested is not None:
        return max(1, min(requested, len(jobs)))
    size = sum(len(job.raw) for job in jobs)
    if size < (PARALLEL_MIN_BYTES if _can_fork() else SPAWN_MIN_BYTES):
        return 1
    return max(1, min(available_cpus(), len(jobs)))


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _largest_first(jobs: Sequence[Job]) -> list[int]:
    """The big files start first, so that no worker is left with one at the end."""
    return sorted(range(len(jobs)), key=lambda i: len(jobs[i].raw), reverse=True)


def _can_fork() -> bool:
    """Forking copies the parent, imports included, but is unsafe once threads run."""
    from multiprocessing import get_all_start_methods

    linux = sys.platform.startswith("linux")  # macOS system libraries are not fork-safe
    return linux and "fork" in get_all_start_methods() and threading.active_count() == 1


def _pool(count: int, options: ValidationOptions) -> ProcessPoolExecutor:
    """Workers for ``count`` processes (the multiprocessing machinery costs ~10 ms to import,
    so only runs that use it pay for it)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    fork = _can_fork()
    if fork:
        _prepare()  # once here rather than once in every worker
    context = get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(
        count, mp_context=context, initializer=_start_worker, initargs=(options,)
    )


_WORKER_OPTIONS: list[ValidationOptions] = []


def _start_worker(options: ValidationOptions) -> None:
    """Ctrl-C is the parent's to handle: it stops the pool and exits 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()  # see _young_collections_only
    _WORKER_OPTIONS[:] = [options]


def _in_worker(work: Callable[[Job, ValidationOptions], R], job: Job) -> R:
    return _collected(work(job, _WORKER_OPTIONS[0]))


def _check_one(job: Job, options: ValidationOptions) -> tuple[FileResult, bool]:
    """A file's result, and whether it depends on today's date (no ``as_of`` anywhere)."""
    from uhc_roadmap import validation

    checked = validation.check_bytes(job.raw, job.name, options)
    roadmap = checked.roadmap
    depends = options.as_of is None and roadmap is not None and roadmap.as_of is None
    return checked.result, depends


# -- the cache ---------------------------------------------------------------------------------


def options_fingerprint(options: ValidationOptions) -> str:
    """Everything in the options that can change a result, as stable text."""
    selection = options.selection
    return json.dumps(
        {
            "select": sorted(selection.select),
            "ignore": sorted(selection.ignore),
            "severities": {code: str(level) for code, level in selection.severities.items()},
            "options": selection.options,
            "limits": asdict(options.limits),
            "as_of": options.as_of.isoformat() if options.as_of else None,
            "warn_unused_ignores": options.warn_unused_ignores,
        },
        sort_keys=True,
        default=repr,
    )


def _key(
    cache: Cache | None,
    job: Job,
    options: ValidationOptions,
    namespace: str = NAMESPACE,
    extra: str = "",
) -> str:
    if cache is None:
        return ""
    return cache.key(namespace, options_fingerprint(options), extra, job.name, job.raw)


def _cached(cache: Cache | None, key: str, name: str, today: date) -> FileResult | None:
    if cache is None:
        return None
    return decode_result(cache.get(NAMESPACE, key), name, today)


def _encode(result: FileResult, today: date | None) -> dict[str, Any]:
    return {
        "today": today.isoformat() if today else None,
        "diagnostics": [
            [d.code, d.severity.value, d.file, d.line, d.col, d.message, d.hint]
            for d in result.diagnostics
        ],
    }


def decode_result(value: Any, name: str, today: date) -> FileResult | None:
    """A cached result, or None unless every part of it has the shape ``_encode`` gives."""
    if not isinstance(value, dict) or set(value) != {"today", "diagnostics"}:
        return None
    if value["today"] is not None and value["today"] != today.isoformat():
        return None  # the result was measured at another reference date
    found = value["diagnostics"]
    if not isinstance(found, list):
        return None
    diagnostics = [_diagnostic(item, name) for item in found]
    if any(d is None for d in diagnostics):
        return None
    return FileResult(name, [d for d in diagnostics if d is not None])


_SHAPE = (str, str, str, int, int, str, str)


def _diagnostic(item: Any, name: str) -> Diagnostic | None:
    if not isinstance(item, list) or len(item) != len(_SHAPE):
        return None
    if any(type(value) is not kind for value, kind in zip(item, _SHAPE, strict=True)):
        return None  # exact types: a bool is no line number
    code, severity, file, line, col, message, hint = item
    if file != name or severity not in _SEVERITIES or line < 0 or col < 0:
        return None
    return Diagnostic(code, Severity(severity), file, line, col, message, hint)


_SEVERITIES = frozenset(level.value for level in Severity)


# -- the portfolio -----------------------------------------------------------------------------

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


def portfolio_entries(
    jobs: Sequence[Job],
    options: ValidationOptions,
    figures: Figures,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    today: date | None = None,
    progress: Callable[[], None] = lambda: None,
) -> list[PortfolioEntry]:
    """Each file's validation result and, when it is valid, its portfolio row, in order.

    A warm cache answers without loading, validating or computing anything: the portfolio
    of a hundred countries is then a matter of reading a hundred small entries.
    """
    today = today or date.today()
    extra = json.dumps(asdict(figures), sort_keys=True, default=str)
    keys = [_key(cache, job, options, PORTFOLIO, extra) for job in jobs]
    found: list[PortfolioEntry | None] = [
        _cached_entry(cache, key, job.name, today) for job, key in zip(jobs, keys, strict=True)
    ]
    todo = [i for i, entry in enumerate(found) if entry is None]
    for _ in range(len(jobs) - len(todo)):
        progress()
    work = partial(_portfolio_one, figures=figures)
    fresh = run_all(work, [jobs[i] for i in todo], options, workers, progress)
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
    progress = compute_progress(roadmap, figures.as_of, figures.lang, figures.window)
    phase = PhaseInfo(roadmap.phase.id, roadmap.phase.start, roadmap.phase.end)
    summary = CountrySummary(roadmap.country, phase, portfolio_row(progress))
    depends = figures.as_of is None and options.as_of is None and roadmap.as_of is None
    return PortfolioEntry(job.name, checked.result, summary), depends


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
    value = _encode(entry.result, today)
    summary = entry.summary
    value["summary"] = None
    if summary is not None:
        phase = summary.phase
        value["summary"] = {
            "country": summary.country,
            "phase": [phase.id, phase.start.isoformat(), phase.end.isoformat()],
            "row": {name: _plain(getattr(summary.row, name)) for name in _ROW_FIELDS},
        }
    return value


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


_NUMBER = (int, float)
_ROW_FIELDS: dict[str, tuple[type, ...]] = {
    "country": (str,),
    "name": (str,),
    "phase": (str,),
    "as_of": (date,),
    "currency": (str, type(None)),
    "completion": (*_NUMBER, type(None)),
    "weighted_completion": (*_NUMBER, type(None)),
    "planned": _NUMBER,
    "spent": _NUMBER,
    "execution": (*_NUMBER, type(None)),
    "overdue": (int,),
    "blocked": (int,),
    "on_track": (int,),
    "assessed": (int,),
}


def _decode_summary(value: Any) -> CountrySummary | None:
    """A cached summary, or None unless it has exactly the shape ``_encode_entry`` gives."""
    if not isinstance(value, dict) or set(value) != {"country", "phase", "row"}:
        return None
    country, phase, row = value["country"], value["phase"], value["row"]
    if not isinstance(country, str) or not isinstance(phase, list) or len(phase) != 3:
        return None
    if not isinstance(row, dict) or set(row) != set(_ROW_FIELDS):
        return None
    start, end = _day(phase[1]), _day(phase[2])
    fields = {name: _field(row[name], kinds) for name, kinds in _ROW_FIELDS.items()}
    if not isinstance(phase[0], str) or start is None or end is None or _MISSING in fields.values():
        return None
    from uhc_roadmap.progress.results import PortfolioRow

    return CountrySummary(country, PhaseInfo(phase[0], start, end), PortfolioRow(**fields))


_MISSING = object()


def _field(value: Any, kinds: tuple[type, ...]) -> Any:
    if date in kinds:
        day = _day(value)
        return _MISSING if day is None else day
    if type(value) not in kinds:  # exact types: a bool is no count
        return _MISSING
    return value


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
