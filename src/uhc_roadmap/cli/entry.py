"""The console entry point: a warm ``validate`` answered from the cache, else the command.

``main`` is what ``uhc-roadmap`` and ``python -m uhc_roadmap`` run. Most runs of the tool in
pre-commit and editors find every answer in the cache; ``cli/warm.py`` answers those without
importing Typer, pydantic, PyYAML or Rich. A ``validate`` it does not answer but whose
arguments it parsed (its parser agrees with Typer's on every form it takes, a test holds it)
runs the command function directly; everything else goes to the Typer app (``cli/app.py``).

pydantic's plugins are not looked for (``PYDANTIC_DISABLE_PLUGINS``, unless the environment
sets it): finding them reads every installed package's entry points through
``importlib.metadata`` (~10 ms), for plugins that instrument applications, not a tool's
checks. Typer turns them off for its own parameters the same way.

Before the process ends, the objects it made are frozen (``gc.freeze``): the interpreter's
final collections then skip them, which saved a fifth of a short run (docs/performance.md).
Output is complete by then (each format is written and flushed by ``emit``), worker
processes are gone (``bulk.workers`` shuts its pool down) and exit handlers still run.
"""

from __future__ import annotations

import gc
import os
import sys

from uhc_roadmap.errors import INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["validate"]:
        code = _validate(args)
        if code is not None:
            return code
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from uhc_roadmap.cli.app import main as full

    return full(argv)


def _validate(args: list[str]) -> int | None:
    """A ``validate`` answered from the cache, or run without Typer's parser when ``warm``
    parses it; None: Typer parses it."""
    try:
        from uhc_roadmap.cli import warm

        code = warm.answer(args)
    except KeyboardInterrupt:
        print("uhc-roadmap: interrupted", file=sys.stderr)
        return INTERRUPTED
    if code is not None:
        return code
    params = warm.parse_command(args)
    if params is None or not warm.runnable(params):
        return None
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    return warm.run(params)


def console() -> int:
    """``uhc-roadmap`` on the command line: ``main``, then the exit without a final sweep."""
    code = main()
    gc.freeze()
    return code
