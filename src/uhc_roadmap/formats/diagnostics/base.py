"""The reporter interface: every output format consumes the same FileResults."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.discovery import printable
from uhc_roadmap.formats.terminal import safe


def visible(text: str) -> str:
    """Control characters as ``\\xNN``, bidirectional controls as ``\\uNNNN``: a message
    holding ESC must not drive the terminal, U+202E must not reverse what follows, and a
    line break must not split a ``file:line:col:`` line in two."""
    return safe(text, one_line=True)


def shown_name(file: str) -> str:
    """A file name as a person reads it: the exact name travels in ``Diagnostic.file`` (and
    JSON), but a terminal, a log or an XML report gets undecodable bytes, controls and
    invisible characters as escapes (``bad\\xff \\x1b[31m.yaml``)."""
    return printable(file)


@dataclass(frozen=True)
class DiagnosticOptions:
    """``strict``: warnings fail the run, so formats with a pass/fail notion count them too.

    ``max_rows`` bounds table formats (GitHub refuses step summaries over 1 MiB).

    ``root``: the repository root that code-scanning formats (sarif, gitlab) make paths relative
    to (default: found from the working directory, ``locations.repository_root``).
    ``sources``: each checked file's bytes by its name, from which those formats compute line
    fingerprints that survive edits elsewhere in the file.
    """

    color: bool = False
    verbose: bool = False
    quiet: bool = False
    strict: bool = False
    max_rows: int | None = None
    root: Path | None = None
    sources: Mapping[str, bytes] = field(default_factory=dict)


class DiagnosticFormat(ABC):
    name: str

    def __init__(self, options: DiagnosticOptions | None = None) -> None:
        self.options = options or DiagnosticOptions()

    @abstractmethod
    def render(self, results: list[FileResult]) -> str:
        """The whole report as text; the CLI decides where it goes."""
