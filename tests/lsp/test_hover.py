"""Hover: a rule's documentation on its finding, what an id names, a region's name, a field."""

from __future__ import annotations

from lsprotocol import types

from tests.conftest import ROADMAPS
from uhc_roadmap.lsp.analysis import check
from uhc_roadmap.lsp.diagnostics import rule_link
from uhc_roadmap.lsp.hover import hover
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.validation import ValidationOptions

MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
KNOWN = check(MOROCCO, "m.yaml", ValidationOptions()).catalogue()


def shown(text: str, at: str, shift: int = 0) -> types.Hover | None:
    """The hover at the first ``at`` in ``text`` (``shift`` characters into it)."""
    offset = text.index(at) + shift
    doc = TextDocument("u", text)
    line, character = doc.position(offset)
    return hover(doc, line, character, check(text, "m.yaml", ValidationOptions(), 1), KNOWN)


def markdown(found: types.Hover | None) -> str:
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    assert found.contents.kind == types.MarkupKind.Markdown
    return found.contents.value


def test_a_finding_is_explained_by_its_rules_documentation() -> None:
    text = MOROCCO.replace("status: ongoing", "status: en cours", 1)
    found = shown(text, "en cours", 3)
    value = markdown(found)
    assert value.startswith("**S004** `invalid-value` (error, schema): ")
    assert "Fixable" in value
    assert "Bad:\n```yaml" in value
    assert "Good:\n```yaml" in value
    assert f"]({rule_link('S004')})" in value
    assert found is not None
    assert found.range is not None
    line = text[: text.index("en cours")].count("\n")
    assert found.range.start.line == line


def test_an_activity_id_shows_its_title_status_and_dates() -> None:
    value = markdown(shown(MOROCCO, "depends_on: [GOV-02]", 15))
    assert value.startswith("**GOV-02** (activity): ")
    assert "- status: `" in value
    assert "- planned: " in value


def test_an_organisation_id_shows_its_name_and_type() -> None:
    value = markdown(shown(MOROCCO, "funder: EU", 9))
    assert value == "**EU** (organisation): Union européenne\n\n- type: `funder`"


def test_a_region_code_shows_its_name_and_a_group_its_members() -> None:
    value = markdown(shown(MOROCCO, "MA-07, MA-08", 1))
    assert value == "**MA-07** (region): Marrakech-Safi"
    group = markdown(shown(MOROCCO, "regions: [PILOT]", 12))
    assert group.startswith("**PILOT** (region group)")
    assert "- `MA-09` Souss-Massa" in group


def test_a_field_value_shows_what_the_field_is() -> None:
    value = markdown(shown(MOROCCO, "status: ongoing", 10))
    assert value.startswith("**status**: one of planned, ongoing, finalising, completed")
    key = markdown(shown(MOROCCO, "as_of: 2021", 1))
    assert key == "**as_of**: date (YYYY-MM-DD)\n\nThe date the progress data describes"


def test_a_document_that_does_not_load_still_answers_from_the_text() -> None:
    text = MOROCCO.replace("depends_on: [GOV-02]", "depends_on: [GOV-02, ", 1)
    value = markdown(shown(text, "depends_on: [GOV-02", 15))
    assert value.startswith("**GOV-02** (activity): ")
    assert markdown(shown(text, "status: ongoing", 2)).startswith("**status**")


def test_nothing_in_a_comment() -> None:
    assert shown(MOROCCO, "# Copy this file", 3) is None
