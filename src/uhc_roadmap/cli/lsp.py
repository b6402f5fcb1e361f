"""``uhc-roadmap lsp``: the language server, for editors (docs/editors.md)."""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import Annotated

import typer

from uhc_roadmap.errors import UsageError

EXTRA = "pygls", "lsprotocol", "cattrs", "attrs"
"""The packages of the `lsp` extra (and theirs): without them the command cannot start."""


def lsp(
    tcp: Annotated[
        int | None,
        typer.Option(
            "--tcp",
            metavar="PORT",
            min=1,
            max=65535,
            help="Listen on 127.0.0.1:PORT for one editor instead of talking over standard "
            "input and output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the language server: the findings of `validate` as you type, completion, hover,
    go to definition, rename, quick fixes and formatting in any editor that speaks LSP.

    Needs the `lsp` extra: pip install 'uhc-roadmap[lsp]'. Exit 0 after the editor's
    shutdown and exit, 1 when it goes away without them.
    """
    try:
        from uhc_roadmap.lsp.server import serve_stdio, serve_tcp
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in EXTRA:
            raise
        raise UsageError(
            "`uhc-roadmap lsp` needs pygls 2 and lsprotocol: pip install 'uhc-roadmap[lsp]'"
        ) from None
    _log_to_stderr()
    _end_on_signals()
    if tcp is not None:
        raise typer.Exit(serve_tcp(tcp))
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # the protocol owns standard output: a stray print goes to stderr
    try:
        code = serve_stdio(sys.stdin.buffer, stdout)
    finally:
        sys.stdout = sys.__stdout__
    raise typer.Exit(code)


def _end_on_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP end the server at once, with one line and 128 + the signal.

    The server writes no file (its edits go to the editor), so there is nothing to clean up;
    left to Python, the interruption lands in whichever of pygls's threads and loops is running,
    which may swallow it or wait on the editor's pipe. A signal the caller ignores stays ignored.
    """

    def stop(number: int, _frame: object) -> None:
        os.write(2, f"uhc-roadmap: lsp stopped by {signal.Signals(number).name}\n".encode())
        os._exit(128 + number)

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, stop)


def _log_to_stderr() -> None:
    """Warnings and errors of the server and of pygls, one line each, where editors show a
    language server's log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("uhc-roadmap lsp: %(levelname)s: %(message)s"))
    for name in ("uhc_roadmap.lsp", "pygls"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
