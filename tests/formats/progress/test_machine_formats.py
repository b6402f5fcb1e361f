"""json, csv and markdown: stable keys and headers, raw values, escaped cells."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import ROOT
from uhc_roadmap.formats.progress import PROGRESS_FORMATS
from uhc_roadmap.formats.progress.base import ProgressOptions, SectionError
from uhc_roadmap.progress import Portfolio, RoadmapProgress


def render(name: str, progress: RoadmapProgress, **options: object) -> str:
    return PROGRESS_FORMATS.get(name)(ProgressOptions(**options)).report(progress)  # type: ignore[arg-type]


def test_registry_names_every_format() -> None:
    assert list(PROGRESS_FORMATS.names) == ["table", "json", "csv", "markdown", "xlsx"]
    for name in PROGRESS_FORMATS.names:
        assert PROGRESS_FORMATS.get(name).name == name


def test_json_structure(small_en: RoadmapProgress) -> None:
    document = json.loads(render("json", small_en))
    assert list(document) == ["format_version", "tool", "kind", "lang", "roadmap"]
    assert (document["format_version"], document["kind"]) == (1, "roadmap")
    roadmap = document["roadmap"]
    assert roadmap["completion"] == {
        "by_count": 0.5167,
        "by_budget": 0.71,
        "activities": 6,
        "weight": 10000.0,
    }
    assert roadmap["overdue"] == ["B-04", "A-02"]
    assert roadmap["budget"]["total"] == {
        "planned": 10000.0,
        "committed": 8500.0,
        "spent": 6000.0,
        "commitment_rate": 0.85,
        "execution_rate": 0.6,
    }
    assert roadmap["budget"]["other_currencies"][0]["currency"] == "EUR"
    flat = next(i for i in roadmap["indicators"] if i["id"] == "I-FLAT")
    assert (flat["achievement"], flat["status"]) == (None, "on_track")


def test_json_portfolio(small_portfolio: Portfolio) -> None:
    text = PROGRESS_FORMATS.get("json")(ProgressOptions()).portfolio(small_portfolio)
    document = json.loads(text)
    assert document["kind"] == "portfolio"
    assert document["sort"] == {"column": "country", "descending": False}
    assert document["countries"][0]["execution"] == 0.6


@pytest.mark.parametrize(
    ("section", "header", "rows"),
    [
        ("activities", "activity,axis,title,status,completion,completion_source", 7),
        ("axes", "axis,title,activities,completion,weighted_completion,overdue,blocked", 2),
        ("budget", "dimension,key,label,currency,planned,committed,spent", 12),
        ("indicators", "indicator,title,key,measure,unit,direction,baseline", 5),
        ("milestones", "kind,due,days,activity,milestone,title,activity_title", 3),
    ],
)
def test_csv_sections(small_en: RoadmapProgress, section: str, header: str, rows: int) -> None:
    text = render("csv", small_en, section=section)
    assert text.splitlines()[0].startswith(header)
    assert len(list(csv.DictReader(io.StringIO(text)))) == rows


def test_csv_default_section_is_activities(small_en: RoadmapProgress) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", small_en))))
    b02 = next(r for r in rows if r["activity"] == "B-02")
    a02 = next(r for r in rows if r["activity"] == "A-02")
    assert (b02["completion"], a02["completion"], a02["overdue_days"]) == ("", "0.5", "91")


def test_csv_budget_rows(small_en: RoadmapProgress) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", small_en, section="budget"))))
    found = {(r["dimension"], r["key"]): (r["planned"], r["execution_rate"]) for r in rows}
    assert found[("total", "")] == ("10000.0", "0.6")
    assert found[("region", "MA-07")] == ("2500.0", "0.56")
    assert found[("cancelled", "")] == ("5000.0", "0.0")
    assert found[("other_currency", "EUR")] == ("700.0", "0.1429")


def test_csv_unknown_section(small_en: RoadmapProgress, small_portfolio: Portfolio) -> None:
    with pytest.raises(SectionError, match="choose one of: activities, axes"):
        render("csv", small_en, section="nope")
    with pytest.raises(SectionError):
        PROGRESS_FORMATS.get("csv")(ProgressOptions(section="axes")).portfolio(small_portfolio)


def test_markdown_report(small_en: RoadmapProgress) -> None:
    text = render("markdown", small_en)
    assert text.startswith("# Morocco — Small roadmap\n")
    assert "| Axis A | `█████░░░░░` 50% | 62% | 48% | 1 | 1 |" in text
    assert "| B-04 | Suspended work | 181 days (31 Dec 2021) |" in text
    assert "| **Total** | US$10,000 | US$8,500 | US$6,000 | 60% |" in text
    assert "| **Decreasing** | 40% | 19% | 20% | 105% | on track (improving) |" in text


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_every_json_key_is_documented(
    small_en: RoadmapProgress, small_portfolio: Portfolio
) -> None:
    docs = (ROOT / "docs" / "report.md").read_text("utf-8")
    found = _keys(json.loads(render("json", small_en)))
    found |= _keys(
        json.loads(PROGRESS_FORMATS.get("json")(ProgressOptions()).portfolio(small_portfolio))
    )
    missing = sorted(k for k in found if f'"{k}"' not in docs)
    assert not missing, f"keys missing from docs/report.md: {missing}"


def test_csv_for_french_excel_has_a_bom_semicolons_and_decimal_commas(
    small_fr: RoadmapProgress,
) -> None:
    text = render("csv", small_fr, section="budget", excel=True, lang="fr")
    assert text.startswith("\ufeffdimension;key;label;currency;planned;")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert "," in rows[0]["commitment_rate"]
    assert "." not in rows[0]["commitment_rate"]
    assert "\r\n" in text


def test_csv_for_english_excel_keeps_commas_and_dots(small_en: RoadmapProgress) -> None:
    text = render("csv", small_en, section="budget", excel=True, lang="en")
    assert text.startswith("\ufeffdimension,key,")
    plain = render("csv", small_en, section="budget")
    assert text.removeprefix("\ufeff").replace("\r\n", "\n") == plain
