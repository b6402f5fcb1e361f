"""The Typer application: one module per command, imported lazily by the commands themselves."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated

import typer

from uhc_roadmap import __version__
from uhc_roadmap.cli.cache import cache
from uhc_roadmap.cli.common import ExitCode, print_diagnostics
from uhc_roadmap.cli.diff import diff
from uhc_roadmap.cli.edit import record, set_
from uhc_roadmap.cli.export import export
from uhc_roadmap.cli.fmt import fmt
from uhc_roadmap.cli.import_ import import_
from uhc_roadmap.cli.lsp import lsp
from uhc_roadmap.cli.new import new
from uhc_roadmap.cli.regions import regions
from uhc_roadmap.cli.render import render
from uhc_roadmap.cli.report import report
from uhc_roadmap.cli.rules import rules
from uhc_roadmap.cli.schema import schema
from uhc_roadmap.cli.site import site
from uhc_roadmap.cli.terminal import route_warnings
from uhc_roadmap.cli.validate import validate
from uhc_roadmap.errors import Bug, InvalidRoadmaps, Terminated, UhcRoadmapError

app = typer.Typer(
    name="uhc-roadmap",
    help="Validate, report on and render UHC partnership roadmaps kept as YAML files.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion: Typer imports its completion code anyway
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich help formatting costs ~70 ms of start-up
    context_settings={"help_option_names": ["-h", "--help"]},
)
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"uhc-roadmap {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for internal errors.")
    ] = False,
) -> None:
    """Validate, report on and render UHC partnership roadmaps kept as YAML files."""
    _state["debug"] = debug


# In the order a user meets them: check, report, render, review a change, start, look up.
app.command()(validate)
app.command()(report)
app.command()(cache)
app.command()(render)
app.command()(diff)
app.command()(export)
app.command(name="import")(import_)
app.command()(site)
app.command(name="set")(set_)
app.command()(record)
app.command()(fmt)
app.command()(lsp)
app.command()(new)
app.command()(rules)
app.command()(regions)
app.command()(schema)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: every expected error is printed once, here, with its exit code;
    anything else is a bug, said to be one, never a traceback unless --debug asks.

    SIGTERM and SIGHUP stop the command as Ctrl-C does: whatever it was doing is cleaned up
    (no temporary file, no worker process left), then the exit code is 128 + the signal.
    """
    route_warnings()
    with _stop_signals():
        try:
            return _run(argv)
        except Terminated as exc:
            _say(f"uhc-roadmap: terminated by {exc.name}")
            return exc.exit_code


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="uhc-roadmap")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else ExitCode.USAGE
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130
            print("uhc-roadmap: interrupted", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        print("uhc-roadmap: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except UhcRoadmapError as exc:
        return _expected(exc)
    except Exception as exc:  # an internal error: a bug in uhc-roadmap, not in the input
        return _internal(exc, debug=_state["debug"] or "--debug" in (argv or sys.argv))
    return ExitCode.OK


STOP_SIGNALS = ("SIGTERM", "SIGHUP")
"""Signals that stop a command the way Ctrl-C does (SIGHUP does not exist on Windows)."""


@contextmanager
def _stop_signals() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP raise :class:`Terminated` where the process
    is. A signal the caller ignores (``nohup``) stays ignored; the old handlers come back."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; embedded callers keep theirs
        return
    wanted = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    previous = {number: signal.getsignal(number) for number in wanted}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, _terminate)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # A second signal must not interrupt the clean-up the first one started.
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signum, signal.Signals(signum).name)


def _say(message: str) -> None:
    """A last line on standard error, which may be gone (SIGHUP: the terminal closed)."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)


def _expected(exc: UhcRoadmapError) -> int:
    """An error the tool expects: the findings behind it (if any), then one message."""
    if isinstance(exc, InvalidRoadmaps):
        print_diagnostics(exc.results)
    message = str(exc) if exc.located else f"uhc-roadmap: {exc.kind}: {exc}"
    print(message, file=sys.stderr)
    if isinstance(exc, Bug):
        print("This is a bug in uhc-roadmap; please report it.", file=sys.stderr)
    return exc.exit_code


def _internal(exc: Exception, *, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    else:
        print(
            f"uhc-roadmap: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in uhc-roadmap; rerun with --debug for the traceback and report it.",
            file=sys.stderr,
        )
    return ExitCode.INTERNAL
