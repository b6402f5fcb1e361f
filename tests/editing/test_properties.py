"""Property: a `set` edit of a valid value changes the data by that field and the text only there.

For generated valid roadmaps (tests/hardening/strategies.py), written as another tool would
write them or in fmt's layout, and a random `set` of a valid value on a random object: the
edited text loads as the roadmap with that one field changed, and every line outside the
object edited is unchanged.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.strategies import STATUSES, dump, roadmap_data, words
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import apply_changes, changed_text, same
from uhc_roadmap.editing.fmt import format_document
from uhc_roadmap.editing.paths import Assignment, object_paths, resolve
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.sourcemap import DocPath

BUILDING_BLOCKS = ("governance", "financing", "workforce", "service_delivery")


@st.composite
def edits(draw: st.DrawFn, data: dict[str, Any]) -> tuple[str, str, str]:
    """An object id, a field and a valid value for it, as `set` takes them."""
    start = date.fromisoformat(str(data["phase"]["start"]))
    day = (start + timedelta(days=draw(st.integers(0, 400)))).isoformat()
    languages = data["languages"]
    choices: list[tuple[str, str, st.SearchStrategy[str]]] = []
    for activity in data["activities"]:
        ident = activity["id"]
        choices += [
            (ident, "status", st.sampled_from(STATUSES)),
            (ident, "progress", st.integers(0, 100).map(str)),
            (ident, "actual.start", st.just(day)),
            (ident, "planned.end", st.just(day)),
            (ident, f"title.{draw(st.sampled_from(languages))}", words),
            (ident, "lead", st.sampled_from([o["id"] for o in data["organisations"]])),
        ]
        lines = [(line["year"], line["funder"]) for line in activity["budget"]]
        for line in activity["budget"]:
            if lines.count((line["year"], line["funder"])) > 1:
                continue  # two lines for one year and funder: `set` asks to edit by hand
            choices.append(
                (
                    ident,
                    f"budget.{line['year']}.{line['funder']}.spent",
                    st.integers(0, 10**9).map(str),
                )
            )
        for milestone in activity["milestones"]:
            if "id" in milestone:
                choices.append((milestone["id"], "done_on", st.just(day)))
    for axis in data["axes"]:
        choices.append((axis["id"], "building_block", st.sampled_from(BUILDING_BLOCKS)))
    for organisation in data["organisations"]:
        choices.append((organisation["id"], f"name.{languages[0]}", words))
    choices.append(("-", "as_of", st.just(day)))
    ident, field, values = draw(st.sampled_from(choices))
    return ident, field, draw(values)


def object_lines(doc: Document, path: DocPath) -> tuple[int, int]:
    """The lines of the object at ``path`` (0-based, both included)."""
    span = doc.spans.values[path]
    first = doc.line_of(doc.entry_head(path) if path else span.start)
    return first, doc.line_of(doc.content_end(span))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_set_edit_changes_that_field_and_only_those_lines(data: st.DataObject) -> None:
    roadmap = data.draw(roadmap_data())
    text = dump(roadmap)
    if data.draw(st.booleans()):
        text = format_document(Document.parse(text.encode(), "r.yaml"))
    doc = Document.parse(text.encode(), "r.yaml")
    ident, field, value = data.draw(edits(roadmap))
    object_id = None if ident == "-" else ident
    [resolved] = resolve(doc.data, object_id, [Assignment(field, value)])
    edited = changed_text(doc, [resolved.change]).text

    loaded = load_document(edited.encode(), "r.yaml")
    assert loaded.data is not None
    assert same(loaded.data, apply_changes(doc.data, [resolved.change]))

    where = object_paths(doc.data)[ident] if object_id else ()
    first, last = object_lines(doc, where)
    old, new = text.splitlines(), edited.splitlines()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            assert first <= i1, (tag, i1, i2, first, last, field)
            assert i2 <= last + 1, (tag, i1, i2, first, last, field)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmap_data())
def test_fmt_keeps_the_data_of_generated_roadmaps_and_is_idempotent(
    roadmap: dict[str, Any],
) -> None:
    text = dump(roadmap)
    once = format_document(Document.parse(text.encode(), "r.yaml"))
    loaded = load_document(once.encode(), "r.yaml")
    assert loaded.data is not None
    assert same(loaded.data, load_document(text.encode(), "r.yaml").data)
    assert format_document(Document.parse(once.encode(), "r.yaml")) == once
