"""Roadmap text in documents: the requested language, a marked fallback, and safe Markdown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import escape

from uhc_roadmap.model import Text
from uhc_roadmap.render.text import (
    UserText,
    escape_markdown,
    localise,
    markdown_text,
    markdown_url,
    script_direction,
)

MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def inline_tokens(source: str) -> list[str]:
    tokens = MD.parse(source)
    return [c.type for t in tokens if t.children for c in t.children]


def plain_text(source: str) -> str:
    tokens = MD.parse(source)
    return "".join(c.content for t in tokens if t.children for c in t.children if c.type == "text")


def test_requested_language_is_not_marked() -> None:
    text = localise(Text({"fr": "Gouvernance", "en": "Governance"}), "en", "fr")
    assert text == UserText("Governance", "en", fallback=False)
    assert text.__html__() == "Governance"


def test_fallback_is_marked_with_its_language() -> None:
    text = localise(Text({"fr": "Gouvernance"}), "en", "fr")
    assert text == UserText("Gouvernance", "fr", fallback=True)
    assert text.__html__() == (
        '<span lang="fr" dir="ltr" class="fallback">Gouvernance</span>'
        '<sup class="lang-tag">fr</sup>'
    )
    assert markdown_text(text) == "Gouvernance *(fr)*"


def test_a_fallback_keeps_the_direction_of_its_own_script() -> None:
    """Arabic inside an English document runs right to left, French inside Arabic left to right."""
    arabic = localise(Text({"ar": "الحوكمة"}), "en", "ar")
    assert '<span lang="ar" dir="rtl" class="fallback">' in arabic.__html__()
    french = localise(Text({"fr": "Gouvernance"}), "ar", "fr")
    assert '<span lang="fr" dir="ltr" class="fallback">' in french.__html__()
    assert script_direction("not a language") == "ltr"


def test_plain_text_is_in_the_default_language() -> None:
    assert localise(Text.of("Santé"), "fr", "fr") == UserText("Santé", "fr", fallback=False)
    assert localise(Text.of("Santé"), "en", "fr") == UserText("Santé", "fr", fallback=True)


def test_map_without_the_default_language_falls_back_to_its_first_entry() -> None:
    assert localise(Text({"ar": "صحة"}), "en", "fr") == UserText("صحة", "ar", fallback=True)


def test_html_escapes_the_text_and_the_marker() -> None:
    hostile = UserText("<script>alert(1)</script>", "fr", fallback=True)
    assert "<script>" not in hostile.__html__()
    assert str(escape(hostile)).count("&lt;script&gt;") == 1


def test_markdown_cannot_inject_html_or_break_a_table() -> None:
    row = f"| {escape_markdown('<img src=x onerror=alert(1)> | b')} | c |"
    table = f"| a | b |\n| --- | --- |\n{row}\n"
    tokens = MD.parse(table)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    assert "html_inline" not in inline_tokens(table)


def test_markdown_line_starts_stay_text() -> None:
    for value in ("# title", "- item", "+ item", "> quote", "1. first", "2) second", "==="):
        assert next(t.type for t in MD.parse(escape_markdown(value))) == "paragraph_open", value


def test_markdown_url_cannot_close_the_destination() -> None:
    assert markdown_url("https://x.org/a b)c<d>") == "https://x.org/a%20b%29c%3Cd%3E"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80))
def test_escaped_markdown_reads_back_as_the_same_words(value: str) -> None:
    """Whatever a title holds, Markdown shows its words and never raw HTML or markup."""
    source = escape_markdown(value)
    kinds = set(inline_tokens(source))
    assert kinds <= {"text", "softbreak", "entity"} or not source
    if source:
        assert " ".join(plain_text(source).split()) == " ".join(value.split())


def test_line_breaks_are_flattened_so_no_block_starts_inside_a_text() -> None:
    source = escape_markdown("intro\n# heading\n\n- item\n| a | b |")
    assert [t.type for t in MD.parse(source)] == ["paragraph_open", "inline", "paragraph_close"]
