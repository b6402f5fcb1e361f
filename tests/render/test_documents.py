"""Every built-in document of every example roadmap, in every language, read back as a reader
(or a Markdown parser) would: tables whole, headers in place, labels translated, figures there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import golden
from tests.render.conftest import EXAMPLES, XSS, load, render
from uhc_roadmap.i18n import LANGUAGES, translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.progress import compute_progress

MD = MarkdownIt("commonmark", {"html": True}).enable("table")
CASES = [
    pytest.param(path, template, fmt, lang, id=f"{path.stem}-{template}-{fmt}-{lang}")
    for path in EXAMPLES
    for template in ("roadmap", "brief")
    for fmt in ("md", "html")
    for lang in LANGUAGES
]


def md_tables(text: str) -> list[tuple[int, list[int]]]:
    """(header cells, [cells of each body row]) for every table Markdown sees."""
    tables: list[tuple[int, list[int]]] = []
    section = ""
    for token in MD.parse(text):
        if token.type == "table_open":
            tables.append((0, []))
        elif token.type in {"thead_open", "tbody_open"}:
            section = token.type
        elif token.type == "tr_open" and section == "tbody_open":
            tables[-1][1].append(0)
        elif token.type in {"th_open", "td_open"}:
            header, rows = tables[-1]
            if section == "thead_open":
                tables[-1] = (header + 1, rows)
            else:
                rows[-1] += 1
    return tables


class Structure(HTMLParser):
    """Counts what the checks need: tags, th scopes, and any script or external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.th_without_scope = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        values = dict(attrs)
        if tag == "th" and values.get("scope") not in {"col", "row", "rowgroup"}:
            self.th_without_scope += 1
        for name in ("src", "href", "srcset", "data", "action", "poster", "background"):
            value = values.get(name) or ""
            if tag == "a" and name == "href":
                continue  # a link is followed only when clicked
            if value:
                self.external.append(f"{tag} {name}={value}")


@pytest.mark.parametrize(("path", "template", "fmt", "lang"), CASES)
def test_document_renders(path: Path, template: str, fmt: str, lang: str) -> None:
    text = render(path, template, fmt, lang)
    if fmt == "md":
        check_markdown(text)
    else:
        check_html(text, lang)
    check_language(text, lang)


def check_markdown(text: str) -> None:
    tables = md_tables(text)
    assert tables, "no table"
    for header, rows in tables:
        assert header >= 3
        assert rows, "a table without rows"
        assert all(cells == header for cells in rows), (header, rows)
    tokens = MD.parse(text)
    inline = [c.type for t in tokens if t.children for c in t.children]
    assert "html_inline" not in inline
    assert "html_block" not in [t.type for t in tokens]
    assert text.count("\n# ") == 0
    assert text.startswith("# ")


def check_html(text: str, lang: str) -> None:
    parser = Structure()
    parser.feed(text)
    assert text.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}" dir="{language(lang).direction}">' in text
    assert parser.tags.get("script", 0) == 0
    assert parser.tags.get("svg", 0) >= 2
    assert parser.th_without_scope == 0
    assert parser.tags.get("th", 0) > 10
    assert parser.external == [], parser.external
    assert "@page { size: A4" in text
    assert re.search(r"url\(|@import|@font-face", text) is None
    for svg in re.findall(r"<svg .*?</svg>", text, re.DOTALL):
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.find(f"{ns}title") is not None
        assert root.find(f"{ns}desc") is not None


def check_language(text: str, lang: str) -> None:
    """The document's word for "Indicators" is there, and no other language's."""
    words = {code: translations(code).gettext("Indicators") for code in LANGUAGES}
    assert words[lang] in text
    assert [w for w in words.values() if w != words[lang] and w in text] == []


