"""The one Markdown escaper, and every Markdown output showing roadmap text as written."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES, run_cli
from uhc_roadmap.authoring.diff import FileDiff, diff_roadmaps
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS
from uhc_roadmap.formats.diff import DIFF_FORMATS
from uhc_roadmap.formats.markdown import code, escape, table, with_code
from uhc_roadmap.formats.progress import PROGRESS_FORMATS
from uhc_roadmap.formats.progress.base import ProgressOptions
from uhc_roadmap.progress import compute_progress
from uhc_roadmap.validation import check_bytes

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
HOSTILE = FIXTURES / "markdown" / "markup_titles.yaml"
MARKUP = "Governance <b>and</b> *draft* [x](y)"


def rendered(markdown: str) -> str:
    return PARSER.render(markdown)


def assert_shown_as_written(markdown: str) -> None:
    """No HTML, emphasis or link comes from the roadmap's text; the text itself is shown."""
    html = rendered(markdown)
    assert "<b>" not in html
    assert '<a href="y"' not in html
    for word in ("draft", "em", "Health", "x", "now", "u"):
        assert f"<em>{word}</em>" not in html
    assert "&lt;b&gt;" in html
    assert "[x](y)" in html


@pytest.mark.parametrize(
    "text",
    [
        MARKUP,
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "a | b",
        "`code`",
        "&amp; entity",
        "back\\slash",
        "~~strike~~",
        "_under_",
        "<!-- comment -->",
    ],
)
def test_escaped_text_renders_as_the_text_itself(text: str) -> None:
    html = rendered(escape(text))
    paragraph = PARSER.parse(escape(text))
    assert [t.type for t in paragraph][:1] == ["paragraph_open"]
    inline = next(t for t in paragraph if t.type == "inline")
    assert [c.type for c in inline.children or []] == ["text"], html
    assert inline.children is not None
    assert "".join(c.content for c in inline.children) == " ".join(text.split())


def test_escape_puts_several_lines_on_one() -> None:
    assert escape("a\n\n# b\r\nc") == "a # b c"


@pytest.mark.parametrize("text", ["x", "a`b", "``", "a | b", "`lead"])
def test_code_holds_any_text(text: str) -> None:
    tokens = PARSER.parse(f"| h |\n|---|\n| {code(text)} |")
    spans = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert [c.content for c in spans if c.type == "code_inline"] == [text]


def test_with_code_keeps_quoted_names_as_code() -> None:
    html = rendered(with_code("unknown field `<b>x</b>` in *y*"))
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html
    assert "<em>" not in html
    assert with_code("an `unbalanced *quote*") == escape("an `unbalanced *quote*")


def test_table_cells_stay_in_their_columns() -> None:
    markdown = table(["a", "b"], [[escape("x | y"), code("p|q")]], right=(1,))
    cells = [t for t in PARSER.parse(markdown) if t.type == "td_open"]
    assert len(cells) == 2
    assert markdown.splitlines()[1] == "| --- | ---: |"


# -- every Markdown output ------------------------------------------------------------------


def hostile_roadmap():  # type: ignore[no-untyped-def]
    checked = check_bytes(HOSTILE.read_bytes(), "markup_titles.yaml")
    assert not checked.result.has_errors, checked.result.diagnostics
    assert checked.roadmap is not None
    return checked.roadmap


def test_diagnostics_markdown_escapes_messages() -> None:
    finding = Diagnostic("R002", Severity.ERROR, "x.yaml", 1, 1, f"title {MARKUP}", MARKUP)
    out = DIAGNOSTIC_FORMATS.get("markdown")().render([FileResult("x.yaml", [finding])])
    assert_shown_as_written(out)


def test_progress_markdown_escapes_roadmap_text() -> None:
    progress = compute_progress(hostile_roadmap(), date(2021, 6, 30), "en")
    out = PROGRESS_FORMATS.get("markdown")(ProgressOptions()).render(progress)
    assert isinstance(out, str)
    assert_shown_as_written(out)
    assert "Plan \\<b\\>bold\\</b\\> \\*em\\* \\[x\\](y) \\| pipe" in out


def test_diff_markdown_escapes_roadmap_text() -> None:
    new = hostile_roadmap()
    old = new.model_copy(update={"activities": []})
    out = DIFF_FORMATS.get("markdown")().render(
        [FileDiff("old.yaml", "new.yaml", diff_roadmaps(old, new))]
    )
    assert_shown_as_written(out)


def test_report_markdown_escapes_the_title_end_to_end() -> None:
    run = run_cli("report", str(HOSTILE), "--country", "MA", "--format", "markdown")
    assert run.returncode == 0, run.stderr
    assert_shown_as_written(run.stdout)
    assert run.stdout.startswith("# Morocco — Governance \\<b\\>and\\</b\\> \\*draft\\* \\[x\\](y)")


@pytest.mark.parametrize("template", ["roadmap", "brief"])
def test_render_markdown_escapes_roadmap_text(template: str) -> None:
    run = run_cli("render", str(HOSTILE), "--template", template, "--format", "md")
    assert run.returncode == 0, run.stderr
    assert_shown_as_written(run.stdout)
