"""``validate``'s findings as LSP diagnostics: same code, severity, message and hint, placed at
the same line and column, linked to the rule's section of the rules documentation.

A finding has a start; its range ends where the value (or key) written there ends on that line,
so that the editor underlines the word that is wrong rather than one character.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from lsprotocol import types

from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.lsp.analysis import Checked
from uhc_roadmap.lsp.project import Project
from uhc_roadmap.lsp.text import TextDocument

SOURCE = "uhc-roadmap"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_FORGE_HOSTS = ("github.com", "gitlab.com", "codeberg.org")
_FLOW_END = re.compile(r"\s*(?:[,\]}]|#|$)|:(?:\s|$)|\s+#")
_BLOCK_END = re.compile(r":(?:\s|$)|\s+#|\s*$", re.MULTILINE)


def to_lsp(checked: Checked, doc: TextDocument) -> list[types.Diagnostic]:
    """Every finding of ``checked`` as an LSP diagnostic in ``doc`` (the same text)."""
    return [convert(d, checked, doc) for d in checked.result.diagnostics]


def span(checked: Checked, finding: Diagnostic) -> tuple[int, int]:
    """Where a finding starts and ends in the editor's text (character offsets)."""
    start = checked.offset(finding.line, finding.col)
    return start, token_end(checked.text, start)


def convert(finding: Diagnostic, checked: Checked, doc: TextDocument) -> types.Diagnostic:
    """One finding of ``checked`` as an LSP diagnostic."""
    start, end = span(checked, finding)
    message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
    href = rule_link(finding.code)
    return types.Diagnostic(
        range=doc.lsp_range(start, end),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"line": finding.line, "col": finding.col, "hint": finding.hint},
    )


def configuration_problem(project: Project, doc: TextDocument) -> list[types.Diagnostic]:
    """The one diagnostic of a document whose configuration cannot be read: ``validate``
    checks nothing then (exit 2), and neither does the server."""
    problem = project.problem
    if problem is None:
        return []
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=Path(p.file).resolve().as_uri(),
                range=types.Range(
                    start=types.Position(line=max(p.line - 1, 0), character=max(p.col - 1, 0)),
                    end=types.Position(line=max(p.line - 1, 0), character=max(p.col - 1, 0)),
                ),
            ),
            message=p.message + (f" (hint: {p.hint})" if p.hint else ""),
        )
        for p in problem.problems
        if p.file
    ]
    return [
        types.Diagnostic(
            range=doc.lsp_range(0, 0),
            message=f"the configuration cannot be read, so nothing is checked:\n{problem}",
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
            related_information=related or None,
        )
    ]


def token_end(text: str, start: int) -> int:
    """Where the value or key written at ``start`` ends, on its line: a quoted scalar at its
    closing quote, a flow collection at its closing bracket, a plain scalar before ``: ``,
    a comment, or (in a flow collection) the next ``,``, ``]`` or ``}``."""
    line_end = _line_end(text, start)
    if start >= line_end:
        return start
    first = text[start]
    if first in "\"'":
        return _quoted_end(text, start, line_end)
    if first in "[{":
        return _bracket_end(text, start, line_end)
    pattern = _FLOW_END if _in_flow(text, start) else _BLOCK_END
    found = pattern.search(text, start, line_end)
    end = found.start() if found is not None else line_end
    return end if end > start else min(start + 1, line_end)


def _line_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return min(ends, default=len(text))


def _quoted_end(text: str, start: int, line_end: int) -> int:
    quote = text[start]
    index = start + 1
    while index < line_end:
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and index + 1 < line_end and text[index + 1] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return line_end


def _bracket_end(text: str, start: int, line_end: int) -> int:
    depth = 0
    index = start
    while index < line_end:
        char = text[index]
        if char in "\"'":
            index = _quoted_end(text, index, line_end)
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return start + 1


def _in_flow(text: str, offset: int) -> bool:
    """True when ``offset`` is inside a ``[...]`` or ``{...}`` opened earlier on its line."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    depth = 0
    index = line_start
    while index < offset:
        char = text[index]
        if char in "\"'" and (index == line_start or text[index - 1] in " \t[{,:"):
            index = _quoted_end(text, index, offset)
            continue
        if char == "#" and (index == line_start or text[index - 1] in " \t"):
            return False
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return depth > 0


# -- links to the rules' documentation ---------------------------------------------------------


def rule_link(code: str) -> str | None:
    """The address of a rule's section in the rules documentation (None for a code that
    names no rule, or when no documentation can be found)."""
    from uhc_roadmap.rules import RULES_BY_CODE

    rule = RULES_BY_CODE.get(code)
    page = rules_page()
    if rule is None or page is None:
        return None
    return f"{page}#{code.lower()}-{rule.name}"


@cache
def rules_page() -> str | None:
    """Where docs/rules.md is published: from the package's project URLs when it has them,
    else the file beside the source (a checkout), else nowhere."""
    try:
        urls = metadata.metadata("uhc-roadmap").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    return rules_page_from(urls, Path(__file__).resolve().parents[3] / "docs" / "rules.md")


def rules_page_from(project_urls: list[str], local: Path) -> str | None:
    """The rules page from ``Project-URL`` entries (``"Documentation, https://..."``): the
    documentation folder's ``rules.md``, or ``docs/rules.md`` in a source repository on a
    code forge; else the local file when it exists."""
    labelled: dict[str, str] = {}
    for entry in project_urls:
        label, _, url = entry.partition(",")
        labelled[label.strip().casefold()] = url.strip().rstrip("/")
    documentation = labelled.get("documentation")
    if documentation and _on_forge(documentation):
        return documentation.replace("/tree/", "/blob/", 1) + "/rules.md"
    for label in ("source", "repository", "homepage"):
        source = labelled.get(label)
        if source and _on_forge(source) and len(urlsplit(source).path.strip("/").split("/")) == 2:
            return f"{source}/blob/HEAD/docs/rules.md"
    return local.as_uri() if local.is_file() else None


def _on_forge(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname in _FORGE_HOSTS
