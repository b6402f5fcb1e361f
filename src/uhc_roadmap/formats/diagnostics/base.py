"""The reporter interface: every output format consumes the same FileResults."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from uhc_roadmap.diagnostics import FileResult

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters as ``\\xNN``: a key or file name holding ESC must not drive the
    terminal, and a line break must not split a ``file:line:col:`` line in two."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


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
