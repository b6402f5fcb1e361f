"""Formats of validation findings (``validate --format``), registered by name.

Each class turns the same ``FileResult`` list into one output; the registry imports only the
one chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uhc_roadmap.formats.registry import FormatInfo, Registry

if TYPE_CHECKING:  # the registry is read at start-up; a format's code only when it runs
    from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat

_HERE = "uhc_roadmap.formats.diagnostics"
DIAGNOSTIC_FORMATS: Registry[DiagnosticFormat] = Registry(
    "--format",
    [
        FormatInfo("text", f"{_HERE}.text:TextFormat", "file:line:col lines", (".txt",)),
        FormatInfo("json", f"{_HERE}.json:JsonFormat", "for scripts", (".json",)),
        FormatInfo("github", f"{_HERE}.github:GithubFormat", "GitHub Actions annotations"),
        FormatInfo("sarif", f"{_HERE}.sarif:SarifFormat", "code scanning", (".sarif",)),
        FormatInfo("gitlab", f"{_HERE}.gitlab:GitlabFormat", "GitLab Code Quality"),
        FormatInfo("junit", f"{_HERE}.junit:JunitFormat", "test reports", (".xml",)),
        FormatInfo("markdown", f"{_HERE}.markdown:MarkdownFormat", "a table", (".md",)),
    ],
)

__all__ = ["DIAGNOSTIC_FORMATS"]
