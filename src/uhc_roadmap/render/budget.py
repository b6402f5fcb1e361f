"""The budgets of one rendering: time, memory and output size.

A template is code. ``render/limits.py`` refuses, at the template line, every single operation
that would build something too large; what no check can see is a template that simply runs
(``{% for %}`` inside ``{% for %}`` over ``range(100000)``) or grows by many small steps.
So on Linux a rendering runs in a forked child process held to its budget:

- **time**: an interval timer interrupts the template after ``seconds`` (the interruption
  names the template line it stopped at), ``RLIMIT_CPU`` kills a child that no longer runs
  Python code, and the parent kills it after ``seconds`` and a grace period of wall time;
- **memory**: ``RLIMIT_AS`` gives the child ``memory`` bytes of address space on top of what
  it had at the fork, so an allocation past it fails with MemoryError instead of growing the
  machine's memory by gigabytes;
- **output**: the document is counted while the template generates it and stopped at the
  template line where it passes ``output`` bytes (``bounded_output``).

The child sends back the document or the located error through a pipe and exits; the parent
writes nothing until it has the whole document. Forking a warm process costs a few
milliseconds (docs/performance.md has the figures). Elsewhere than Linux the rendering runs
in this process, with the time budget enforced by ``SIGALRM`` where there is one.
"""

from __future__ import annotations

import gc
import itertools
import logging
import math
import mmap
import os
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from types import FrameType
from typing import Any, NoReturn, TypeVar, cast

from uhc_roadmap.render.errors import RenderError

MiB = 1024 * 1024
GRACE_SECONDS = 2.0  # wall time after the budget before the parent kills the child
_RESERVE = 4 * MiB  # address space given back in the child to report running out of memory
_FORK = sys.platform == "linux" and hasattr(os, "fork")
_OK, _DATA, _TEMPLATE, _BUDGET, _CRASH = b"T", b"D", b"E", b"B", b"X"
Output = TypeVar("Output", str, bytes)
"""What a bounded work returns: a document's text, or a binary document (a PDF)."""
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RenderBudget:
    """What one rendering may spend; the configuration's ``render_*_limit`` keys set it."""

    seconds: float = 20.0
    memory: int = 256 * MiB
    output: int = 8 * MiB

    def over_time(self) -> OverBudget:
        return OverBudget(
            "time",
            f"the rendering was still running after {self.seconds:g} s"
            " (render_time_limit in the configuration)",
        )

    def over_memory(self) -> OverBudget:
        return OverBudget(
            "memory",
            f"the rendering needed more than {_size(self.memory)} of memory"
            " (render_memory_limit in the configuration)",
        )

    def over_output(self) -> OverBudget:
        return OverBudget(
            "output",
            f"the document would be larger than {_size(self.output)}"
            " (render_output_limit in the configuration)",
        )


class OverBudget(BaseException):
    """Raised inside a rendering that spent a budget.

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` on its way out of
    the template (in Jinja2, in a filter) swallows it.
    """

    def __init__(self, budget: str, detail: str) -> None:
        super().__init__(f"over the {budget} budget: {detail}")


class BudgetError(RenderError):
    """A rendering stopped because it spent its time, memory or output budget (exit 1)."""


class RenderCrash(RuntimeError):
    """The rendering process failed for a reason that is not the template's: a bug of ours."""


def bounded_output(chunks: Iterator[str], budget: RenderBudget) -> str:
    """The generated document, stopped where it passes the output budget (in UTF-8 bytes).

    The OverBudget is thrown into the template's generator, so that it is raised at the
    template line that was printing. Characters are counted until there are enough of them
    that their UTF-8 form (up to 4 bytes each) could pass the budget, bytes from there on.
    """
    parts: list[str] = []
    append = parts.append
    count = 0
    quarter = budget.output // 4
    for chunk in chunks:
        append(chunk)
        count += len(chunk)
        if count > quarter:
            break
    else:
        return "".join(parts)
    size = sum(len(p.encode("utf-8", "surrogatepass")) for p in parts)
    for chunk in itertools.chain([""], chunks):
        size += len(chunk) if chunk.isascii() else len(chunk.encode("utf-8", "surrogatepass"))
        if size > budget.output:
            over = budget.over_output()
            if isinstance(chunks, Generator):
                chunks.throw(over)
            raise over
        append(chunk)
    return "".join(parts)


