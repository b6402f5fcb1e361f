"""The validation pipeline: bytes -> strict YAML -> model -> rules -> diagnostics.

This is the core entry point used by every command; it never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.loading import SourceMap, load_document
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.model import Roadmap
from uhc_roadmap.rules import RULES_BY_CODE, SEMANTIC_RULES, Finding, Rule
from uhc_roadmap.rules.context import RuleContext


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and at which severity (from configuration and command-line options)."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, dict[str, Any]] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        chosen = not self.select or any(code.startswith(s) for s in self.select)
        return chosen and not any(code.startswith(i) for i in self.ignore)

    def severity(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


@dataclass(frozen=True)
class ValidationOptions:
    selection: RuleSelection = field(default_factory=RuleSelection)
    limits: Limits = field(default_factory=Limits)
    as_of: date | None = None


@dataclass
class CheckedFile:
    """A file's diagnostics, and its roadmap when the file is structurally valid."""

    result: FileResult
    roadmap: Roadmap | None = None
    source_map: SourceMap | None = None
    text: str | None = None


def check_bytes(raw: bytes, file: str, options: ValidationOptions | None = None) -> CheckedFile:
    """Validate one file's content. ``file`` is the name used in diagnostics."""
    from uhc_roadmap.model.validate import build_roadmap

    options = options or ValidationOptions()
    loaded = load_document(raw, file, options.limits)
    diagnostics = list(loaded.diagnostics)
    roadmap: Roadmap | None = None
    if loaded.data is not None and loaded.text is not None:
        roadmap, problems = build_roadmap(loaded.data, loaded.source_map, file, loaded.text)
        diagnostics.extend(problems)
    if roadmap is not None:
        diagnostics.extend(run_rules(roadmap, loaded.source_map, file, options))
    kept = _apply_selection(diagnostics, options.selection)
    result = FileResult(file, sorted(kept, key=lambda d: d.sort_key))
    return CheckedFile(result, roadmap, loaded.source_map, loaded.text)


def run_rules(
    roadmap: Roadmap, source_map: SourceMap, file: str, options: ValidationOptions
) -> list[Diagnostic]:
    """Run every enabled semantic rule over a structurally valid roadmap."""
    ctx = RuleContext(
        roadmap,
        source_map,
        options.as_of or roadmap.reference_date(),
        dict(options.selection.options),
    )
    found: list[Diagnostic] = []
    for rule_class in SEMANTIC_RULES:
        if options.selection.enabled(rule_class.code):
            found.extend(_locate(rule_class, rule_class().check(ctx), source_map, file))
    return found


def _locate(
    rule: type[Rule], findings: Iterable[Finding], source_map: SourceMap, file: str
) -> Iterable[Diagnostic]:
    for finding in findings:
        line, col = source_map.position(finding.path, key=finding.at_key)
        yield Diagnostic(rule.code, rule.severity, file, line, col, finding.message, finding.hint)


def _apply_selection(diagnostics: list[Diagnostic], selection: RuleSelection) -> list[Diagnostic]:
    kept = []
    for d in diagnostics:
        if not selection.enabled(d.code):
            continue
        severity = selection.severity(d.code, d.severity)
        if severity is not d.severity:
            d = Diagnostic(d.code, severity, d.file, d.line, d.col, d.message, d.hint)
        kept.append(d)
    return kept


def rule_exists(code: str) -> bool:
    return code in RULES_BY_CODE
