"""The field at the cursor, read off a text that may not load as YAML yet."""

from __future__ import annotations

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.lsp.cursor import Cursor, cursor_at

ITEM = "activities:\n  - id: A\n"


def at(marked: str) -> Cursor | None:
    """The cursor at the ``|`` of ``marked``."""
    offset = marked.index("|")
    return cursor_at(marked.replace("|", "", 1), offset)


@pytest.mark.parametrize(
    ("marked", "pattern", "kind", "word"),
    [
        (ITEM + "    depends_on: [|", ("activities", "*", "depends_on", "*"), "value", ""),
        (ITEM + "    depends_on: [GOV-01, G|", ("activities", "*", "depends_on", "*"), "value", "G"),
        (ITEM + "    depends_on:\n      - GOV|", ("activities", "*", "depends_on", "*"), "value", "GOV"),
        (ITEM + "    axis: G|", ("activities", "*", "axis"), "value", "G"),
        (ITEM + "    status: on|", ("activities", "*", "status"), "value", "on"),
        (ITEM + "    st|", ("activities", "*"), "key", "st"),
        (ITEM + "    budget:\n      - {year: 2021, funder: |", ("activities", "*", "budget", "*", "funder"), "value", ""),
        (ITEM + "    budget:\n      - {year: 2021, fu|", ("activities", "*", "budget", "*"), "key", "fu"),
        (ITEM + "    regions: [MA-01, MA-02,\n              MA|", ("activities", "*", "regions", "*"), "value", "MA"),
        (ITEM + "    planned: {start: 2020-01-01, |", ("activities", "*", "planned"), "key", ""),
        (ITEM + "    planned:\n      st|", ("activities", "*", "planned"), "key", "st"),
        (ITEM + "    title: {fr: x, |", ("activities", "*", "title"), "key", ""),
        ("activities:\n  - |", ("activities", "*"), "key", ""),
        ("activities:\n- id: A\n  ax|", ("activities", "*"), "key", "ax"),
        ("activities:\n- id: A\n  axis: |", ("activities", "*", "axis"), "value", ""),
        ("coun|", (), "key", "coun"),
        ("country: |", ("country",), "value", ""),
        ("indicators:\n  - id: I\n    values:\n      - {date: 2020-01-01, region: |", ("indicators", "*", "values", "*", "region"), "value", ""),
        ("region_groups:\n  PILOT: [|", ("region_groups", "*", "*"), "value", ""),
        ("region_labels:\n  MA|", ("region_labels",), "key", "MA"),
        ("phase:  # the current one\n  st|", ("phase",), "key", "st"),
    ],
)  # fmt: skip
def test_the_field_at_the_cursor(
    marked: str, pattern: tuple[str, ...], kind: str, word: str
) -> None:
    found = at(marked)
    assert found is not None
    assert (found.pattern, found.kind, found.word) == (pattern, kind, word)
    assert found.start == marked.index("|") - len(word)


@pytest.mark.parametrize(
    "marked",
    [
        ITEM + "    description: >-\n      some text st|",
        ITEM + "    status: ongoing  # a comm|",
        ITEM + "  status: ongoing\n      pla|",  # deeper than anything that can hold it
    ],
)
def test_no_field_in_a_comment_a_block_scalar_or_a_broken_structure(marked: str) -> None:
    assert at(marked) is None


def test_the_keys_a_mapping_already_has_are_known() -> None:
    marked = ITEM + "    axis: GOV\n\n    |\n    status: ongoing\n  - id: B\n    lead: X\n"
    found = at(marked)
    assert found is not None
    assert found.present == {"id", "axis", "status"}


def test_a_new_list_item_has_no_keys_yet() -> None:
    found = at(ITEM + "    axis: GOV\n  - |\n")
    assert found is not None
    assert (found.pattern, found.present) == (("activities", "*"), frozenset())


def test_every_value_of_the_examples_is_placed_at_its_own_field() -> None:
    """At the start of each `key: value` line of the examples, the cursor names that key's
    field (an independent reading: the examples load, so their paths are known)."""
    from uhc_roadmap.editing import layout
    from uhc_roadmap.loading import load_document

    for path in sorted(ROADMAPS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        loaded = load_document(text.encode(), path.name)
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        checked = 0
        for doc_path, (line, col) in loaded.source_map.values.items():
            if not doc_path or not isinstance(doc_path[-1], str):
                continue
            offset = starts[line - 1] + col - 1
            if text[offset] in "[{\"'>|" or text[offset - 2 : offset] != ": ":
                continue  # flow collections, quoted and block scalars: other tests
            found = cursor_at(text, offset)
            assert found is not None, f"{path.name}:{line}:{col}"
            assert found.pattern == layout.pattern(doc_path), f"{path.name}:{line}:{col}"
            assert found.kind == "value"
            checked += 1
        assert checked > 100
