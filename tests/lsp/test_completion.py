"""Completion: ids where ids go, region codes of the country, fixed values, field names."""

from __future__ import annotations

from lsprotocol import types

from tests.conftest import ROADMAPS
from uhc_roadmap.lsp.analysis import check
from uhc_roadmap.lsp.completion import complete
from uhc_roadmap.lsp.ids import Catalogue
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.validation import ValidationOptions

MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
KNOWN = check(MOROCCO, "morocco.yaml", ValidationOptions()).catalogue()


def items(marked: str, known: Catalogue = KNOWN) -> list[types.CompletionItem]:
    offset = marked.index("|")
    text = marked.replace("|", "", 1)
    doc = TextDocument("file:///m.yaml", text)
    line, character = doc.position(offset)
    return list(complete(doc, line, character, known).items)


def labels(marked: str) -> list[str]:
    return [item.label for item in items(marked)]


def in_morocco(before: str, after: str) -> str:
    """Morocco with ``before`` (once) replaced by ``after``, where ``|`` marks the cursor."""
    assert before in MOROCCO
    return MOROCCO.replace(before, after, 1)


def test_inside_depends_on_the_activity_ids_are_offered() -> None:
    found = labels(in_morocco("depends_on: [GOV-02]", "depends_on: [|"))
    assert found[:4] == ["GOV-01", "GOV-02", "GOV-03", "GOV-04"]
    assert "PHC-04" in found
    assert "MS" not in found  # an organisation is no activity


def test_each_id_comes_with_its_title_and_status() -> None:
    [gov02] = [
        i
        for i in items(in_morocco("depends_on: [GOV-02]", "depends_on: [GOV|"))
        if i.label == "GOV-02"
    ]
    assert gov02.detail is not None
    assert gov02.detail.startswith("activity: ")
    assert isinstance(gov02.documentation, types.MarkupContent)
    assert "status: `" in gov02.documentation.value
    assert gov02.text_edit is not None
    assert gov02.text_edit.new_text == "GOV-02"


def test_the_word_typed_is_replaced_hyphens_included() -> None:
    marked = in_morocco("depends_on: [GOV-02]", "depends_on: [GOV-0|")
    item = items(marked)[0]
    assert isinstance(item.text_edit, types.TextEdit)
    start = item.text_edit.range.start
    doc = TextDocument("u", marked.replace("|", ""))
    assert doc.offset(start.line, start.character) == marked.index("GOV-0|")


def test_axes_organisations_and_funders_where_they_go() -> None:
    axes = labels(in_morocco("    axis: GOV\n", "    axis: |\n"))
    assert axes == ["GOV", "FIN", "HRH", "PHC", "COORD"]
    assert "WHO-MA" in labels(in_morocco("    lead: ", "    lead: |"))
    funders = labels(in_morocco("{year: 2016, funder: EU", "{year: 2016, funder: |"))
    assert funders[:2] == ["EU", "LU"]  # organisations of type funder first (B006)
    assert "MS" in funders


def test_region_codes_of_the_country_with_their_names_and_the_groups() -> None:
    found = items(in_morocco("regions: [PILOT]", "regions: [|"))
    assert found[0].label == "PILOT"
    codes = {i.label: i.detail for i in found[1:]}
    assert list(codes)[:12] == [f"MA-{n:02d}" for n in range(1, 13)]  # the regions first
    assert len(codes) > 12
    assert all(code.startswith("MA-") for code in codes)
    assert codes["MA-11"] == "Laâyoune-Sakia El Hamra"  # the roadmap's own label
    assert codes["MA-07"] == "Marrakech-Safi"  # the ISO 3166-2 name


def test_fixed_values_of_statuses_measures_directions_and_types() -> None:
    assert labels(in_morocco("status: ongoing", "status: |")) == [
        "planned", "ongoing", "finalising", "completed", "cancelled", "suspended",
    ]  # fmt: skip
    assert labels(in_morocco("type: government", "type: |"))[:2] == ["government", "who"]
    assert labels(in_morocco("measure: percent", "measure: |")) == [
        "number",
        "percent",
        "qualitative",
    ]
    assert labels(in_morocco("direction: increase", "direction: |")) == ["increase", "decrease"]


def test_field_names_valid_at_the_cursor_minus_those_already_there() -> None:
    marked = in_morocco("    status: ongoing", "    |\n    status: ongoing")
    found = items(marked)
    activity = next(a for a in KNOWN.data["activities"] if a.get("status") == "ongoing")
    names = [i.label for i in found]
    assert set(names) == {
        "id", "axis", "title", "description", "status", "planned", "actual", "progress", "lead",
        "partners", "regions", "depends_on", "milestones", "budget", "refs", "documents",
        "sector", "iati_ref",
    } - set(activity)  # fmt: skip
    [regions] = [i for i in found if i.label == "regions"]
    assert regions.text_edit is not None
    assert regions.text_edit.new_text == "regions: "
    assert regions.detail == "list of text"


def test_in_a_budget_line_the_fields_of_a_budget_line() -> None:
    names = labels(in_morocco("{year: 2016, funder: EU", "{year: 2016, |"))
    assert names == ["funder", "planned", "committed", "spent", "currency"]  # required first


def test_the_languages_of_the_roadmap_in_a_text() -> None:
    known = Catalogue.of({"languages": ["fr", "en"]})
    doc = TextDocument("u", "title:\n  fr: x\n  ")
    found = complete(doc, 2, 2, known).items
    assert [i.label for i in found] == ["en"]


def test_completion_works_in_a_document_that_does_not_load() -> None:
    marked = in_morocco("depends_on: [GOV-02]", "depends_on: [GOV-02, |")
    text = marked.replace("|", "")
    assert check(text, "m.yaml", ValidationOptions()).data is None  # half typed: no data
    assert "GOV-03" in labels(marked)  # the ids of the last version that loaded


def test_nothing_in_free_text_or_comments() -> None:
    assert labels(in_morocco("# Copy this file", "# Copy th|is file")) == []
    assert labels(in_morocco("programme: UHC Partnership", "programme: UHC |")) == []
