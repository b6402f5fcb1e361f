"""Inline suppression: ``# uhc-roadmap: disable=B001,Q`` in a roadmap's comments.

At the end of a line the directive silences those codes on that line; alone on a line before
the first key it silences them for the whole file. A directive that silenced nothing is kept
so that ``--warn-unused-ignores`` can say so: stale suppressions hide the next real finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from uhc_roadmap.diagnostics import Diagnostic, builtin_finding
from uhc_roadmap.suggest import did_you_mean

UNUSED_CODE = "Y013"
MARKER = "uhc-roadmap:"
_DIRECTIVE = re.compile(
    r"(?:^|\s)#\s*uhc-roadmap:\s*disable\s*=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
)
_CODE = re.compile(r"[A-Za-z0-9]+")


@dataclass(slots=True)
class Entry:
    """One code of a directive, where it is written, and whether it silenced anything."""

    code: str
    col: int
    used: bool = False


@dataclass(slots=True)
class Directive:
    line: int
    whole_file: bool
    alone: bool
    entries: list[Entry] = field(default_factory=list)

    def silences(self, diagnostic: Diagnostic) -> bool:
        if not (self.whole_file or diagnostic.line == self.line):
            return False
        matched = [e for e in self.entries if diagnostic.code.startswith(e.code)]
        for entry in matched:
            entry.used = True
        return bool(matched)


def parse(text: str) -> list[Directive]:
    """Every directive in the text; those alone above the first key apply to the whole file."""
    found: list[Directive] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        alone = stripped.startswith("#")
        if stripped and not alone and not stripped.startswith(("---", "%")):
            in_header = False
        match = _DIRECTIVE.search(line)
        if match is not None:
            entries = [
                Entry(m[0], match.start("codes") + m.start() + 1)
                for m in _CODE.finditer(match["codes"])
            ]
            found.append(Directive(number, in_header and alone, alone, entries))
    return found


def apply(diagnostics: Iterable[Diagnostic], directives: list[Directive]) -> list[Diagnostic]:
    """The diagnostics that no directive silences."""
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        silenced = [d.silences(diagnostic) for d in directives]  # every match counts as used
        if not any(silenced):
            kept.append(diagnostic)
    return kept


def unused(
    directives: list[Directive], file: str, known: Iterable[str], enabled: frozenset[str]
) -> Iterator[Diagnostic]:
    """A Y013 warning for each code of a directive that silenced nothing."""
    codes = sorted(known)
    for directive in directives:
        for entry in directive.entries:
            if entry.used:
                continue
            message, hint = _why_unused(directive, entry, codes, enabled)
            yield builtin_finding(UNUSED_CODE, file, directive.line, entry.col, message, hint)


def _why_unused(
    directive: Directive, entry: Entry, codes: list[str], enabled: frozenset[str]
) -> tuple[str, str]:
    code = entry.code
    if not any(known.startswith(code) for known in codes):
        hint = did_you_mean(
            code.upper(), codes, otherwise="`uhc-roadmap rules` lists the codes", cutoff=0.5
        )
        return f"`disable={code}`: no rule has the code `{code}`", hint
    if directive.alone and not directive.whole_file:
        return (
            f"`disable={code}` is alone on its line, so it silences nothing",
            "put it at the end of the line it should silence, or at the top of the file "
            "before the first key to silence the whole file",
        )
    scope = "in this file" if directive.whole_file else "on this line"
    idle = "" if any(c.startswith(code) for c in enabled) else f" ({code} is not enabled)"
    return f"`disable={code}` silenced nothing {scope}{idle}", "remove it"
