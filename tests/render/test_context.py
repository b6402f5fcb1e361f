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


def test_a_regional_latest_value_names_its_region() -> None:
    """Issue 17, item 18: Kazakhstan's Esik visits were measured in Almaty Region only."""
    indicators = {i.id: i for i in context(KAZAKHSTAN, "en", date(2022, 6, 30)).indicators}
    region = indicators["IND-ESIK-VISITS"].latest_region
    assert region is not None
    assert region.text == "Almaty Region"
    assert indicators["IND-HW-TRAINED"].latest_region is None
    text = render(KAZAKHSTAN, "roadmap", "md", "en", as_of=date(2022, 6, 30))
    assert "| 2 visits (measured in Almaty Region) |" in text


def test_a_suspended_activity_says_suspended() -> None:
    """Issue 17, item 18: GOV-04 is suspended, not "actual: 1 February 2020 – ongoing"."""
    activities = {a.id: a for a in context(MOROCCO, "en").activities}
    assert activities["GOV-04"].open_end_label == "suspended"
    assert activities["GOV-03"].open_end_label == "ongoing"
    text = render(MOROCCO, "roadmap", "md", "en")
    assert "- **Actual**: 1 February 2020 – suspended" in text
    assert "1 February 2020 – ongoing" not in text


def test_the_indicator_column_names_the_axis_or_activity() -> None:
    """Issue 17, item 18: the column headed "Mesure" held the axis or activity measured."""
    page = render(MOROCCO, "roadmap", "html", "fr")
    assert '<th scope="col">Axe ou activité</th>' in page
    assert ">Mesure<" not in page
    assert '<td class="subject"><span class="id">HRH-03</span>' in page


def test_a_region_group_is_shown_by_its_regions_names() -> None:
    """Issue 12, item 8: `…, Shymkent (REGIONS_2021)` printed an id as if it were a name."""
    activities = {a.id: a for a in context(MOROCCO, "fr").activities}
    assert [r.text for r in activities["GOV-04"].regions] == ["Marrakech-Safi, Souss-Massa"]
    for lang in ("en", "fr"):
        assert "REGIONS_2021" not in render(KAZAKHSTAN, "roadmap", "html", lang)
        assert "(PILOT)" not in render(MOROCCO, "roadmap", "md", lang)


def test_each_activity_names_its_funders_with_planned_and_spent() -> None:
    """Issue 17, item 19: who funds what, on the activity card and in the partners table."""
    ctx = context(MOROCCO, "en")
    gov02 = next(a for a in ctx.activities if a.id == "GOV-02")
    funding = [(f.funder.id, f.figures.planned, f.figures.spent) for f in gov02.funding]
    assert funding == [("EU", 130000, 124700), ("LU", 80000, 79100)]
    orgs = {o.id: o for o in ctx.organisations}
    assert "GOV-02" in orgs["EU"].funded
    assert orgs["EU"].funding is not None
    assert orgs["EU"].funding.planned == 690000
    assert orgs["MS"].funded == ()
    text = render(MOROCCO, "roadmap", "md", "en")
    assert (
        "- **Funding**: European Union: US$130,000 planned, US$124,700 spent · "
        "Grand Duchy of Luxembourg: US$80,000 planned, US$79,100 spent"
    ) in text
    assert "| European Union | Funder | – | FIN-02, COORD-01 | GOV-01, GOV-02, " in text


def test_budget_table_by_activity_year_and_funder_adds_up() -> None:
    """Issue 17, item 16: the roadmap document has a budget table activity x year x funder."""
    ctx = context(MOROCCO, "en")
    cells = [c for group in ctx.budget_by_activity for c in group.cells]
    assert sum(c.figures.planned for c in cells if c.currency is None) == 1310000
    assert [c.year for c in ctx.budget_by_activity[1].cells] == [2017, 2018, 2019]
    assert "COORD-02" not in [g.activity.id for g in ctx.budget_by_activity]  # cancelled
    page = render(MOROCCO, "roadmap", "html", "en")
    assert '<th scope="rowgroup" rowspan="3"><span class="id">GOV-02</span>' in page


def test_a_funders_view_shows_its_part_only() -> None:
    """Issue 17, item 19: `render --funder EU`."""
    roadmap = load(MOROCCO)
    progress = compute_progress(roadmap, lang="en", funder="EU")
    ctx = build_context(roadmap, progress, "en", "html", translations("en").gettext)
    assert ctx.funder is not None
    assert ctx.funder.id == "EU"
    assert "FIN-01" not in [a.id for a in ctx.activities]  # Luxembourg's alone
    assert {f.funder.id for a in ctx.activities for f in a.funding} == {"EU"}
    assert context(MOROCCO, "en").funder is None
