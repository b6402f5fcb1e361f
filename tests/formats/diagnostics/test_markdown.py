"""The Markdown table renders as a table of exactly the findings, with nothing injected."""

from __future__ import annotations

from markdown_it import MarkdownIt

from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.markdown import MarkdownFormat, cell


def html(options: DiagnosticOptions | None = None) -> str:
    text = MarkdownFormat(options or DiagnosticOptions()).render(fixed_results())
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_one_row_of_four_cells_per_finding() -> None:
    rendered = html()
    body = rendered.split("<tbody>")[1]
    rows = body.split("<tr>")[1:]
    assert len(rows) == 5
    assert all(row.count("<td>") == 4 for row in rows)


def test_message_markup_is_neutralised_but_code_spans_kept() -> None:
    rendered = html()
    assert "<b>bold</b>" not in rendered
    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered
    assert "<em>stars</em>" not in rendered
    assert '<a href="x">' not in rendered
    assert "<code>pipe|here</code>" in rendered


def test_rows_are_capped_with_a_note() -> None:
    rendered = html(DiagnosticOptions(max_rows=2))
    assert rendered.split("<tbody>")[1].count("<tr>") == 2
    assert "3 more findings not shown" in rendered


def test_unbalanced_backtick_is_escaped() -> None:
    assert cell("a ` b") == "a \\` b"
