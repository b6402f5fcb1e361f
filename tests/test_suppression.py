"""Inline `# uhc-roadmap: disable=...` comments, through the whole validation pipeline."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES, check_text
from uhc_roadmap import suppression
from uhc_roadmap.validation import RuleSelection

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
SPENT = "spent: 5000}"
OVERSPENT = "spent: 15000}"  # B001, a warning, on the budget line (line 26)


def roadmap(budget_comment: str = "", *, top: str = "", overspent: bool = True) -> str:
    text = MINIMAL.replace(SPENT, (OVERSPENT if overspent else SPENT) + budget_comment)
    return top + text


def codes(text: str, **options: object) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in check_text(text, **options).diagnostics]


def test_the_base_case_has_one_b001_warning() -> None:
    assert codes(roadmap()) == [("B001", 26, 57)]


def test_end_of_line_comment_silences_that_line() -> None:
    assert codes(roadmap("  # uhc-roadmap: disable=B001")) == []


def test_prefixes_and_lists_silence_too() -> None:
    assert codes(roadmap("  # uhc-roadmap: disable=Q001, B")) == []
    assert codes(roadmap("  #uhc-roadmap:disable=B00 approved overrun")) == []


def test_other_codes_do_not_silence() -> None:
    assert codes(roadmap("  # uhc-roadmap: disable=B002")) == [("B001", 26, 57)]


def test_comment_on_another_line_does_not_silence() -> None:
    text = roadmap().replace("    budget:\n", "    budget:  # uhc-roadmap: disable=B001\n")
    assert codes(text) == [("B001", 26, 57)]


def test_comment_alone_at_the_top_silences_the_file() -> None:
    top = "# uhc-roadmap: disable=B001\n"
    assert codes(roadmap(top=top)) == []


def test_comment_alone_after_the_first_key_is_not_file_wide() -> None:
    text = roadmap().replace("country: MA\n", "country: MA\n# uhc-roadmap: disable=B001\n")
    assert [c[0] for c in codes(text)] == ["B001"]


def test_quoted_text_is_not_a_comment() -> None:
    text = roadmap().replace(
        "title: Feuille de route\n", 'title: "Plan #uhc-roadmap: disable=B001"\n'
    )
    assert [c[0] for c in codes(text)] == ["B001"]


def test_blocking_errors_cannot_be_silenced() -> None:
    """A file that could not be read as a roadmap must never pass."""
    text = "# uhc-roadmap: disable=Y002,S\ncountry: MA\ncountry: DZ\n"
    assert [c[0] for c in codes(text)] == ["Y002"]
    selection = RuleSelection(ignore=frozenset({"Y", "S"}))
    assert [c[0] for c in codes(text, selection=selection)] == ["Y002"]


def test_unused_suppressions_are_reported_only_when_asked() -> None:
    text = roadmap("  # uhc-roadmap: disable=B001,B002", overspent=True)
    assert codes(text) == []
    column = text.splitlines()[25].index("B002") + 1
    assert codes(text, warn_unused_ignores=True) == [("Y013", 26, column)]
    found = check_text(text, warn_unused_ignores=True).diagnostics[0]
    assert found.message == "`disable=B002` silenced nothing on this line"
    assert found.severity.value == "warning"


def test_unknown_code_in_a_suppression_gets_a_suggestion() -> None:
    text = roadmap("  # uhc-roadmap: disable=B0O1")
    [b001, y013] = check_text(text, warn_unused_ignores=True).diagnostics
    assert (b001.code, y013.code) == ("B001", "Y013")
    assert y013.message == "`disable=B0O1`: no rule has the code `B0O1`"
    assert y013.hint == "did you mean `B001`?"


def test_misplaced_suppression_explains_where_it_belongs() -> None:
    text = roadmap().replace("    budget:\n", "    # uhc-roadmap: disable=B001\n    budget:\n")
    found = [d for d in check_text(text, warn_unused_ignores=True).diagnostics if d.code == "Y013"]
    assert len(found) == 1
    assert "alone on its line" in found[0].message


def test_unused_file_wide_suppression_and_a_disabled_rule() -> None:
    text = roadmap(top="# uhc-roadmap: disable=D002\n", overspent=False)
    [found] = check_text(text, warn_unused_ignores=True).diagnostics
    assert found.message == "`disable=D002` silenced nothing in this file"
    selection = RuleSelection(ignore=frozenset({"D"}))
    [found] = check_text(text, warn_unused_ignores=True, selection=selection).diagnostics
    assert found.message.endswith("(D002 is not enabled)")


def test_y013_follows_ignore_and_severity_but_needs_no_select() -> None:
    text = roadmap("  # uhc-roadmap: disable=B002")
    only_b = RuleSelection(select=frozenset({"B001"}))
    assert [c[0] for c in codes(text, warn_unused_ignores=True, selection=only_b)] == [
        "B001",
        "Y013",
    ]
    ignored = RuleSelection(ignore=frozenset({"Y013"}))
    assert [c[0] for c in codes(text, warn_unused_ignores=True, selection=ignored)] == ["B001"]


def test_no_unused_report_for_a_file_that_could_not_be_read() -> None:
    text = "# uhc-roadmap: disable=B001\ncountry: MA\ncountry: DZ\n"
    assert [c[0] for c in codes(text, warn_unused_ignores=True)] == ["Y002"]


def test_parse_positions_and_scope() -> None:
    text = "# header\n# uhc-roadmap: disable=Q001\n\nkey: 1  # uhc-roadmap: disable=B001, B2\n"
    [top, line] = suppression.parse(text)
    assert (top.line, top.whole_file, [(e.code, e.col) for e in top.entries]) == (
        2,
        True,
        [("Q001", 24)],
    )
    assert (line.line, line.whole_file, [(e.code, e.col) for e in line.entries]) == (
        4,
        False,
        [("B001", 32), ("B2", 38)],
    )


@given(st.lists(st.sampled_from(["B001", "Q", "D00", "R006", "Y009"]), min_size=1, max_size=5))
def test_parse_reads_back_every_code_at_its_column(written: list[str]) -> None:
    line = "title: x  # uhc-roadmap: disable=" + ",".join(written)
    [directive] = suppression.parse(line)
    assert [e.code for e in directive.entries] == written
    for entry in directive.entries:
        assert line[entry.col - 1 :].startswith(entry.code)


@pytest.mark.parametrize(
    "line",
    [
        "title: x # uhc-roadmap disable=B001",
        "title: x #uhc-roadmap: enable=B001",
        "a: b#uhc-roadmap: disable=B001",
    ],
)
def test_near_misses_are_not_directives(line: str) -> None:
    assert suppression.parse(line) == []
