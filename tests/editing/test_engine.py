"""The edit engine: only the text of what changes is rewritten; the rest stays byte for byte."""

from __future__ import annotations

import difflib
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.editing import engine
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import DELETE, Change, changed_text, edit
from uhc_roadmap.editing.errors import EditBug, EditRefused
from uhc_roadmap.loading import load_document


def doc_of(text: str) -> Document:
    return Document.parse(text.encode("utf-8"), "f.yaml")


def changed(text: str, *changes: Change) -> str:
    return changed_text(doc_of(text), list(changes)).text


def diff_lines(old: str, new: str) -> list[str]:
    """The lines taken out and put in, without context."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def activity(doc: Document, ident: str) -> int:
    return next(i for i, a in enumerate(doc.data["activities"]) if a["id"] == ident)


# -- values in place -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("a: x\n", "z", "a: z\n"),
        ('a: "x"\n', "z", 'a: "z"\n'),  # the value's own quoting is kept
        ("a: x\n", "y", 'a: "y"\n'),  # `y` is true to YAML 1.1 readers
        ("a: 'x'\n", "it's", "a: 'it''s'\n"),
        ("a: x\n", "needs: quotes", 'a: "needs: quotes"\n'),
        ("a: x\n", "NO", 'a: "NO"\n'),  # never an ambiguous bare value
        ("a: x\n", 12, "a: 12\n"),
        ("a: x\n", 12.5, "a: 12.5\n"),
        ("a: x\n", True, "a: true\n"),
        ('a: "1"\n', 1, "a: 1\n"),
        ("a: {b: x, c: y}\n", "needs, quotes", None),
        ("a:\n", "set", "a: set\n"),
    ],
)
def test_a_scalar_is_rewritten_in_place(before: str, value: Any, after: str | None) -> None:
    path = ("a", "b") if before.startswith("a: {") else ("a",)
    out = changed(before, Change(path, value))
    if after is None:
        assert out == 'a: {b: "needs, quotes", c: y}\n'
    else:
        assert out == after


def test_a_comment_after_a_changed_value_keeps_its_column() -> None:
    text = "status: ongoing               # overdue\nb: 1\n"
    assert changed(text, Change(("status",), "completed")) == (
        "status: completed             # overdue\nb: 1\n"
    )
    assert changed(text, Change(("status",), "x" * 40)) == (
        f"status: {'x' * 40}  # overdue\nb: 1\n"
    )


def test_a_block_scalar_keeps_its_header_and_indentation() -> None:
    text = "a:\n  en: >-\n    some folded\n    text\n  fr: x\n"
    out = changed(text, Change(("a", "en"), "new text"))
    assert out == "a:\n  en: >-\n    new text\n  fr: x\n"
    literal = "a: |\n  one\n  two\n"
    assert changed(literal, Change(("a",), "three\nfour\n")) == "a: |\n  three\n  four\n"
    # a value the header cannot hold (no final line break under `|`) is quoted instead
    assert changed(literal, Change(("a",), "no break")) == 'a: "no break"\n'


def test_crlf_and_bom_are_kept() -> None:
    raw = (FIXTURES / "editing" / "minimal_crlf_bom.yaml").read_bytes()
    doc = Document.parse(raw, "m.yaml")
    i = activity(doc, "GOV-01")
    out = changed_text(
        doc,
        [Change(("activities", i, "status"), "ongoing"), Change(("activities", i, "progress"), 5)],
    ).text
    new_raw = doc.encode(out)
    assert new_raw.startswith(b"\xef\xbb\xbf")
    assert new_raw.count(b"\r\n") == new_raw.count(b"\n")
    assert (
        b"    status: ongoing\r\n    planned: {start: 2021-06-01, end: 2021-06-30}\r\n    progress: 5\r\n"
        in new_raw
    )


# -- adding and removing ---------------------------------------------------------------------


def test_a_new_field_goes_where_the_key_order_puts_it_in_the_files_style() -> None:
    """The file writes its one other `actual` in block style with 4-space indentation."""
    text = (FIXTURES / "editing" / "senegal_hand_written.yaml").read_text(encoding="utf-8")
    doc = doc_of(text)
    i = activity(doc, "FIN-01")
    out = changed_text(
        doc,
        [
            Change(("activities", i, "status"), "ongoing"),
            Change(("activities", i, "actual"), {"start": "2022-09-05"}),
            Change(("activities", i, "progress"), 10),
            Change(("activities", i, "partners"), ["OMS-SN"]),
        ],
    ).text
    assert diff_lines(text, out) == [
        "-    status: planned",
        "+    status: ongoing",
        "+    actual:",
        "+        start: 2022-09-05",
        "+    progress: 10",
        "+    partners: [OMS-SN]",
    ]
    assert out.index("        start: 2022-09-05") > out.index("planned: {start: 2022-09-01")


def test_block_style_and_indentation_are_learnt_from_the_file() -> None:
    text = "a:\n    b:\n        c: 1\n    l:\n    - x\n"
    out = changed(text, Change(("a", "d"), {"e": {"f": 1}, "g": ["w"]}))
    assert out == text + "    d:\n        e:\n            f: 1\n        g:\n        - w\n"


def test_flow_mappings_and_lists_grow_in_place() -> None:
    text = "actual: {start: 2019-03-01}   # illustrative\nl: [A, B]\ne: []\n"
    out = changed(
        text,
        Change(("actual", "end"), "2021-10-15"),
        Change(("l", 2), "C"),
        Change(("e", 0), "Z"),
    )
    assert (
        out
        == "actual: {start: 2019-03-01, end: 2021-10-15}  # illustrative\nl: [A, B, C]\ne: [Z]\n"
    )


def test_removing_takes_the_lines_or_the_separators_with_it() -> None:
    text = "a: 1  # one\nb:\n  c: x\n  d: [1, 2, 3]\n  e: {f: 1, g: 2}\nz: 0\n"
    out = changed(
        text,
        Change(("b", "c"), DELETE),
        Change(("b", "d", 1), DELETE),
        Change(("b", "e", "g"), DELETE),
        Change(("z",), DELETE),
    )
    assert out == "a: 1  # one\nb:\n  d: [1, 3]\n  e: {f: 1}\n"


def test_list_items_are_matched_by_id_budget_lines_by_year_and_funder() -> None:
    text = (
        "activities:\n"
        "  - id: A\n"
        "    budget:\n"
        "      - {year: 2021, funder: EU, planned: 10}  # first\n"
        "      - {year: 2022, funder: EU, planned: 20}\n"
        "  - id: B  # second\n"
        "    x: 1\n"
    )
    doc = doc_of(text)
    lines = doc.data["activities"][0]["budget"]
    target = dict(doc.data)
    target["activities"] = [
        {"id": "C", "x": 3},
        {**doc.data["activities"][0], "budget": [lines[0], {**lines[1], "planned": 25}]},
        doc.data["activities"][1],
    ]
    out = engine.rewrite(doc, target).text
    assert diff_lines(text, out) == [
        "+  - id: C",
        "+    x: 3",
        "-      - {year: 2022, funder: EU, planned: 20}",
        "+      - {year: 2022, funder: EU, planned: 25}",
    ]


def test_the_first_key_of_a_list_item_can_be_removed() -> None:
    text = "s:\n  - id: B\n    v: 2\n"
    assert changed(text, Change(("s", 0, "id"), DELETE)) == "s:\n  - v: 2\n"


# -- safety ----------------------------------------------------------------------------------


def test_a_text_that_would_not_read_back_as_asked_is_never_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine._Planner, "scalar", lambda self, path, new, span: "[broken")
    with pytest.raises(EditBug):
        changed("a: x\n", Change(("a",), "y"))
    monkeypatch.setattr(engine._Planner, "scalar", lambda self, path, new, span: "z")
    with pytest.raises(EditBug):
        changed("a: x\n", Change(("a",), "y"))


def test_an_edit_that_adds_errors_is_refused_unless_forced() -> None:
    raw = (ROADMAPS / "morocco.yaml").read_bytes()
    doc = Document.parse(raw, "morocco.yaml")
    i = activity(doc, "GOV-03")
    with pytest.raises(EditRefused) as refused:
        edit(doc, [Change(("activities", i, "status"), "en_cours")])
    [error] = refused.value.diagnostics
    assert (error.code, error.line) == ("S004", 211)
    forced = edit(doc, [Change(("activities", i, "status"), "en_cours")], force=True)
    assert [d.code for d in forced.added] == ["S004"]


def test_an_edit_reports_the_warnings_it_brings() -> None:
    doc = Document.parse((ROADMAPS / "morocco.yaml").read_bytes(), "morocco.yaml")
    i = activity(doc, "GOV-03")
    done = edit(doc, [Change(("activities", i, "actual", "end"), "2021-10-15")])
    assert done.added == []
    assert ("D003", Severity.WARNING) in [(d.code, d.severity) for d in done.new]  # after as_of


@pytest.mark.parametrize("path", sorted(ROADMAPS.glob("*.yaml")), ids=lambda p: p.stem)
def test_completing_an_ongoing_activity_changes_only_its_lines(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    doc = doc_of(text)
    i = next(i for i, a in enumerate(doc.data["activities"]) if a["status"] == "ongoing")
    day = doc.data["as_of"]
    done = edit(
        doc,
        [
            Change(("activities", i, "status"), "completed"),
            Change(("activities", i, "actual", "end"), day),
            Change(("activities", i, "progress"), 100),
        ],
    )
    removed = [line for line in diff_lines(text, done.text) if line.startswith("-")]
    assert all(
        ("status: ongoing" in line or "actual:" in line or "progress:" in line) for line in removed
    )
    assert len(removed) <= 3
    assert not [d for d in done.result.diagnostics if d.severity is Severity.ERROR]
    new = load_document(done.text.encode(), "x").data
    assert new is not None
    assert new["activities"][i]["status"] == "completed"
    assert new["activities"][i]["actual"]["end"] == day
