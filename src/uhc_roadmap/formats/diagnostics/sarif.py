"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

Only the rules that produced a result are described, so the log stays small; ``ruleIndex``
points into that list. Columns count Unicode code points, as the loader does.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import PurePosixPath
from urllib.parse import quote

from uhc_roadmap import __version__
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
STDIN = "<stdin>"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_URL_LABELS = ("repository", "source", "homepage")


def repository_url() -> str | None:
    """The project's repository from the installed package's metadata (``[project.urls]``)."""
    try:
        entries = metadata.metadata("uhc-roadmap").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    pairs = (entry.partition(",") for entry in entries)
    urls = {label.strip().lower(): url.strip() for label, _, url in pairs}
    return next((urls[label].rstrip("/") for label in _URL_LABELS if label in urls), None)


def help_uri(code: str, name: str, repository: str | None) -> str:
    """The rule's section of docs/rules.md, whose headings read ``### B001 spent-above-planned``."""
    page = f"docs/rules.md#{code.lower()}-{name}"
    return f"{repository}/blob/main/{page}" if repository else page


def artifact_uri(file: str) -> str:
    """A relative URI with forward slashes for relative paths, a file: URI for absolute ones."""
    path = PurePosixPath(file.replace("\\", "/").removeprefix("./"))
    if path.is_absolute():
        return "file://" + quote(path.as_posix())
    return quote(path.as_posix())


class SarifFormat(DiagnosticFormat):
    name = "sarif"

    def render(self, results: list[FileResult]) -> str:
        findings = [d for r in results for d in r.diagnostics]
        codes = sorted({d.code for d in findings})
        index = {code: i for i, code in enumerate(codes)}
        repository = repository_url()
        driver: dict[str, object] = {
            "name": "uhc-roadmap",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [self._rule(code, repository) for code in codes],
        }
        if repository:
            driver["informationUri"] = repository
        run = {
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": [self._result(d, index[d.code]) for d in findings],
        }
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

    @staticmethod
    def _rule(code: str, repository: str | None) -> dict[str, object]:
        from uhc_roadmap.rules import RULES_BY_CODE

        rule = RULES_BY_CODE.get(code)
        if rule is None:  # a code from a newer catalogue than this reporter knows
            return {"id": code, "shortDescription": {"text": code}}
        documentation = rule.documentation()
        return {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": _description(documentation)},
            "help": {"text": documentation},
            "helpUri": help_uri(code, rule.name, repository),
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            "properties": {"tags": [rule.family]},
        }

    @staticmethod
    def _result(d: Diagnostic, rule_index: int) -> dict[str, object]:
        text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": rule_index,
            "level": _LEVELS[d.severity],
            "message": {"text": text},
        }
        if d.file != STDIN:
            location = {
                "artifactLocation": {"uri": artifact_uri(d.file)},
                "region": {"startLine": d.line, "startColumn": d.col},
            }
            place: dict[str, object] = {"physicalLocation": location}
            if d.cell:  # a workbook's cell: the region is its row and column
                place["logicalLocations"] = [{"fullyQualifiedName": d.cell, "kind": "element"}]
            result["locations"] = [place]
        return result


def _description(documentation: str) -> str:
    """The docstring's prose: everything before the ``Bad:`` example."""
    kept: list[str] = []
    for line in documentation.splitlines():
        if line.strip() == "Bad:":
            break
        kept.append(line)
    return "\n".join(kept).strip()
