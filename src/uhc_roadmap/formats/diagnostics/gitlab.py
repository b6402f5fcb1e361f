"""GitLab Code Quality: a JSON array of issues, shown in the merge request's Code Quality widget
and beside the diff (``artifacts: reports: codequality:`` in .gitlab-ci.yml).

Each issue has the fields GitLab requires: ``description``, ``check_name`` (the rule code),
``fingerprint`` (unique in the report: GitLab shows only the first issue of a fingerprint, and
compares fingerprints between the source and target branches), ``severity`` (``major`` for an
error, ``minor`` for a warning, ``info``) and ``location`` (``path`` from the repository root,
``lines.begin``; the Code Climate format GitLab reads allows ``lines`` or ``positions``, not
both, and the column would not show). The fingerprint hashes the rule, the path, the column and the
content of the line (not its number, nor the message, which may quote line numbers), so an unchanged finding keeps its fingerprint when lines are added
above it and the widget does not report it as new.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat
from uhc_roadmap.formats.diagnostics.fingerprints import line_hashes
from uhc_roadmap.formats.diagnostics.locations import (
    STDIN,
    absolute,
    repository_path,
    repository_root,
)

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabFormat(DiagnosticFormat):
    name = "gitlab"

    def render(self, results: list[FileResult]) -> str:
        root = self.options.root or repository_root()
        issues: list[dict[str, object]] = []
        used: set[str] = set()
        for result in results:
            hashes = self._hashes(result.file)
            for d in result.diagnostics:
                path = self._path(d.file, root)
                content = hashes.get(d.line, f"line {d.line}")
                fingerprint = _unique(_digest(d, path, content), used)
                issues.append(self._issue(d, path, fingerprint))
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

    def _hashes(self, file: str) -> dict[int, str]:
        raw = self.options.sources.get(file)
        return line_hashes(raw.decode("utf-8", "replace")) if raw is not None else {}

    @staticmethod
    def _path(file: str, root: Path) -> str:
        if file == STDIN:
            return STDIN
        inside = repository_path(file, root)
        return inside if inside is not None else absolute(file).as_posix()

    @staticmethod
    def _issue(d: Diagnostic, path: str, fingerprint: str) -> dict[str, object]:
        description = d.message + (f" (hint: {d.hint})" if d.hint else "")
        return {
            "type": "issue",
            "description": description,
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.severity],
            "location": {"path": path, "lines": {"begin": d.line}},
        }


def _digest(d: Diagnostic, path: str, content: str) -> str:
    key = "\0".join((d.code, path, content, str(d.col)))
    return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def _unique(fingerprint: str, used: set[str]) -> str:
    """The same finding twice on one line keeps both issues: the second one's key is rehashed."""
    found = fingerprint
    while found in used:
        found = hashlib.md5(found.encode("ascii"), usedforsecurity=False).hexdigest()
    used.add(found)
    return found
