"""pydantic's errors, rewritten by type into plain words with a hint, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, check_text

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def with_activity_field(line: str) -> str:
    """The minimal roadmap with one more line in its first activity."""
    return MINIMAL.replace("    status: ongoing\n", f"    status: ongoing\n    {line}\n", 1)


def only(text: str) -> tuple[str, str, str, int, int]:
    [d] = [d for d in check_text(text).diagnostics if d.code.startswith("S")]
    return d.code, d.message, d.hint, d.line, d.col


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_minimal_fixture_is_valid() -> None:
    assert check_text(MINIMAL).diagnostics == []


def test_unknown_field_suggests_the_closest() -> None:
    text = with_activity_field("stauts: completed")
    code, message, _hint, line, col = only(text)
    assert (code, line, col) == ("S002", line_of(text, "stauts"), 5)
    assert message == "unknown field `stauts`; did you mean `status`?"


def test_quoted_number_is_not_a_number() -> None:
    text = with_activity_field('progress: "12"')
    code, message, hint, line, col = only(text)
    assert code == "S003"
    assert message == '`progress` must be a number, not the text "12"'
    assert hint == "write the number without quotes: 12"
    assert (line, col) == (line_of(text, "progress"), 15)


def test_unquoted_version_number_is_not_text() -> None:
    text = with_activity_field("refs: [1.10]")
    code, message, hint, _, _ = only(text)
    assert code == "S003"
    assert "not the number 1.1" in message
    assert hint == 'put it in quotes so it is read as text: "1.10"'


def test_status_typo_lists_choices() -> None:
    text = MINIMAL.replace("status: ongoing", "status: ongoin", 1)
    code, message, hint, _, _ = only(text)
    assert code == "S004"
    assert message == "`ongoin` is not a valid `status`"
    assert hint.startswith("did you mean `ongoing`?")


def test_iati_status_codes_are_aliases() -> None:
    assert check_text(MINIMAL.replace("status: ongoing", "status: 2", 1)).diagnostics == []


def test_missing_field_points_at_the_enclosing_mapping() -> None:
    text = MINIMAL.replace("    status: ongoing\n", "", 1)
    code, message, hint, line, col = only(text)
    assert code == "S001"
    assert message == "missing required field `status` in activity `GOV-01`"
    assert (line, col) == (line_of(text, "- id: GOV-01"), 5)
    assert hint.startswith("add `status:`")


@pytest.mark.parametrize(
    ("before", "after", "code"),
    [
        ("country: MA", "country: MAR", "S004"),
        ("country: MA", "country: XK", "S005"),
        ("currency: USD", "currency: USX", "S005"),
        ('schema_version: "1"', 'schema_version: "2"', "S006"),
        ('schema_version: "1"', "schema_version: 1", "S003"),
        ("start: 2021-01-01", "start: 2021-01", "S007"),
        ("start: 2021-01-01", "start: 2021-02-30", "S007"),
        ("- id: GOV-01", "- id: gov-01", "S004"),
    ],
)
def test_codes_by_error_type(before: str, after: str, code: str) -> None:
    text = MINIMAL.replace(before, after, 1)
    assert text != MINIMAL
    assert only(text)[0] == code


def test_alpha3_country_suggests_alpha2() -> None:
    text = MINIMAL.replace("country: MA", "country: NOR", 1)
    assert only(text)[0] == "S004"  # pattern: two letters


def test_union_errors_are_merged_into_one_finding() -> None:
    text = MINIMAL.replace("title: Gouvernance", "title: [a, b]", 1)
    code, message, _, _, _ = only(text)
    assert code == "S003"
    assert "a list" in message


def test_fixture_file_exists() -> None:
    assert Path(FIXTURES / "valid" / "minimal.yaml").is_file()


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("15/06/2021", "write it 2021-06-15"),
        ("2021/6/15", "write it 2021-06-15"),
        (
            "01/06/2021",
            "day and month could be either way round: write 2021-06-01 if the day comes "
            "first, 2021-01-06 if the month does",
        ),
        ("June 2021", "dates are written YYYY-MM-DD, e.g. 2021-06-15"),
    ],
)
def test_a_date_written_another_way_gets_the_iso_form_or_both_readings(
    written: str, hint: str
) -> None:
    [finding] = [
        d
        for d in check_text(f'schema_version: "1"\nas_of: {written}\n').diagnostics
        if d.code == "S007"
    ]
    assert finding.hint == hint
