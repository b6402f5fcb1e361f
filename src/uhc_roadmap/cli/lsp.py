"""``uhc-roadmap lsp``: the language server, for editors (docs/editors.md)."""

from __future__ import annotations

import logging
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
    if tcp is not None:
        raise typer.Exit(serve_tcp(tcp))
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # the protocol owns standard output: a stray print goes to stderr
    try:
        code = serve_stdio(sys.stdin.buffer, stdout)
    finally:
        sys.stdout = sys.__stdout__
    raise typer.Exit(code)


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
