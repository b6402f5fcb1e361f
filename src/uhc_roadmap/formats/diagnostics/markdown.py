"""Markdown: a findings table for a pull-request comment or a GitHub step summary."""

from __future__ import annotations

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity, Summary
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat, shown_name, visible
from uhc_roadmap.formats.diagnostics.text import summary_line
from uhc_roadmap.formats.markdown import with_code

_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


def cell(text: str) -> str:
    """Text safe inside a table cell: no HTML, no stray Markdown, no line breaks.

    Messages quote names in backticks; those stay code spans. A line break in a message
    becomes ``<br>``, the one HTML a GFM table cell needs.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(visible(with_code(line)) for line in lines)


class MarkdownFormat(DiagnosticFormat):
    name = "markdown"

    def render(self, results: list[FileResult]) -> str:
        summary = Summary.of(results)
        failed = summary.errors or (self.options.strict and summary.warnings)
        lines = ["### uhc-roadmap", "", ("❌ " if failed else "✅ ") + summary_line(summary)]
        findings = [d for r in results for d in r.diagnostics]
        shown = findings[: self.options.max_rows] if self.options.max_rows else findings
        if shown:
            lines += ["", "| Severity | Location | Code | Message |", "|---|---|---|---|"]
            lines += [self._row(d) for d in shown]
        if len(shown) < len(findings):
            lines += ["", f"… and {len(findings) - len(shown)} more findings not shown."]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _row(d: Diagnostic) -> str:
        message = cell(d.message) + (f"<br>*hint: {cell(d.hint)}*" if d.hint else "")
        where = cell(shown_name(d.where))
        return f"| {_ICONS[d.severity]} | {where} | {d.code} | {message} |"
