"""Slips whose errors come in numbers are said once, with their cause."""

from __future__ import annotations

from tests.conftest import FIXTURES, check_text

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def found(text: str) -> list[tuple[str, int, int, str, str]]:
    return [(d.code, d.line, d.col, d.message, d.hint) for d in check_text(text).diagnostics]


def test_a_field_of_the_activity_indented_under_planned() -> None:
    text = MINIMAL.replace(
        "    planned: {start: 2021-01-01, end: 2022-12-31}\n",
        "    planned:\n      start: 2021-01-01\n      end: 2022-12-31\n      progress: 40\n",
    )
    [(code, line, col, message, hint)] = found(text)
    assert (code, col) == ("S002", 7)
    assert text.splitlines()[line - 1].strip() == "progress: 40"
    assert message == (
        "`progress:` is a field of activity `GOV-01`, not of `planned`: indented one level "
        "too deep?"
    )
    assert hint == "move `progress:` left to column 5, in line with `planned:`"


def test_a_top_level_field_indented_under_the_phase() -> None:
    text = MINIMAL.replace("as_of: 2022-06-30\n", "").replace(
        "phase: {id: P3, start: 2021-01-01, end: 2023-12-31}\n",
        "phase:\n  id: P3\n  start: 2021-01-01\n  end: 2023-12-31\n  as_of: 2022-06-30\n",
    )
    [(_, _, _, message, hint)] = found(text)
    assert message.startswith("`as_of:` is a field of the roadmap, not of `phase`")
    assert hint == "move `as_of:` left to column 1, in line with `phase:`"


def test_a_field_the_enclosing_object_already_has_is_an_ordinary_unknown_field() -> None:
    text = MINIMAL.replace(
        "    planned: {start: 2021-01-01, end: 2022-12-31}\n",
        "    planned: {start: 2021-01-01, end: 2022-12-31, lead: MS}\n",
    )
    [(_, _, _, message, hint)] = found(text)
    assert message == "unknown field `lead`"
    assert hint == "allowed here: `start`, `end`"


def test_a_typo_beside_a_misplaced_field_keeps_both_plain() -> None:
    """The unknown fields must all belong to the enclosing object to be called misplaced."""
    text = MINIMAL.replace(
        "    planned: {start: 2021-01-01, end: 2022-12-31}\n",
        "    planned: {start: 2021-01-01, end: 2022-12-31, progress: 4, xyz: 1}\n",
    )
    messages = [message for _, _, _, message, _ in found(text)]
    assert messages == ["unknown field `progress`", "unknown field `xyz`"]


def test_a_budget_under_a_milestone_swallowing_one_item() -> None:
    text = MINIMAL.replace(
        "    milestones:\n      - {title: Atelier national, due: 2022-03-31, done_on: 2022-03-15}\n"
        "    budget:\n",
        "    milestones:\n      - title: Atelier national\n        due: 2022-03-31\n"
        "        budget:\n",
    )
    [(code, _, col, message, hint)] = found(text)
    assert (code, col) == ("S002", 9)
    assert "The 1 item after it (line 27) is then read as a milestone." in message
    assert hint.endswith(", with its items")


def test_commas_in_a_flow_mapping_cutting_a_whole_number_into_three() -> None:
    text = MINIMAL.replace("planned: 10000, spent: 5000", "planned: 1,250,000, spent: 5000")
    [(code, _, _, message, hint)] = found(text)
    assert code == "S003"
    assert message == (
        "`planned: 1,250,000` is read as `planned: 1` and the fields `250`, `000`: in `{...}` "
        "a comma separates fields"
    )
    assert hint == "write `planned: 1250000`, without thousands separators"


def test_a_comma_followed_by_a_space_is_a_separator_not_a_slip() -> None:
    text = MINIMAL.replace("planned: 10000, spent: 5000", "planned: 10000, 5: 1")
    [(code, _, _, message, _)] = found(text)
    assert (code, message) == ("S002", "unknown field `5`")
