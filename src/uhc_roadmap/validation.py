"""The validation pipeline: bytes -> strict YAML -> model -> rules -> diagnostics.

This is the core entry point used by every command; it never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from uhc_roadmap import suppression
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.loading import LoadedDocument, load_document
from uhc_roadmap.loading.loader import Limits

if TYPE_CHECKING:  # the models and rules are imported when a file is checked, not before:
    # a run whose results all come from the cache never pays for building them
    from uhc_roadmap.loading import SourceMap
    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.model.partial import Withheld
    from uhc_roadmap.rules import Finding, Rule


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and at which severity (from configuration and command-line options).

    Entries are codes or their prefixes (``Q``, ``B00``). Where ``select`` and ``ignore`` both
    match a code, the longer (more specific) entry wins, and ``ignore`` wins a tie. For
    ``severities`` the longest matching entry wins.
    """

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, dict[str, Any]] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select) if self.select else 0
        return chosen is not None and not self.ignored(code)

    def ignored(self, code: str) -> bool:
        """Switched off by ``ignore`` (not merely left out of ``select``)."""
        dropped = _longest(code, self.ignore)
        return dropped is not None and dropped >= (_longest(code, self.select) or 0)

    def severity(self, code: str, default: Severity) -> Severity:
        best = max((p for p in self.severities if code.startswith(p)), key=len, default=None)
        return default if best is None else self.severities[best]


def _longest(code: str, prefixes: Iterable[str]) -> int | None:
    return max((len(p) for p in prefixes if code.startswith(p)), default=None)


@dataclass(frozen=True)
class ValidationOptions:
    selection: RuleSelection = field(default_factory=RuleSelection)
    limits: Limits = field(default_factory=Limits)
    as_of: date | None = None
    warn_unused_ignores: bool = False


@dataclass
class CheckedFile:
    """A file's diagnostics, and its roadmap when the file is structurally valid.

    ``checked`` is the roadmap the rules ran on: the whole one, or, when some activities,
    indicators, organisations or axes did not validate, the others (None when no rule ran).
    """

    result: FileResult
    roadmap: Roadmap | None = None
    source_map: SourceMap | None = None
    text: str | None = None
    checked: Roadmap | None = None

    def depends_on_today(self, options: ValidationOptions) -> bool:
        """Whether rules measured against today's date (no ``as_of`` given anywhere)."""
        return options.as_of is None and self.checked is not None and self.checked.as_of is None


def check_bytes(raw: bytes, file: str, options: ValidationOptions | None = None) -> CheckedFile:
    """Validate one file's content. ``file`` is the name used in diagnostics."""
    options = options or ValidationOptions()
    return check_loaded(load_document(raw, file, options.limits), file, options)


def check_loaded(
    loaded: LoadedDocument, file: str, options: ValidationOptions | None = None
) -> CheckedFile:
    """Validate a file already loaded (the edit engine loads what it writes to check it).

    The rules run on every part that validated: on the whole roadmap, or, when errors lie in
    some items only, on the others (``model.partial``), so that one run shows every finding.
    """
    from uhc_roadmap.model.validate import build_roadmap

    options = options or ValidationOptions()
    checks = list(loaded.diagnostics)
    findings: list[Diagnostic] = []
    roadmap: Roadmap | None = None
    checked: Roadmap | None = None
    if loaded.data is not None and loaded.text is not None:
        built = build_roadmap(loaded.data, loaded.source_map, file, loaded.text)
        checks.extend(built.problems)
        roadmap = checked = built.roadmap
        if roadmap is not None:
            findings = run_rules(roadmap, loaded.source_map, file, options)
        elif built.partial is not None:
            checked = built.partial.roadmap
            findings = run_rules(
                checked, built.partial.source_map, file, options, built.partial.withheld
            )
    kept = _finalise(
        superseded_removed(checks),
        findings,
        loaded.text,
        file,
        options,
        readable=roadmap is not None,
    )
    result = FileResult(file, sorted(kept, key=lambda d: d.sort_key))
    return CheckedFile(result, roadmap, loaded.source_map, loaded.text, checked)