def test_languages_have_their_own_word_for_indicators() -> None:
    assert translations("fr").gettext("Indicators") == "Indicateurs"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roadmap_markdown_golden(lang: str) -> None:
    morocco = next(p for p in EXAMPLES if p.stem == "morocco")
    golden(f"render/morocco-roadmap-{lang}.md", render(morocco, "roadmap", "md", lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_brief_markdown_golden(lang: str) -> None:
    morocco = next(p for p in EXAMPLES if p.stem == "morocco")
    golden(f"render/morocco-brief-{lang}.md", render(morocco, "brief", "md", lang))


def test_brief_shows_the_figures_of_the_progress_core() -> None:
    morocco = next(p for p in EXAMPLES if p.stem == "morocco")
    progress = compute_progress(load(morocco), lang="en")
    text = render(morocco, "brief", "md", "en")
    assert f"{round(progress.completion.by_count * 100)}% of the work done" in text
    for activity in progress.overdue:
        assert f"| {activity.id} – " in text
    for activity in progress.blocked:
        assert f"{activity.id} – " in text
    for due in progress.milestones_upcoming:
        assert due.title in text


def test_as_of_moves_the_brief() -> None:
    morocco = next(p for p in EXAMPLES if p.stem == "morocco")
    early = render(morocco, "brief", "md", "en", as_of=date(2016, 1, 1))
    assert "Situation at 1 January 2016" in early
    assert "### Overdue" not in early
    assert "### Overdue" in render(morocco, "brief", "md", "en")


def test_fallback_language_is_marked() -> None:
    html = render(XSS, "roadmap", "html", "en")
    assert '<span lang="fr" dir="ltr" class="fallback">' in html
    assert "*(fr)*" in render(XSS, "roadmap", "md", "en")
    assert 'class="fallback"' not in render(XSS, "roadmap", "html", "fr")


@pytest.mark.parametrize("template", ["roadmap", "brief"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_stays_text_in_html(template: str, lang: str) -> None:
    html = render(XSS, template, "html", lang)
    parser = Structure()
    parser.feed(html)
    for tag in ("script", "img", "iframe", "link", "b", "u", "object", "embed"):
        assert parser.tags.get(tag, 0) == 0, tag
    links = html.count('<a href="#activity-') + html.count('<a href="https://example.org/a)b')
    assert parser.tags.get("a", 0) == links
    assert parser.external == []
    assert parser.tags.get("style") == 1
    assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.mark.parametrize("template", ["roadmap", "brief"])
def test_hostile_text_stays_text_in_markdown(template: str) -> None:
    text = render(XSS, template, "md", "en")
    check_markdown(text)


NUM_CELL = re.compile(r'<td class="num">(.*?)</td>', re.DOTALL)
INDICATOR_TABLE = re.compile(r'<table class="indicators">.*?</table>', re.DOTALL)
# The region may itself be a span (a name in the default language, marked as a fallback).
WHERE = re.compile(
    r'<span class="where">(?:<span[^>]*>[^<]*</span>|<sup[^>]*>[^<]*</sup>|[^<])*</span>'
)
# A figure, isolated left-to-right in a right-to-left document (U+2066 ... U+2069).
FIGURE = re.compile(r"\u2066?[–\d\s\u00a0\u202f.,%]+\u2069?")
MONEY = re.compile(r"\d[\s\u202f](\$US|€)|US\$\d|€\d")


@pytest.mark.parametrize("template", ["roadmap", "brief"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_number_is_never_split_from_its_unit(path: Path, template: str, lang: str) -> None:
    """Issue 17, item 15: A4 wrapped `10 pour 10 / 000 habitants` and `sages- / femmes`.

    In the indicators table a value cell holds the figure alone (its unit stands under the
    indicator's title, the region of a regional value below it), and numeric cells never wrap;
    amounts and rates in running text are each kept on one line."""
    page = render(path, template, "html", lang)
    for table in INDICATOR_TABLE.findall(page):
        for cell in NUM_CELL.findall(table):
            assert FIGURE.fullmatch(WHERE.sub("", cell)), cell
    assert "td.num, th.num { text-align: end; white-space: nowrap;" in page
    assert ".nowrap { white-space: nowrap; }" in page
    for paragraph in re.findall(r"<p>[^<]*\d.*?</p>", page):
        assert not re.search(MONEY, outside_nowrap(paragraph)), paragraph


def outside_nowrap(text: str) -> str:
    """Running text outside the no-wrap spans, where a figure could break."""
    return re.sub(r'<span class="nowrap">.*?</span>', "", text)


def test_print_rules_keep_headings_with_their_content() -> None:
    """Issue 17, item 15: a heading was left alone at a page foot; the checks of the printed
    pages themselves are in test_browser.py."""
    page = render(EXAMPLES[0], "roadmap", "html", "en")
    print_rules = page[page.index("@media print") :]
    assert "h1, h2, h3, caption, figcaption, .subtitle { break-after: avoid;" in print_rules
    assert "thead { display: table-header-group; }" in print_rules
    assert "footer {" in print_rules
    assert "break-before: avoid" in print_rules


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_brief_names_progress_by_axis_once(lang: str) -> None:
    """Issue 17, item 15: "Avancement par axe" appeared twice (heading and chart caption)."""
    page = render(EXAMPLES[0], "brief", "html", lang)
    heading = translations(lang).gettext("Progress by axis")
    visible = re.sub(r"<(title|desc)[^>]*>.*?</\1>", "", page, flags=re.DOTALL)
    assert visible.count(f">{heading}<") == 1
