"""Running a function over jobs: in this process, or in a pool of worker processes when the
amount of work pays for starting them (forked on Linux, so each starts with the models loaded).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from uhc_roadmap.bulk.jobs import Job

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from uhc_roadmap.validation import ValidationOptions

PARALLEL_MIN_FILES = 2
PARALLEL_MIN_BYTES = 256 * 1024
"""Below this much YAML to check, starting workers costs more than it saves (measured on
2 cores: a forked worker is ready in ~5 ms, and checking costs ~0.25 ms per KB)."""
SPAWN_MIN_BYTES = 4 * 1024 * 1024
"""Where workers cannot be forked, each imports the tool anew (~0.3 s): only for big runs."""

R = TypeVar("R")


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
        from uhc_roadmap.loading.loader import gc_paused

        _prepare()
        with gc_paused():  # a young-generation pass after each file (_collected) frees cycles
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
        count, mp_context=context, initializer=_start_worker, initargs=(options, os.getpid())
    )


_WORKER_OPTIONS: list[ValidationOptions] = []
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PARENT_POLL_SECONDS = 0.5
"""Where the kernel cannot signal a worker when its parent dies, how often it looks."""


def _start_worker(options: ValidationOptions, parent: int) -> None:
    """Ctrl-C is the parent's to handle: it stops the pool and exits 130. SIGTERM and SIGHUP
    end a worker at once (the parent, which gets them too, has its own handler). A worker
    never outlives its parent: killed with it, even by SIGKILL."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    die_with_parent(parent)
    gc.disable()  # as gc_paused does in one process
    _WORKER_OPTIONS[:] = [options]


def die_with_parent(parent: int) -> None:
    """Linux kills this process when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere a
    thread watches the parent's pid. Either way, a parent already gone ends it now."""
    if not _death_signal() and hasattr(os, "getppid"):
        watcher = threading.Thread(
            target=_watch_parent, args=(parent,), name="watch-parent", daemon=True
        )
        watcher.start()
    if os.getppid() != parent:  # died before the death signal was armed
        os._exit(1)


def _death_signal() -> bool:
    """Arm the parent-death signal; False where the platform has none."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done: int = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return done == 0


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _in_worker(work: Callable[[Job, ValidationOptions], R], job: Job) -> R:
    return _collected(work(job, _WORKER_OPTIONS[0]))
