"""Document formatting: fmt's canonical layout, as the lines that change."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.conftest import ROADMAPS
from tests.editing.scramble import all_scrambles
from tests.lsp.test_navigation import apply
from uhc_roadmap.editing.fmt import fmt
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.lsp.formatting import format_document
from uhc_roadmap.lsp.text import TextDocument

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))


def formatted(text: str) -> tuple[TextDocument, object]:
    doc = TextDocument("file:///m.yaml", text)
    return doc, format_document(doc, "m.yaml", Limits())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_scrambled_example_is_laid_out_as_fmt_lays_it_out(path: Path) -> None:
    text = all_scrambles(path.read_text(encoding="utf-8"))
    doc, edits = formatted(text)
    assert isinstance(edits, list)
    assert edits
    result = apply(doc, types.WorkspaceEdit(changes={doc.uri: edits}))
    assert result == fmt(text.encode(), "m.yaml").text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_in_the_layout_needs_no_edit(path: Path) -> None:
    assert formatted(path.read_text(encoding="utf-8"))[1] == []


def test_one_line_out_of_the_layout_is_one_small_edit() -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    _doc, edits = formatted(text.replace("as_of: 2021-09-30", "as_of:    2021-09-30", 1))
    assert isinstance(edits, list)
    [edit] = edits
    assert edit.range.end.line - edit.range.start.line == 1
    assert edit.new_text == "as_of: 2021-09-30\n"


def test_a_document_that_does_not_load_is_not_formatted() -> None:
    assert formatted("schema_version: '1'\ntitle: [unclosed\n")[1] is None