def run_bounded(
    work: Callable[[], Output], budget: RenderBudget, label: str, *, isolate: bool | None = None
) -> Output:
    """``work()`` held to the time and memory budgets: its text (or bytes), or its RenderError.

    ``work`` turns its own failures into located RenderErrors; what is added here is a
    BudgetError naming ``label`` (the template) when the rendering had to be stopped from the
    outside. ``isolate`` (default: on Linux) runs it in a forked child.
    """
    if not (_FORK if isolate is None else isolate):
        return _in_process(work, budget, label)
    read_end, write_end = os.pipe()
    gc.freeze()  # the child then leaves the parent's objects alone: fewer pages copied
    try:
        pid = os.fork()
    except OSError as exc:  # no process left to fork (EAGAIN) or no memory for one
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        _log.warning(
            "cannot start a process for the rendering (%s): rendering in this process,"
            " without its memory budget",
            exc.strerror,
        )
        return _in_process(work, budget, label)
    if pid == 0:
        _child(work, budget, label, read_end, write_end)
    gc.unfreeze()
    os.close(write_end)
    child = _Child(pid)
    try:
        reply = child.collect(read_end, budget.seconds + GRACE_SECONDS)
    finally:
        os.close(read_end)
        child.stop()
    # The child replies with what ``work`` returned, text or bytes, tagged as such.
    return cast(Output, _answer(reply, child.status, budget, label))


# -- the parent ---------------------------------------------------------------------------------


class _Child:
    """A forked child: its reply, its exit status, and killing it when it overruns."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.status: int | None = None

    def collect(self, pipe: int, seconds: float) -> bytes | None:
        """Everything the child writes, then its exit; None when it overran ``seconds``."""
        deadline = time.monotonic() + seconds
        chunks: list[bytes] = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                return None
            chunk = os.read(pipe, MiB)
            if not chunk:
                break
            chunks.append(chunk)
        self.status = os.waitpid(self.pid, 0)[1]
        return b"".join(chunks)

    def stop(self) -> None:
        """Kill and reap the child unless it was reaped (its pid may then be another's)."""
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitpid(self.pid, 0)[1]


def _answer(
    reply: bytes | None, status: int | None, budget: RenderBudget, label: str
) -> str | bytes:
    if reply is None:
        raise BudgetError(f"{label}: {budget.over_time()}")
    code = os.waitstatus_to_exitcode(status if status is not None else 0)
    if code == 0 and reply:
        if reply[:1] == _DATA:
            return reply[1:]
        tag, text = reply[:1], reply[1:].decode("utf-8", "surrogatepass")
        if tag == _OK:
            return text
        if tag == _TEMPLATE:
            raise RenderError(text)
        if tag == _BUDGET:
            raise BudgetError(text)
        raise RenderCrash(f"the rendering process failed:\n{text}")
    if code in (-signal.SIGXCPU, -signal.SIGKILL):  # RLIMIT_CPU's signals
        raise BudgetError(f"{label}: {budget.over_time()}")
    if code == _OUT_OF_MEMORY:
        raise BudgetError(f"{label}: {budget.over_memory()}")
    if code == _OUT_OF_TIME:
        raise BudgetError(f"{label}: {budget.over_time()}")
    if code < 0:
        raise RenderError(f"{label}: the rendering stopped with signal {_signal_name(-code)}")
    raise RenderCrash(f"the rendering process exited with {code} without an answer")


def _in_process(work: Callable[[], Output], budget: RenderBudget, label: str) -> Output:
    """Without fork: only the time budget, and only from the main thread (SIGALRM)."""
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _interrupt(budget))
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        return work()
    except OverBudget as exc:
        raise BudgetError(f"{label}: {exc}") from None
    except MemoryError:
        raise BudgetError(f"{label}: {budget.over_memory()}") from None
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


