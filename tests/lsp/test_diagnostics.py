"""validate's findings as LSP diagnostics: same codes, severities, messages and hints, at the
same line and column (0-based, in UTF-16 code units), linked to the rules documentation."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.conftest import FIXTURES, ROADMAPS
from tests.lsp.client import position
from uhc_roadmap.config import ConfigError, ConfigProblem
from uhc_roadmap.lsp.analysis import check
from uhc_roadmap.lsp.diagnostics import (
    configuration_problem,
    rule_link,
    rules_page_from,
    to_lsp,
    token_end,
)
from uhc_roadmap.lsp.project import Project
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.validation import ValidationOptions, check_bytes

CASES = sorted((FIXTURES / "invalid").glob("*.yaml"))
MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")


def utf8_cases() -> list[Path]:
    found = []
    for path in CASES:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # an editor holds text, not bytes: a Latin-1 file is another test's
        found.append(path)
    return found


def served(text: str) -> list[types.Diagnostic]:
    return to_lsp(check(text, "roadmap.yaml", ValidationOptions(), 1), TextDocument("u", text))


def expected_start(text: str, line: int, col: int) -> dict[str, int]:
    """validate's 1-based (line, column in characters) as an LSP position, counted by hand."""
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + col - 1
    return position(text, offset)


@pytest.mark.parametrize("path", utf8_cases(), ids=lambda p: p.stem)
def test_every_finding_of_validate_is_a_diagnostic_at_its_place(path: Path) -> None:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    result = check_bytes(raw, "roadmap.yaml").result
    diagnostics = served(text)
    assert [d.code for d in diagnostics] == [f.code for f in result.diagnostics]
    for finding, diagnostic in zip(result.diagnostics, diagnostics, strict=True):
        start = diagnostic.range.start
        assert {"line": start.line, "character": start.character} == expected_start(
            text, finding.line, finding.col
        )
        assert diagnostic.message.split("\nhint: ")[0] == finding.message
        if finding.hint:
            assert diagnostic.message.endswith(f"\nhint: {finding.hint}")
        assert (
            diagnostic.severity
            == {
                "error": types.DiagnosticSeverity.Error,
                "warning": types.DiagnosticSeverity.Warning,
                "info": types.DiagnosticSeverity.Information,
            }[finding.severity.value]
        )
        assert diagnostic.source == "uhc-roadmap"


def test_a_finding_after_accents_and_an_emoji_is_placed_in_utf16_code_units() -> None:
    text = MOROCCO.replace(
        '  - id: MS\n    name: {fr: "Ministère de la Santé", en: "Ministry of Health", ar: "وزارة الصحة"}\n'
        "    type: government",
        '  - {id: MS, name: "Ministère de la Santé 🏥", type: gouvernemental}',
    )
    [diagnostic] = served(text)
    line = next(n for n, x in enumerate(text.split("\n")) if "🏥" in x)
    column = text.split("\n")[line].index("gouvernemental")
    assert diagnostic.code == "S004"
    assert diagnostic.range.start == types.Position(line=line, character=column + 1)
    assert diagnostic.range.end == types.Position(line=line, character=column + 1 + 14)


def test_a_line_separator_counts_as_a_line_for_yaml_but_not_for_the_editor() -> None:
    text = MOROCCO.replace("# Copy this file", "# Copy\u2028this file", 1)
    [diagnostic] = served(text)
    finding = check_bytes(text.encode(), "x").result.diagnostics[0]
    assert (diagnostic.code, finding.line) == ("Y001", 16)  # libyaml counts LS as a line break
    assert diagnostic.range.start.line == 14  # the editor does not: the same character
    assert TextDocument("u", text).line(14)[diagnostic.range.start.character] == ":"


def test_a_byte_order_mark_shifts_nothing_the_editor_sees() -> None:
    text = "\ufeff" + MOROCCO.replace("status: ongoing", "status: en cours", 1)
    [diagnostic] = served(text)
    line = next(n for n, x in enumerate(text.split("\n")) if "en cours" in x)
    assert diagnostic.range.start == types.Position(line=line, character=12)


def test_a_half_typed_document_gets_the_loaders_findings() -> None:
    text = MOROCCO.replace("depends_on: [GOV-02]", "depends_on: [GOV-02, ", 1)
    diagnostics = served(text)
    assert [d.code for d in diagnostics] == ["Y001"]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("status: en cours  # why", 8, 16),
        ('title: "a \\" b", x', 7, 15),
        ("title: 'it''s', x", 7, 14),
        ("phase: {id: X, start: 2020}", 7, 27),
        ("regions: [MA-01, DZ-01]", 17, 22),
        ("  stauts: planned", 2, 8),
        ("a: b", 4, 4),
    ],
)
def test_a_range_covers_the_value_written_at_the_finding(line: str, start: int, end: int) -> None:
    assert token_end(line, start) == end


def test_each_diagnostic_links_to_its_rule_in_the_documentation() -> None:
    [diagnostic] = served(MOROCCO.replace("status: ongoing", "status: en cours", 1))
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == rule_link("S004")
    assert diagnostic.code_description.href.endswith("rules.md#s004-invalid-value")


def test_the_rules_page_comes_from_the_project_urls_else_from_the_source(tmp_path: Path) -> None:
    local = tmp_path / "rules.md"
    docs = "Documentation, https://github.com/org/uhc-roadmap/tree/main/docs"
    source = "Source, https://github.com/org/uhc-roadmap"
    assert rules_page_from([docs, source], local) == (
        "https://github.com/org/uhc-roadmap/blob/main/docs/rules.md"
    )
    assert rules_page_from([source], local) == (
        "https://github.com/org/uhc-roadmap/blob/HEAD/docs/rules.md"
    )
    assert rules_page_from(["Homepage, https://example.org/uhc"], local) is None
    local.write_text("# Rules\n", encoding="utf-8")
    assert rules_page_from([], local) == local.as_uri()


def test_a_configuration_that_cannot_be_read_is_one_diagnostic_naming_it(tmp_path: Path) -> None:
    config = tmp_path / ".uhc-roadmap.yaml"
    problem = ConfigProblem(str(config), 2, 1, "unknown key `selct`", "did you mean `select`?")
    project = Project(ValidationOptions(), problem=ConfigError([problem]))
    [diagnostic] = configuration_problem(project, TextDocument("u", MOROCCO))
    assert "unknown key `selct`" in diagnostic.message
    assert diagnostic.related_information is not None
    related = diagnostic.related_information[0]
    assert related.location.uri == config.as_uri()
    assert related.location.range.start == types.Position(line=1, character=0)


def test_a_finding_past_the_last_line_is_placed_at_the_end_of_the_text() -> None:
    text = MOROCCO + "x"  # libyaml reports the missing `:` on the line after the last
    [diagnostic] = served(text)
    finding = check_bytes(text.encode(), "x").result.diagnostics[0]
    assert finding.line == text.count("\n") + 2
    assert diagnostic.range.start == types.Position(line=text.count("\n"), character=1)
