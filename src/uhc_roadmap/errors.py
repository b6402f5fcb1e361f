"""The one error hierarchy: what the tool expects to go wrong, and the exit code each means.

The core raises these and never prints; the CLI catches :class:`UhcRoadmapError` once, in
``cli/app.py``, prints it and exits with its ``exit_code``. Anything else that escapes is a bug
in uhc-roadmap and exits with :data:`INTERNAL_ERROR`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from uhc_roadmap.diagnostics import FileResult

OK = 0
FINDINGS = 1
USAGE = 2
INTERNAL_ERROR = 70
"""sysexits' EX_SOFTWARE: "an internal software error has been detected"."""
INTERRUPTED = 130
"""128 + SIGINT, as a shell reports a process stopped by Ctrl-C."""
TERMINATED = 143
"""128 + SIGTERM; SIGHUP gives 129 (:class:`Terminated`)."""


class UhcRoadmapError(Exception):
    """An expected failure: one message (possibly several lines) and an exit code."""

    exit_code: ClassVar[int] = USAGE
    kind: ClassVar[str] = "error"
    """How the message is introduced: ``uhc-roadmap: error: …``."""
    located: ClassVar[bool] = False
    """True when the message already names file and line, so it is printed as it stands."""


class UsageError(UhcRoadmapError):
    """The command cannot run as asked: a bad option, path, configuration or revision (2)."""

    exit_code = USAGE


class FindingsError(UhcRoadmapError):
    """The input was read, and what it says stops the command: findings, a template error (1)."""

    exit_code = FINDINGS


class InvalidRoadmaps(FindingsError):
    """Roadmaps with validation errors, given to a command that needs valid ones.

    The CLI prints their diagnostics on standard error, then ``message`` as the last line.
    """

    def __init__(self, results: list[FileResult], message: str = "fix the errors above first"):
        super().__init__(message)
        self.results = results


class Bug(UhcRoadmapError):
    """A check the tool makes of its own output failed: a bug, reported as such (70)."""

    exit_code = INTERNAL_ERROR
    kind = "internal error"


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived (``timeout``, ``docker stop``, a CI cancellation, a closed
    terminal). Raised wherever the process is, as Ctrl-C raises ``KeyboardInterrupt``, so that
    every ``finally`` runs (a temporary file removed, worker processes stopped); ``cli/app.py``
    installs the handler and exits ``128 + signal number``.

    A ``BaseException``, like ``KeyboardInterrupt``: an ``except Exception`` does not swallow it.
    """

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(name)
        self.signum = signum
        self.name = name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
