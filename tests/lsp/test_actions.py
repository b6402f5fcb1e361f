"""Code actions: the safe fixes of `validate --fix`, all at once, and "did you mean" hints."""

from __future__ import annotations

from lsprotocol import types

from tests.conftest import ROADMAPS
from tests.lsp.test_navigation import apply
from uhc_roadmap.editing.fixes import fix
from uhc_roadmap.lsp.actions import FIX_ALL, code_actions
from uhc_roadmap.lsp.analysis import check
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.validation import ValidationOptions, check_bytes

MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")


def actions_at(
    text: str, at: str, only: list[str] | None = None
) -> tuple[TextDocument, list[types.CodeAction]]:
    doc = TextDocument("file:///m.yaml", text)
    checked = check(text, "m.yaml", ValidationOptions(), 1)
    offset = text.index(at)
    return doc, code_actions(doc, checked, offset, offset + len(at), only)


def test_a_french_status_is_fixed_as_validate_fix_fixes_it() -> None:
    text = MOROCCO.replace("status: ongoing", "status: en cours", 1)
    doc, found = actions_at(text, "en cours", ["quickfix"])
    [action] = found
    assert action.title == "Fix S004: `en cours` → `ongoing`"
    assert action.kind == "quickfix"
    assert action.is_preferred
    assert action.diagnostics is not None
    assert action.diagnostics[0].code == "S004"
    assert action.edit is not None
    assert apply(doc, action.edit) == fix(text.encode(), "m.yaml").text  # as validate --fix
    assert len(action.edit.changes[doc.uri]) == 1  # type: ignore[index]


def test_fix_all_makes_every_safe_fix_pass_after_pass() -> None:
    text = MOROCCO.replace("status: ongoing", "status: en cours", 1).replace(
        "start: 2016-01-01, end: 2022-12-31}", "start: 01/01/2016, end: 31/12/2022}", 1
    )
    doc, found = actions_at(text, "phase:", [FIX_ALL])
    [action] = found
    assert action.kind == FIX_ALL
    assert action.edit is not None
    fixed = apply(doc, action.edit)
    assert fixed == fix(text.encode(), "m.yaml").text
    assert not check_bytes(fixed.encode(), "m.yaml").result.has_errors


def test_an_unknown_id_is_replaced_by_the_one_the_hint_suggests() -> None:
    text = MOROCCO.replace("depends_on: [GOV-02]", "depends_on: [GOV-2]", 1)
    doc, found = actions_at(text, "GOV-2]")
    [action] = [a for a in found if a.title.startswith("Replace")]
    assert action.title == "Replace `GOV-2` with `GOV-02`"
    assert action.edit is not None
    assert apply(doc, action.edit) == MOROCCO


def test_a_misspelt_field_is_renamed_to_the_field_it_suggests() -> None:
    text = MOROCCO.replace("    status: ongoing", "    stauts: ongoing", 1)
    doc, found = actions_at(text, "stauts")
    [action] = [a for a in found if a.title.startswith("Replace")]
    assert action.title == "Replace `stauts` with `status`"
    assert action.edit is not None
    assert apply(doc, action.edit) == MOROCCO


def test_no_action_where_there_is_no_finding() -> None:
    assert actions_at(MOROCCO, "status: ongoing")[1] == []


def test_a_byte_order_mark_is_kept_by_a_fix() -> None:
    text = "\ufeff" + MOROCCO.replace("status: ongoing", "status: en cours", 1)
    doc, [action] = actions_at(text, "en cours", ["quickfix"])
    assert action.edit is not None
    assert apply(doc, action.edit) == "\ufeff" + fix(text.encode(), "m.yaml").text
