"""Validation results of many files, each from the cache when its bytes and the settings are
unchanged, the others checked in this process or by workers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from uhc_roadmap.bulk.codec import decode_result, encode_result, key_of
from uhc_roadmap.bulk.jobs import Job
from uhc_roadmap.bulk.workers import run_all
from uhc_roadmap.diagnostics import FileResult

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.validation import ValidationOptions

NAMESPACE = "validate"


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
    keys = [key_of(cache, job, options, NAMESPACE) for job in jobs]
    results: list[FileResult | None] = [
        _cached(cache, key, job.name, today) for job, key in zip(jobs, keys, strict=True)
    ]
    todo = [i for i, found in enumerate(results) if found is None]
    fresh = run_all(_check_one, [jobs[i] for i in todo], options, workers)
    for i, (result, depends_on_today) in zip(todo, fresh, strict=True):
        results[i] = result
        if cache is not None:
            stamp = today if depends_on_today else None
            cache.put(NAMESPACE, keys[i], encode_result(result, stamp))
    return [r for r in results if r is not None]


def _cached(cache: Cache | None, key: str, name: str, today: date) -> FileResult | None:
    if cache is None:
        return None
    return decode_result(cache.get(NAMESPACE, key), name, today)


def _check_one(job: Job, options: ValidationOptions) -> tuple[FileResult, bool]:
    """A file's result, and whether it depends on today's date (no ``as_of`` anywhere)."""
    from uhc_roadmap import validation

    checked = validation.check_bytes(job.raw, job.name, options)
    return checked.result, checked.depends_on_today(options)
