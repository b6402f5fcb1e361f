"""The budgets of a rendering: the forked child, its time and memory limits, the output count."""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from uhc_roadmap.render.budget import (
    GRACE_SECONDS,
    BudgetError,
    MiB,
    OverBudget,
    RenderBudget,
    RenderCrash,
    bounded_output,
    run_bounded,
)
from uhc_roadmap.render.errors import RenderError

ISOLATION = [
    pytest.param(
        True, id="forked", marks=pytest.mark.skipif(sys.platform != "linux", reason="Linux")
    ),
    pytest.param(False, id="in-process"),
]


def spin() -> str:
    while True:
        pass


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("isolate", ISOLATION)
def test_the_text_comes_back_whole(isolate: bool) -> None:
    text = "é\ud800 " * 100_000  # not ASCII, not even valid UTF-8: as the template made it
    assert run_bounded(lambda: text, RenderBudget(), "t", isolate=isolate) == text


@pytest.mark.parametrize("isolate", ISOLATION)
@pytest.mark.parametrize(
    "error", [RenderError("t.md.j2:3: undefined: x"), BudgetError("t.md.j2:1: over")]
)
def test_errors_of_the_rendering_come_back_as_they_were(isolate: bool, error: RenderError) -> None:
    def fail() -> str:
        raise error

    with pytest.raises(type(error)) as caught:
        run_bounded(fail, RenderBudget(), "t", isolate=isolate)
    assert type(caught.value) is type(error)
    assert str(caught.value) == str(error)


@pytest.mark.parametrize("isolate", ISOLATION)
def test_the_time_budget_stops_pure_python_work(isolate: bool) -> None:
    start = time.monotonic()
    with pytest.raises(BudgetError, match=r"^t\.md\.j2: over the time budget: .* after 0\.3 s"):
        run_bounded(spin, RenderBudget(seconds=0.3), "t.md.j2", isolate=isolate)
    assert time.monotonic() - start < 2
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.skipif(sys.platform != "linux", reason="the watchdog is the forked child's")
def test_a_child_that_swallows_the_interruption_is_killed() -> None:
    def stubborn() -> str:
        while True:
            with contextlib.suppress(BaseException):  # what a hostile extension could do
                spin()

    start = time.monotonic()
    with pytest.raises(BudgetError, match="over the time budget"):
        run_bounded(stubborn, RenderBudget(seconds=0.2), "t", isolate=True)
    assert time.monotonic() - start < 0.2 + GRACE_SECONDS + 2
    assert no_child_left()


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS in the forked child")
@pytest.mark.parametrize(
    "allocate",
    [
        lambda: bytearray(200 * MiB),  # one allocation past the budget
        lambda: [bytearray(MiB) for _ in range(200)],  # many small ones
    ],
    ids=["at-once", "step-by-step"],
)
def test_the_memory_budget_stops_allocations(allocate: Callable[[], object]) -> None:
    def greedy() -> str:
        return str(len(allocate()))  # type: ignore[arg-type]

    with pytest.raises(BudgetError, match=r"^t: over the memory budget: .* more than 64 MiB"):
        run_bounded(greedy, RenderBudget(memory=64 * MiB), "t", isolate=True)
    assert run_bounded(lambda: str(len(bytearray(32 * MiB))), RenderBudget(memory=64 * MiB), "t")


@pytest.mark.skipif(sys.platform != "linux", reason="the forked child")
def test_threads_of_the_child_allocate_within_the_budget() -> None:
    """Threads a C library starts (Pango's, inside WeasyPrint) allocate from one malloc arena:
    with an arena each, glibc reserved 64 MiB of address space per thread, and `site` with
    PDFs crashed in one run out of two (SIGSEGV, SIGTRAP, "Error creating thread")."""

    def threaded() -> str:
        held: list[list[bytes]] = []
        together = threading.Barrier(8)

        def work() -> None:  # small blocks come from malloc, in the thread's arena
            held.append([bytes(2000) for _ in range(100)])
            together.wait(timeout=10)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return str(sum(len(block) for blocks in held for block in blocks))

    assert run_bounded(threaded, RenderBudget(), "t") == str(8 * 100 * 2000)  # the default 256 MiB


@pytest.mark.skipif(sys.platform != "linux", reason="the forked child")
def test_a_bug_in_the_child_is_an_internal_error_with_its_traceback() -> None:
    def buggy() -> str:
        raise ValueError("a bug of ours")

    with pytest.raises(RenderCrash, match=r"(?s)Traceback.*ValueError: a bug of ours"):
        run_bounded(buggy, RenderBudget(), "t", isolate=True)


@pytest.mark.skipif(sys.platform != "linux", reason="the forked child")
def test_a_child_killed_by_a_signal_is_told() -> None:
    def killed() -> str:
        os.kill(os.getpid(), signal.SIGUSR1)
        return spin()

    with pytest.raises(RenderError, match=r"^t: the rendering stopped with signal SIGUSR1$"):
        run_bounded(killed, RenderBudget(), "t", isolate=True)
    assert no_child_left()


@pytest.mark.skipif(sys.platform != "linux", reason="the forked child")
def test_the_child_never_returns_into_the_caller() -> None:
    parent = os.getpid()
    pids: list[int] = []

    def record() -> str:
        pids.append(os.getpid())
        return "done"

    assert run_bounded(record, RenderBudget(), "t", isolate=True) == "done"
    assert pids == []  # the append happened in the child only
    assert os.getpid() == parent
    assert no_child_left()


def test_when_no_process_can_be_forked_the_rendering_runs_here_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    warnings: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("uhc_roadmap.render.budget")
    logger.addHandler(handler)
    monkeypatch.setattr(os, "fork", no_fork)
    try:
        assert run_bounded(lambda: "done", RenderBudget(), "t", isolate=True) == "done"
    finally:
        logger.removeHandler(handler)
    assert warnings == [
        "cannot start a process for the rendering (Resource temporarily unavailable):"
        " rendering in this process, without its memory budget"
    ]
    assert gc.get_freeze_count() == 0  # the parent's objects are collectable again


def chunks(*parts: str) -> Iterator[str]:
    yield from parts


def test_output_within_the_budget_is_joined() -> None:
    assert (
        bounded_output(chunks("a", "b" * 8, "c"), RenderBudget(output=10)) == "ab" + "b" * 7 + "c"
    )
    assert bounded_output(chunks("é" * 5), RenderBudget(output=10)) == "é" * 5


@pytest.mark.parametrize(
    "parts",
    [("a" * 6, "b" * 5), ("é" * 5, "x"), ("x" * 100,), ("\U0001f600" * 2, "é" * 2)],
)
def test_output_past_the_budget_stops_in_the_generator(parts: tuple[str, ...]) -> None:
    seen: list[str] = []

    def generate() -> Iterator[str]:
        for part in parts:
            try:
                yield part
            except OverBudget:
                seen.append(part)  # raised where the template was printing
                raise

    with pytest.raises(
        OverBudget, match=r"over the output budget: the document would be larger than 10 bytes"
    ):
        bounded_output(generate(), RenderBudget(output=10))
    assert seen == [parts[-1]]


def test_budget_messages_name_their_configuration_key() -> None:
    budget = RenderBudget(seconds=2.5, memory=3 * MiB, output=1536)
    assert str(budget.over_time()).endswith(
        "still running after 2.5 s (render_time_limit in the configuration)"
    )
    assert "more than 3 MiB of memory (render_memory_limit" in str(budget.over_memory())
    assert "larger than 1.5 KiB (render_output_limit" in str(budget.over_output())
