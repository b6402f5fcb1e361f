"""The view-model templates see (render/context.py), checked on the example roadmaps: texts in
the document's language, marks a reader needs, and the rows the documents' tables show."""

from __future__ import annotations

from datetime import date

import pytest

from tests.render.conftest import EXAMPLES, load, render
from uhc_roadmap.i18n import translations
from uhc_roadmap.progress import compute_progress
from uhc_roadmap.render.context import build_context
from uhc_roadmap.render.views import DocumentContext

MOROCCO = next(p for p in EXAMPLES if p.stem == "morocco")
KAZAKHSTAN = next(p for p in EXAMPLES if p.stem == "kazakhstan")


def context(path: object, lang: str, as_of: date | None = None) -> DocumentContext:
    roadmap = load(path)  # type: ignore[arg-type]
    progress = compute_progress(roadmap, as_of=as_of, lang=lang)
    return build_context(roadmap, progress, lang, "html", translations(lang).gettext)


@pytest.mark.parametrize(
    ("lang", "unit", "text"),
    [
        ("en", "per 10,000 population", "Consultation of the social partners under way"),
        ("fr", "pour 10 000 habitants", "Consultation des partenaires sociaux en cours"),
    ],
)
def test_units_and_qualitative_values_are_in_the_document_language(
    lang: str, unit: str, text: str
) -> None:
    """Issue 17, item 13: an English document said "45 sages-femmes"."""
    indicators = {i.id: i for i in context(MOROCCO, lang).indicators}
    shown = indicators["IND-HRH-DENS"].unit
    assert shown is not None
    assert (shown.text, shown.fallback) == (unit, False)
    latest = indicators["IND-HRH-STRAT"].latest_text
    assert latest is not None
    assert (latest.text, latest.fallback) == (text, False)
    for fmt in ("md", "html"):
        assert unit in render(MOROCCO, "roadmap", fmt, lang).replace("\u202f", " ")
