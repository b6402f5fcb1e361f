"""JSON: a stable, documented structure (docs/output-formats.md), version 1.

File names are exact (``formats.json_text``): a script can open the file a finding names.
"""

from __future__ import annotations

from typing import Any

from uhc_roadmap import __version__
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Summary
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat
from uhc_roadmap.formats.json_text import dumps

FORMAT_VERSION = 1


class JsonFormat(DiagnosticFormat):
    name = "json"

    def render(self, results: list[FileResult]) -> str:
        summary = Summary.of(results)
        document = {
            "format_version": FORMAT_VERSION,
            "tool": {"name": "uhc-roadmap", "version": __version__},
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
            },
            "files": [
                {
                    "file": r.file,
                    "valid": not r.has_errors,
                    "diagnostics": [_diagnostic(d) for d in r.diagnostics],
                }
                for r in results
            ],
        }
        return dumps(document)


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    """A finding; one in a workbook also has its ``cell`` (``line`` and ``col`` its row and
    column)."""
    found: dict[str, Any] = {
        "code": d.code,
        "severity": d.severity.value,
        "line": d.line,
        "col": d.col,
        "message": d.message,
        "hint": d.hint,
    }
    if d.cell:
        found["cell"] = d.cell
    return found
