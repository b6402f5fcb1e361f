"""Go to definition, find references and rename, for the ids of a roadmap."""

from __future__ import annotations

import re

import pytest
from lsprotocol import types

from tests.conftest import ROADMAPS
from uhc_roadmap.lsp.analysis import Checked, check
from uhc_roadmap.lsp.navigation import (
    RenameRefused,
    definition,
    prepare_rename,
    references,
    rename,
)
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.validation import ValidationOptions, check_bytes

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))
MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")


def analysed(text: str) -> tuple[TextDocument, Checked]:
    return TextDocument("file:///m.yaml", text), check(text, "m.yaml", ValidationOptions(), 1)


def texts(doc: TextDocument, locations: list[types.Location] | None) -> list[tuple[int, str]]:
    """Each location as (line, the text it covers)."""
    assert locations is not None
    found = []
    for location in locations:
        start = doc.offset(location.range.start.line, location.range.start.character)
        end = doc.offset(location.range.end.line, location.range.end.character)
        found.append((location.range.start.line, doc.text[start:end]))
    return found


def apply(doc: TextDocument, edit: types.WorkspaceEdit) -> str:
    assert edit.changes is not None
    text = doc.text
    spans = []
    for change in edit.changes[doc.uri]:
        start = doc.offset(change.range.start.line, change.range.start.character)
        end = doc.offset(change.range.end.line, change.range.end.character)
        spans.append((start, end, change.new_text))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n")


def test_definition_of_a_dependency_is_the_activitys_id() -> None:
    doc, checked = analysed(MOROCCO)
    offset = MOROCCO.index("depends_on: [GOV-02]") + 15
    assert texts(doc, definition(doc, checked, offset)) == [
        (line_of(MOROCCO, "id: GOV-02"), "GOV-02")
    ]


def test_definition_of_a_region_group_is_its_key() -> None:
    doc, checked = analysed(MOROCCO)
    offset = MOROCCO.index("regions: [PILOT]") + 12
    assert texts(doc, definition(doc, checked, offset)) == [(line_of(MOROCCO, "PILOT: ["), "PILOT")]


def test_references_of_an_organisation_everywhere_it_is_named() -> None:
    doc, checked = analysed(MOROCCO)
    offset = MOROCCO.index("- id: EU") + 7
    found = texts(doc, references(doc, checked, offset, declaration=True))
    assert all(word == "EU" for _, word in found)
    written = re.compile(r"(?:funder: |lead: |- id: |[\[,] ?)EU(?:[\],} ]|$)")
    expected = [n for n, line in enumerate(MOROCCO.split("\n")) if written.search(line)]
    assert [line for line, _ in found] == expected
    without = references(doc, checked, offset, declaration=False)
    assert without is not None
    assert len(without) == len(found) - 1


def test_no_definition_on_free_text() -> None:
    doc, checked = analysed(MOROCCO)
    assert definition(doc, checked, MOROCCO.index("programme: UHC") + 12) is None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_renaming_every_activity_and_organisation_keeps_the_roadmap_valid(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    doc, checked = analysed(text)
    before = check_bytes(text.encode(), "x").result.diagnostics
    catalogue = checked.catalogue()
    renamed = 0
    for kind, _collection in (("activity", "activities"), ("organisation", "organisations")):
        for ident in catalogue.ids(kind):
            defined = catalogue.definition(kind, ident)
            assert defined is not None
            line, col = checked.parsed().source_map.values[defined.path]  # type: ignore[union-attr]
            offset = checked.offset(line, col)
            target = prepare_rename(checked, offset)
            assert target is not None
            assert target[2] == ident
            new = f"{ident}-NEW"
            edited = apply(doc, rename(doc, checked, offset, new))
            after = check_bytes(edited.encode(), "x").result.diagnostics
            assert [(d.code, d.message.replace(new, ident)) for d in after] == [
                (d.code, d.message) for d in before
            ], f"{path.name}: {ident}"
            uses = len(catalogue.uses(kind, ident))
            assert edited.count(new) >= uses
            renamed += 1
    assert renamed > 10


def test_a_rename_keeps_each_occurrences_quotes() -> None:
    text = MOROCCO.replace("depends_on: [GOV-02]", "depends_on: ['GOV-02']", 1)
    doc, checked = analysed(text)
    offset = text.index("- id: GOV-02") + 7
    edited = apply(doc, rename(doc, checked, offset, "GOV-20"))
    assert "depends_on: ['GOV-20']" in edited
    assert "- id: GOV-20" in edited


def test_renaming_a_region_group_renames_its_key_and_its_uses() -> None:
    doc, checked = analysed(MOROCCO)
    offset = MOROCCO.index("PILOT: [") + 1
    edited = apply(doc, rename(doc, checked, offset, "PHASE-1"))
    assert "PHASE-1: [MA-07, MA-09]" in edited
    assert "PILOT" not in edited.replace("pilot", "")


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        ("gov-99", "is not an id"),
        ("GOV-03", "already the id of something"),
        ("MS", "already the id of something"),
        ("GOV-02", "already `GOV-02`"),
    ],
)
def test_a_rename_that_would_break_the_roadmap_is_refused(new: str, reason: str) -> None:
    doc, checked = analysed(MOROCCO)
    offset = MOROCCO.index("- id: GOV-02") + 7
    with pytest.raises(RenameRefused, match=reason):
        rename(doc, checked, offset, new)


def test_only_ids_of_objects_are_renamed() -> None:
    doc, checked = analysed(MOROCCO)
    assert prepare_rename(checked, MOROCCO.index("MA-07, MA-08") + 1) is None  # an ISO code
    assert prepare_rename(checked, MOROCCO.index("status: ongoing") + 10) is None
    with pytest.raises(RenameRefused):
        rename(doc, checked, MOROCCO.index("status: ongoing") + 10, "X")
