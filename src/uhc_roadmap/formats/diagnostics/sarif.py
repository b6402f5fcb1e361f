"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

Only the rules that produced a result are described, so the log stays small; ``ruleIndex``
points into that list. Columns count Unicode code points, as the loader does.

What GitHub code scanning asks of a log, and how this one meets it:

- every result has a location: ``artifactLocation.uri`` is the file's path from the repository
  root with ``uriBaseId: "%SRCROOT%"`` (declared in ``originalUriBaseIds``), whatever the
  working directory or the form of the path; a file outside the repository is an absolute
  ``file:`` URI, and standard input is ``<stdin>`` (percent-encoded);
- ``partialFingerprints.primaryLocationLineHash``, as GitHub computes it (``fingerprints.py``),
  so that an alert survives lines added above it;
- ``tool.driver.informationUri`` and each rule's ``helpUri`` are absolute, from the project's
  home recorded once in pyproject.toml's ``[project.urls]``;
- at most 25,000 results per run: beyond that the most severe are kept and a tool notification
  says how many were left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from uhc_roadmap import __version__
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat
from uhc_roadmap.formats.diagnostics.fingerprints import line_hashes
from uhc_roadmap.formats.diagnostics.locations import (
    STDIN,
    absolute,
    repository_path,
    repository_root,
)

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
MAX_RESULTS = 25_000  # GitHub code scanning's limit per run
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_URL_LABELS = ("source", "repository", "homepage")
_SAFE = "/-._~!$&'()*+,;=:@"  # RFC 3986 pchar and '/', left as they are


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


def file_uri(path: str) -> str:
    """An absolute ``file:`` URI, percent-encoded (a name's undecodable bytes as they are)."""
    return "file://" + quote(path, safe=_SAFE, errors="surrogateescape")


def artifact_location(file: str, root: Path, cwd: Path | None = None) -> dict[str, str]:
    """The file relative to the repository root (``%SRCROOT%``), or an absolute URI."""
    if file == STDIN:
        return {"uri": quote(STDIN, safe=_SAFE)}
    inside = repository_path(file, root, cwd)
    if inside is None:
        return {"uri": file_uri(absolute(file, cwd).as_posix())}
    return {"uri": quote(inside, safe=_SAFE, errors="surrogateescape"), "uriBaseId": SRCROOT}


class SarifFormat(DiagnosticFormat):
    name = "sarif"

    def render(self, results: list[FileResult]) -> str:
        findings = [d for r in results for d in r.diagnostics]
        kept = findings
        if len(findings) > MAX_RESULTS:
            ranked = sorted(range(len(findings)), key=lambda i: _ORDER[findings[i].severity])
            kept = [findings[i] for i in sorted(ranked[:MAX_RESULTS])]
        codes = sorted({d.code for d in kept})
        index = {code: i for i, code in enumerate(codes)}
        repository = repository_url()
        root = self.options.root or repository_root()
        driver: dict[str, object] = {
            "name": "uhc-roadmap",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [self._rule(code, repository) for code in codes],
        }
        if repository:
            driver["informationUri"] = repository
        hashes = _Hashes(self.options.sources)
        run: dict[str, object] = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {
                SRCROOT: {"uri": file_uri(absolute(str(root)).as_posix() + "/")}
            },
            "columnKind": "unicodeCodePoints",
            "results": [self._result(d, index[d.code], root, hashes) for d in kept],
        }
        if len(kept) < len(findings):
            left = len(findings) - len(kept)
            run["invocations"] = [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [
                        {
                            "level": "warning",
                            "message": {
                                "text": f"{left} of {len(findings)} findings are left out: "
                                f"GitHub code scanning accepts at most {MAX_RESULTS:,} results "
                                "per run; the most severe are kept. Run `uhc-roadmap validate` "
                                "for all of them."
                            },
                        }
                    ],
                }
            ]
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
    def _result(d: Diagnostic, rule_index: int, root: Path, hashes: _Hashes) -> dict[str, object]:
        text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        location = {
            "artifactLocation": artifact_location(d.file, root),
            "region": {"startLine": d.line, "startColumn": d.col},
        }
        place: dict[str, object] = {"physicalLocation": location}
        if d.cell:  # a workbook's cell: the region is its row and column
            place["logicalLocations"] = [{"fullyQualifiedName": d.cell, "kind": "element"}]
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": rule_index,
            "level": _LEVELS[d.severity],
            "message": {"text": text},
            "locations": [place],
        }
        line_hash = hashes.of(d.file, d.line)
        if line_hash is not None:
            result["partialFingerprints"] = {"primaryLocationLineHash": line_hash}
        return result


class _Hashes:
    """Each source's line hashes, computed once per file and only for files with findings."""

    def __init__(self, sources: Mapping[str, bytes]) -> None:
        self._sources = sources
        self._done: dict[str, dict[int, str]] = {}

    def of(self, file: str, line: int) -> str | None:
        if file not in self._sources:
            return None
        if file not in self._done:
            self._done[file] = line_hashes(self._sources[file].decode("utf-8", "replace"))
        return self._done[file].get(line)


def _description(documentation: str) -> str:
    """The docstring's prose: everything before the ``Bad:`` example."""
    kept: list[str] = []
    for line in documentation.splitlines():
        if line.strip() == "Bad:":
            break
        kept.append(line)
    return "\n".join(kept).strip()
