"""Markdown: a findings table for a pull-request comment or a GitHub step summary."""

from __future__ import annotations

import html
import re

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity, Summary
from uhc_roadmap.reporters.base import Reporter, visible
from uhc_roadmap.reporters.text import summary_line

_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~#])")


def cell(text: str) -> str:
    """Text safe inside a table cell: no HTML, no stray Markdown, no line breaks.

    Messages quote names in backticks; those code spans are kept, with only ``|`` escaped
    (GitHub reads ``\\|`` inside a code span in a table as a literal bar).
    """
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unbalanced backtick: no code spans at all
        parts = [text]
    escaped = [
        f"`{part.replace('|', chr(92) + '|')}`" if i % 2 else _plain(part)
        for i, part in enumerate(parts)
    ]
    joined = "".join(escaped)
    return visible(joined.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>"))


def _plain(text: str) -> str:
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


class MarkdownReporter(Reporter):
    name = "markdown"
    extension = ".md"

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
        where = cell(f"{d.file}:{d.line}:{d.col}")
        return f"| {_ICONS[d.severity]} | {where} | {d.code} | {message} |"
