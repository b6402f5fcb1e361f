"""Compiler-style text: ``path:line:col: CODE severity: message``, the hint beneath."""

from __future__ import annotations

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity, Summary
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat, shown_name, visible

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


class TextFormat(DiagnosticFormat):
    name = "text"

    def render(self, results: list[FileResult]) -> str:
        lines: list[str] = []
        for result in results:
            for diagnostic in result.diagnostics:
                lines.extend(self._diagnostic(diagnostic))
            if self.options.verbose and not result.diagnostics:
                lines.append(f"{shown_name(result.file)}: ok")
        if not self.options.quiet:
            lines.append(self._paint("1", summary_line(Summary.of(results))))
        return "\n".join(lines) + ("\n" if lines else "")

    def _diagnostic(self, d: Diagnostic) -> list[str]:
        where = self._paint("1", f"{shown_name(d.where)}:")
        what = self._paint(_COLORS[d.severity], f"{d.code} {d.severity.value}:")
        out = [f"{where} {what} {visible(d.message)}"]
        if d.hint and not self.options.quiet:
            out.append(self._paint("2", f"    hint: {visible(d.hint)}"))
        return out

    def _paint(self, sgr: str, text: str) -> str:
        return f"\x1b[{sgr}m{text}\x1b[0m" if self.options.color else text


def summary_line(summary: Summary) -> str:
    files = _plural(summary.files, "file")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"{files} checked: no problems."
    parts = [
        _plural(summary.errors, "error"),
        _plural(summary.warnings, "warning"),
        _plural(summary.infos, "info", "infos"),
    ]
    return f"{files} checked: " + ", ".join(parts) + "."


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"
