"""How every command ends: each expected error printed once with its exit code, anything else
a bug said to be one (a traceback only with --debug), SIGTERM and SIGHUP handled as Ctrl-C.

Used by the Typer application (``app.main``) and by the common ``validate`` invocations that
``entry.py`` runs without Typer's parser, so both end alike. Imports no Typer.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from uhc_roadmap.cli.terminal import route_warnings
from uhc_roadmap.errors import (
    INTERNAL_ERROR,
    INTERRUPTED,
    Bug,
    InvalidRoadmaps,
    Terminated,
    UhcRoadmapError,
)

STOP_SIGNALS = ("SIGTERM", "SIGHUP")
"""Signals that stop a command the way Ctrl-C does (SIGHUP does not exist on Windows)."""


def guarded(run: Callable[[], int], *, debug: Callable[[], bool], warnings: bool = True) -> int:
    """``run()``'s exit code, with every expected error printed once and its code returned;
    ``debug()`` says whether an internal error shows its traceback. ``warnings``: what the
    core logs goes to standard error (``terminal.route_warnings``; a warm run holds its own).

    SIGTERM and SIGHUP stop the command as Ctrl-C does: whatever it was doing is cleaned up
    (no temporary file, no worker process left), then the exit code is 128 + the signal.
    """
    if warnings:
        route_warnings()
    with stop_signals():
        try:
            try:
                return run()
            except KeyboardInterrupt:
                print("uhc-roadmap: interrupted", file=sys.stderr)
                return INTERRUPTED
            except UhcRoadmapError as exc:
                return expected(exc)
            except Exception as exc:  # an internal error: a bug in uhc-roadmap, not the input
                return internal(exc, debug=debug())
        except Terminated as exc:
            say(f"uhc-roadmap: terminated by {exc.name}")
            return exc.exit_code


@contextmanager
def stop_signals() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP raise :class:`Terminated` where the process
    is. A signal the caller ignores (``nohup``) stays ignored; the old handlers come back."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; embedded callers keep theirs
        return
    wanted = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    previous = {number: signal.getsignal(number) for number in wanted}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, terminate)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def terminate(signum: int, frame: FrameType | None) -> None:
    # A second signal must not interrupt the clean-up the first one started.
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signum, signal.Signals(signum).name)


def say(message: str) -> None:
    """A last line on standard error, which may be gone (SIGHUP: the terminal closed)."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def expected(exc: UhcRoadmapError) -> int:
    """An error the tool expects: the findings behind it (if any), then one message."""
    if isinstance(exc, InvalidRoadmaps):
        from uhc_roadmap.cli.terminal import print_diagnostics

        print_diagnostics(exc.results)
    message = str(exc) if exc.located else f"uhc-roadmap: {exc.kind}: {exc}"
    print(message, file=sys.stderr)
    if isinstance(exc, Bug):
        print("This is a bug in uhc-roadmap; please report it.", file=sys.stderr)
    return exc.exit_code


def internal(exc: Exception, *, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    else:
        print(
            f"uhc-roadmap: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in uhc-roadmap; rerun with --debug for the traceback and report it.",
            file=sys.stderr,
        )
    return INTERNAL_ERROR