def prepare() -> None:
    """Import the models and rules and read the code lists now, before worker processes are
    forked: each then starts with them in memory instead of loading them again."""
    from uhc_roadmap.model import codes
    from uhc_roadmap.model.validate import build_roadmap
    from uhc_roadmap.rules import SEMANTIC_RULES
    from uhc_roadmap.rules.context import RuleContext

    del build_roadmap, SEMANTIC_RULES, RuleContext
    for check in (codes.is_country, codes.is_currency, codes.is_language):
        check("")  # reads the code list once
    codes.subdivision_codes("")


def run_rules(
    roadmap: Roadmap,
    source_map: SourceMap,
    file: str,
    options: ValidationOptions,
    withheld: Withheld | None = None,
) -> list[Diagnostic]:
    """Run every enabled semantic rule over a structurally valid roadmap (or the valid parts
    of one, with what the parts left out define in ``withheld``)."""
    from uhc_roadmap.model.partial import Withheld
    from uhc_roadmap.rules import SEMANTIC_RULES
    from uhc_roadmap.rules.context import RuleContext

    ctx = RuleContext(
        roadmap,
        source_map,
        options.as_of or roadmap.reference_date(),
        dict(options.selection.options),
        withheld or Withheld(),
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


def superseded_removed(checks: list[Diagnostic]) -> list[Diagnostic]:
    """The loader's and the model's findings, without a Y009 warning where the model refuses
    the same value: ``key: yes`` is a schema error whose hint says ``true``, which is worth
    more than the loader's advice to quote it."""
    if not any(d.code == "Y009" for d in checks):
        return checks
    refused = {(d.line, d.col) for d in checks if d.code.startswith("S")}
    return [d for d in checks if d.code != "Y009" or (d.line, d.col) not in refused]


def _finalise(
    checks: list[Diagnostic],
    findings: list[Diagnostic],
    text: str | None,
    file: str,
    options: ValidationOptions,
    *,
    readable: bool,
) -> list[Diagnostic]:
    """Selection, severities and inline suppressions, applied after every check has run.

    ``checks`` are the loader's and the model's, ``findings`` the rules'. Errors that stopped
    a file from being read as a roadmap are kept as they are: silencing them would let a
    broken file pass with none of its other rules checked. Unused suppressions are reported
    only when every rule ran on the whole file.
    """
    blocking = [] if readable else [d for d in checks if d.severity is Severity.ERROR]
    rest = [d for d in checks if readable or d.severity is not Severity.ERROR]
    rest = _apply_selection(rest + findings, options.selection)
    if text is not None and suppression.MARKER in text:
        directives = suppression.parse(text)
        rest = suppression.apply(rest, directives)
        if options.warn_unused_ignores and readable:
            rest.extend(_unused(directives, file, options.selection))
    return blocking + rest


def _unused(
    directives: list[suppression.Directive], file: str, selection: RuleSelection
) -> list[Diagnostic]:
    """Y013 findings: asked for by a flag, so ``select`` need not name Y013 (``ignore`` may)."""
    from uhc_roadmap.rules import RULES_BY_CODE

    if selection.ignored(suppression.UNUSED_CODE):
        return []
    enabled = frozenset(code for code in RULES_BY_CODE if selection.enabled(code))
    found = suppression.unused(directives, file, RULES_BY_CODE, enabled)
    return [_relevel(d, selection) for d in found]


def _apply_selection(diagnostics: list[Diagnostic], selection: RuleSelection) -> list[Diagnostic]:
    return [_relevel(d, selection) for d in diagnostics if selection.enabled(d.code)]


def _relevel(d: Diagnostic, selection: RuleSelection) -> Diagnostic:
    severity = selection.severity(d.code, d.severity)
    if severity is d.severity:
        return d
    return Diagnostic(d.code, severity, d.file, d.line, d.col, d.message, d.hint, d.cell)
