"""Rule selection: codes or prefixes, the more specific entry wins, severities re-levelled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES, check_text
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules import RULES_BY_CODE
from uhc_roadmap.validation import RuleSelection

OVERSPENT = (
    (FIXTURES / "valid" / "minimal.yaml")
    .read_text(encoding="utf-8")
    .replace("spent: 5000}", "spent: 15000}")
)


def selection(select: str = "", ignore: str = "", **levels: Severity) -> RuleSelection:
    return RuleSelection(
        select=frozenset(select.split()), ignore=frozenset(ignore.split()), severities=levels
    )


@pytest.mark.parametrize(
    ("chosen", "code", "enabled"),
    [
        (selection(), "B001", True),
        (selection("B"), "B001", True),
        (selection("B"), "Q001", False),
        (selection("", "B"), "B001", False),
        (selection("B", "B001"), "B001", False),
        (selection("B", "B001"), "B002", True),
        (selection("B001", "B"), "B001", True),  # the more specific entry wins
        (selection("B", "B"), "B001", False),  # a tie goes to ignore
        (selection("B00 Q", "B0"), "B001", True),
    ],
)
def test_enabled(chosen: RuleSelection, code: str, enabled: bool) -> None:
    assert chosen.enabled(code) is enabled


def test_longest_severity_entry_wins() -> None:
    chosen = selection(B=Severity.ERROR, B001=Severity.INFO)
    assert chosen.severity("B001", Severity.WARNING) is Severity.INFO
    assert chosen.severity("B002", Severity.WARNING) is Severity.ERROR
    assert chosen.severity("Q001", Severity.WARNING) is Severity.WARNING


@given(
    st.sets(st.sampled_from(["B", "B0", "B001", "Q", "Q00", "D", "Y"])),
    st.sets(st.sampled_from(["B", "B0", "B001", "Q", "Q00", "D", "Y"])),
)
def test_enabled_is_select_minus_ignore_by_specificity(chosen: set[str], dropped: set[str]) -> None:
    rules = selection(" ".join(chosen), " ".join(dropped))
    for code in RULES_BY_CODE:
        best_select = max((len(p) for p in chosen if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in dropped if code.startswith(p)), default=-1)
        if not chosen:
            best_select = 0
        assert rules.enabled(code) is (best_select >= 0 and best_select > best_ignore)


def test_pipeline_applies_selection_and_severity() -> None:
    assert [d.code for d in check_text(OVERSPENT).diagnostics] == ["B001"]
    assert check_text(OVERSPENT, selection=selection("", "B")).diagnostics == []
    assert check_text(OVERSPENT, selection=selection("Q")).diagnostics == []
    [found] = check_text(OVERSPENT, selection=selection(B001=Severity.ERROR)).diagnostics
    assert found.severity is Severity.ERROR


def test_warnings_of_an_unreadable_file_still_follow_the_selection() -> None:
    text = 'schema_version: "1"\ncountry: NO\ncountry: DZ\n'
    assert [d.code for d in check_text(text).diagnostics] == ["Y009", "Y002"]
    assert [d.code for d in check_text(text, selection=selection("", "Y")).diagnostics] == ["Y002"]
