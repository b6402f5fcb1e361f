"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

Values are escaped as the runner reads them (actions/toolkit ``command.ts``). GitHub shows at
most 10 annotations of each level per step, so ``validate`` also writes a Markdown summary of
every finding to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity, Summary
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat, shown_name
from uhc_roadmap.formats.diagnostics.text import summary_line

STDIN = "<stdin>"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation_path(file: str, workspace: str | None) -> str:
    """Relative to the repository, as GitHub matches annotations to the files of a diff."""
    path = PurePath(file)
    if path.is_absolute() and workspace and path.is_relative_to(workspace):
        path = path.relative_to(workspace)
    return path.as_posix().removeprefix("./")


class GithubFormat(DiagnosticFormat):
    name = "github"

    def render(self, results: list[FileResult]) -> str:
        workspace = os.environ.get("GITHUB_WORKSPACE")
        lines = [self.command(d, workspace) for r in results for d in r.diagnostics]
        if not self.options.quiet:
            lines.append(summary_line(Summary.of(results)))
        return "\n".join(lines) + ("\n" if lines else "")

    @staticmethod
    def command(d: Diagnostic, workspace: str | None = None) -> str:
        properties = []
        if d.file != STDIN:
            where = escape_property(annotation_path(shown_name(d.file), workspace))
            properties = [f"file={where}", f"line={d.line}", f"col={d.col}"]
        title = f"{d.code} {d.cell}" if d.cell else d.code
        properties.append(f"title={escape_property(title)}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        return f"::{_LEVELS[d.severity]} {','.join(properties)}::{escape_data(message)}"
