"""What the commands say on the terminal, without Typer: colour, notes and output.

Kept apart from ``common.py`` (which declares Typer options) so that a warm ``validate``
(``warm.py``) can print exactly what the full command prints without importing Typer.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.formats import Rendered


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def use_color(choice: ColorChoice, stream: TextIO) -> bool:
    """Colour on a terminal only, unless NO_COLOR / FORCE_COLOR or --color say otherwise."""
    if choice is ColorChoice.ALWAYS:
        return True
    if choice is ColorChoice.NEVER or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def note(message: str) -> None:
    """A remark on standard error that leaves standard output to the report."""
    print(f"uhc-roadmap: {message}", file=sys.stderr)


WARNINGS = "uhc-roadmap-warnings"


def print_diagnostics(results: list[FileResult]) -> None:
    """Findings as ``validate`` prints them in text, on standard error."""
    from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

    text = DIAGNOSTIC_FORMATS.get("text")(
        DiagnosticOptions(color=use_color(ColorChoice.AUTO, sys.stderr))
    )
    sys.stderr.write(text.render(results))


def route_warnings() -> None:
    """What the core logs (a skipped path) reaches the user as one line on standard error."""
    import logging

    class Warnings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warn(record.getMessage())

    core_log = logging.getLogger("uhc_roadmap")
    if not any(h.get_name() == WARNINGS for h in core_log.handlers):
        handler = Warnings(logging.WARNING)
        handler.set_name(WARNINGS)
        core_log.addHandler(handler)
        core_log.propagate = False


def warn(message: str) -> None:
    print(f"uhc-roadmap: warning: {message}", file=sys.stderr)


def emit(content: Rendered, output: Path | None) -> None:
    """Print to standard output, or write atomically to ``output``."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from uhc_roadmap.output import write_atomic

    write_atomic(output, content)
