"""PDF documents: A4 pages, embedded fonts, findable text, metadata, the footer, the brief's
length, and a URL fetcher that lets no file or network resource into the PDF.

The PDFs are read back with poppler's tools, as a reader's software reads them. Pages were
also looked at (pdftoppm) when this was written: see docs/publishing.md.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.render.conftest import EXAMPLES, load
from tests.render.pdfs import (
    catalog_language,
    fonts,
    info,
    needs_poppler,
    needs_weasyprint,
    text,
)
from uhc_roadmap.i18n import LANGUAGES
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.render import BudgetError, RenderError, RenderOptions
from uhc_roadmap.render.document import render_pdf
from uhc_roadmap.render.filters import Filters
from uhc_roadmap.render.pdf import PdfUnavailable, load_weasyprint
from uhc_roadmap.render.text import localise

MOROCCO = next(p for p in EXAMPLES if p.stem == "morocco")
CASES = [(p, "brief", lang) for p in EXAMPLES for lang in LANGUAGES]
CASES += [(MOROCCO, "roadmap", lang) for lang in LANGUAGES]


def case_id(case: tuple[Path, str, str]) -> str:
    return f"{case[0].stem}-{case[1]}-{case[2]}"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    folder = tmp_path_factory.mktemp("pdfs")
    for case in CASES:
        path, template, lang = case
        target = folder / f"{case_id(case)}.pdf"
        target.write_bytes(render_pdf(load(path), RenderOptions(template, "pdf", lang)))
        made[case_id(case)] = target
    return made


def document_title(path: Path, template: str, lang: str) -> str:
    roadmap = load(path)
    title = localise(roadmap.title, lang, roadmap.default_language).text
    if template == "brief":
        from uhc_roadmap.i18n import translations

        return f"{translations(lang).gettext('Progress brief')} – {title}"
    return title


def flat(found: str) -> str:
    return " ".join(found.split())


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
WORD = re.compile(r"\w+")  # punctuation (the Arabic comma) is extracted apart from its word


def holds(page: str, expected: str, lang: str) -> bool:
    """``expected`` is in ``page``'s text. A right-to-left page is extracted in visual order,
    runs of either direction reordered and wrapped in bidi controls: there, every word of
    ``expected`` must be on the page."""
    if language(lang).direction == "ltr":
        return flat(expected) in flat(page)
    words = WORD.findall(BIDI_CONTROLS.sub(" ", page))
    return all(word in words for word in WORD.findall(BIDI_CONTROLS.sub(" ", expected)))


pytestmark = [needs_weasyprint]
each = pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])


@needs_poppler
@each
def test_pages_are_a4(pdfs: dict[str, Path], case: tuple[Path, str, str]) -> None:
    assert info(pdfs[case_id(case)])["Page size"].endswith("(A4)")


@needs_poppler
@each
def test_every_font_is_embedded(pdfs: dict[str, Path], case: tuple[Path, str, str]) -> None:
    found = fonts(pdfs[case_id(case)])
    assert found, "no font at all: the text would not be selectable"
    assert [f["name"] for f in found if f["emb"] != "yes"] == []


@needs_poppler
@each
def test_text_holds_the_title(pdfs: dict[str, Path], case: tuple[Path, str, str]) -> None:
    path, template, lang = case
    title = document_title(path, template, lang)
    assert holds(text(pdfs[case_id(case)], 1), title, lang)


@needs_poppler
@each
def test_metadata_give_title_and_language(
    pdfs: dict[str, Path], case: tuple[Path, str, str]
) -> None:
    path, template, lang = case
    pdf = pdfs[case_id(case)]
    assert info(pdf)["Title"] == document_title(path, template, lang)
    assert catalog_language(pdf.read_bytes()) == lang


@needs_poppler
@each
def test_footer_has_title_date_and_page_numbers(
    pdfs: dict[str, Path], case: tuple[Path, str, str]
) -> None:
    path, template, lang = case
    pdf = pdfs[case_id(case)]
    pages = int(info(pdf)["Pages"])
    as_of = load(path).as_of
    assert as_of is not None
    day = Filters(lang, None).date(as_of)
    for page in range(1, pages + 1):
        lines = [flat(line) for line in text(pdf, page).splitlines() if line.strip()]
        footer = " ".join(lines[-3:])
        assert re.search(rf"\b{page}\s*/\s*{pages}\b", footer), footer
        assert holds(footer, day, lang), footer
        title = flat(document_title(path, template, lang))
        assert holds(footer, title[: title.rfind(" ", 0, 30)], lang), footer


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_brief_fits_on_two_pages(pdfs: dict[str, Path], path: Path, lang: str) -> None:
    assert 1 <= int(info(pdfs[f"{path.stem}-brief-{lang}"])["Pages"]) <= 2


HOSTILE = {
    "image": '<img src="file:///etc/hostname" alt="">',
    "attachment": '<link rel="attachment" href="file:///etc/passwd">',
    "stylesheet": '<link rel="stylesheet" href="http://127.0.0.1:9/style.css">',
    "import": "<style>@import url(file:///etc/passwd);</style>",
    "font": "<style>@font-face { font-family: x; src: url(file:///etc/passwd) }"
    " p { font-family: x }</style>",
    "svg-image": '<svg width="10" height="10"><image href="file:///etc/hostname"'
    ' width="10" height="10"/></svg>',
    "object": '<object data="https://example.org/x.svg" type="image/svg+xml"></object>',
}


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=list(HOSTILE))
def test_no_file_or_network_resource_gets_into_a_pdf(tmp_path: Path, markup: str) -> None:
    (tmp_path / "leak.html.j2").write_text(f"<html><body><p>x</p>{markup}</body></html>")
    options = RenderOptions("leak", "pdf", "en", template_dir=tmp_path)
    with pytest.raises(RenderError, match=r"leak\.html\.j2: refused to fetch `(file|https?):"):
        render_pdf(load(MOROCCO), options)


def test_data_urls_are_drawn(tmp_path: Path) -> None:
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
        "YPj/HwADAgH/hq6nGgAAAABJRU5ErkJggg=="
    )
    (tmp_path / "inline.html.j2").write_text(f'<html><body><img src="{pixel}" alt="dot">')
    pdf = render_pdf(load(MOROCCO), RenderOptions("inline", "pdf", "en", template_dir=tmp_path))
    assert pdf.startswith(b"%PDF-")
    assert b"/Subtype /Image" in pdf or b"/Image" in pdf


def test_the_pdf_is_made_within_the_render_budget() -> None:
    from uhc_roadmap.render import RenderBudget

    options = RenderOptions("roadmap", "pdf", "en", budget=RenderBudget(seconds=0.05))
    with pytest.raises(BudgetError, match="over the time budget"):
        render_pdf(load(MOROCCO), options)


def test_without_weasyprint_one_line_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # type: ignore[arg-type]
    with pytest.raises(PdfUnavailable) as raised:
        load_weasyprint()
    assert "pip install 'uhc-roadmap[pdf]'" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_without_pango_one_line_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import cffi

    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)

    def no_library(self: object, name: str, *args: object, **kwargs: object) -> None:
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")

    monkeypatch.setattr(cffi.FFI, "dlopen", no_library)
    with pytest.raises(PdfUnavailable) as raised:
        load_weasyprint()
    message = str(raised.value)
    assert "needs the Pango library" in message
    assert "libpango-1.0-0" in message
    assert "\n" not in message


def _arabic_families() -> set[str]:
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return set()
    listed = subprocess.run(
        ["fc-list", ":lang=ar", "family"], capture_output=True, text=True, check=False
    ).stdout
    return {name.replace(" ", "-") for line in listed.splitlines() for name in line.split(",")}


@needs_poppler
def test_arabic_is_set_in_a_font_that_has_its_letters(pdfs: dict[str, Path]) -> None:
    """Pango picks a font with Arabic letters for the Arabic text (HarfBuzz joins them; the
    pages were looked at, see docs/languages.md). fonts-dejavu-core provides one (Makefile)."""
    families = _arabic_families()
    if not families:
        pytest.skip(
            "no font with Arabic letters (fc-list :lang=ar): apt-get install fonts-dejavu-core"
        )
    used = {row["name"].split("+", 1)[-1] for row in fonts(pdfs["morocco-brief-ar"])}
    assert any(name.startswith(tuple(families)) for name in used), (used, families)
