"""A worker never outlives its parent: the kernel's parent-death signal, else a watching thread."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time

import pytest

from uhc_roadmap.bulk import workers

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def exit_status_of(child: object) -> int:
    """Run ``child()`` in a forked process; its exit status (a child that returns exits 0)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            child()  # type: ignore[operator]
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_worker_whose_parent_is_already_gone_ends_at_once() -> None:
    assert exit_status_of(lambda: workers.die_with_parent(os.getppid() + 1)) == 1


def test_without_a_death_signal_a_thread_watches_the_parent() -> None:
    def child() -> None:
        workers._death_signal = lambda: False
        workers.PARENT_POLL_SECONDS = 0.01
        workers.die_with_parent(os.getppid())
        os.getppid = lambda: 1  # adopted by init: the parent died
        time.sleep(10)

    started = time.monotonic()
    assert exit_status_of(child) == 1
    assert time.monotonic() - started < 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_linux_arms_the_parent_death_signal() -> None:
    """PR_GET_PDEATHSIG (2) reads back what the worker armed: SIGKILL."""

    def child() -> None:
        armed = workers._death_signal()
        number = ctypes.c_int(0)
        ctypes.CDLL(None).prctl(2, ctypes.byref(number), 0, 0, 0)
        os._exit(number.value if armed else 3)

    assert exit_status_of(child) == signal.SIGKILL