# -- the child ----------------------------------------------------------------------------------

_OUT_OF_MEMORY, _OUT_OF_TIME = 71, 72  # the child's exit codes when it could not even reply


def _child(
    work: Callable[[], str | bytes],
    budget: RenderBudget,
    label: str,
    read_end: int,
    write_end: int,
) -> NoReturn:
    """Run ``work`` held to the budget, send the outcome, and leave without running anything
    of the parent's (no ``atexit``, no buffers flushed twice)."""
    code = 70
    try:
        os.close(read_end)
        reserve = mmap.mmap(-1, _RESERVE)  # address space, never touched: it costs no memory
        _hold_to(budget)
        reply = _reply(work, budget, label, reserve)
        view = memoryview(reply)
        while view:
            view = view[os.write(write_end, view) :]
        code = 0
    except MemoryError:
        code = _OUT_OF_MEMORY
    except OverBudget:  # SIGXCPU while replying
        code = _OUT_OF_TIME
    finally:
        os._exit(code)


def _hold_to(budget: RenderBudget) -> None:
    import resource

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)  # the parent's handlers clean up the parent's files
    sys.unraisablehook = _ignore  # an interruption inside a finaliser is nobody's business
    signal.signal(signal.SIGALRM, _interrupt(budget))
    signal.signal(signal.SIGXCPU, _interrupt(budget))
    cpu = math.ceil(budget.seconds) + 1
    _lower(resource.RLIMIT_CPU, cpu, cpu + 1)
    _one_malloc_arena()
    _lower(resource.RLIMIT_AS, _address_space() + budget.memory)
    signal.setitimer(signal.ITIMER_REAL, budget.seconds)


_M_ARENA_MAX = -8  # glibc's mallopt parameter


def _one_malloc_arena() -> None:
    """Every thread allocates from the one malloc arena.

    glibc gives each new thread an arena of its own, reserving 64 MiB of address space at a
    time: under ``RLIMIT_AS`` the threads a C library starts (Pango sorting fonts inside
    WeasyPrint) would spend the memory budget on reservations and fail to start, and the
    library then crashes. Elsewhere than glibc there is nothing to do."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(ctypes.c_int(_M_ARENA_MAX), ctypes.c_int(1))


def _reply(
    work: Callable[[], str | bytes], budget: RenderBudget, label: str, reserve: mmap.mmap
) -> bytes:
    """The outcome of ``work`` as the parent reads it: a tag byte, then the text or bytes."""
    try:
        try:
            made = work()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except BudgetError as exc:
        return _BUDGET + _encode(str(exc))
    except RenderError as exc:
        return _TEMPLATE + _encode(str(exc))
    except OverBudget as exc:
        return _BUDGET + _encode(f"{label}: {exc}")
    except MemoryError:
        reserve.close()
        return _BUDGET + _encode(f"{label}: {budget.over_memory()}")
    except BaseException:
        return _CRASH + _encode(traceback.format_exc())
    return _DATA + made if isinstance(made, bytes) else _OK + _encode(made)


def _interrupt(budget: RenderBudget) -> Callable[[int, FrameType | None], None]:
    def out_of_time(signum: int, frame: FrameType | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.25)  # and again, should something swallow it
        raise budget.over_time()

    return out_of_time


def _lower(limit: int, soft: int, hard: int | None = None) -> None:
    import resource

    _, current = resource.getrlimit(limit)
    hard = soft if hard is None else hard
    if current != resource.RLIM_INFINITY:
        hard = min(hard, current)
    resource.setrlimit(limit, (min(soft, hard), hard))


def _address_space() -> int:
    """The process's virtual memory size now, in bytes (Linux: /proc/self/statm)."""
    with open("/proc/self/statm", "rb") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:  # a real-time signal
        return str(number)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _ignore(_: object) -> None:
    return None


def _size(count: int) -> str:
    for unit, factor in (("MiB", MiB), ("KiB", 1024)):
        if count >= factor:
            return f"{count / factor:.4g} {unit}"
    return f"{count} bytes"
