"""The habits of Word and French Excel: each has a fixture, and its hint gives the value that works.

The fixtures (tests/fixtures/invalid/, with their expected codes and positions) are checked by
tests/rules/test_fixtures.py; here, the words of each finding. A hint names the value to write,
so that following it (or `validate --fix`) makes the file valid.
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from uhc_roadmap.validation import check_bytes

HINTS = {
    "y001_colon_in_typographic_quotes": [
        "typographic quotes (“ ” ‘ ’) are not YAML quotes: write straight double quotes, "
        '"Appui : régionalisation"'
    ],
    "y001_apostrophe_in_single_quotes": [
        "an apostrophe ends a text in single quotes: write it in double quotes, "
        '"Appui à l\'Agence régionale"'
    ],
    "s003_number_with_spaces": ["write `planned: 150000`, without thousands separators"],
    "s003_decimal_comma": [
        "write `spent: 74300.5`, without thousands separators and with a decimal point"
    ],
    "s003_decimal_comma_in_flow": [
        "write `spent: 74300.5`, without thousands separators and with a decimal point"
    ],
    "s003_percent_sign": ["write `progress: 25`, without `%`: `progress` is a percentage already"],
    "s003_year_range": [
        "`year` holds one year: write `year: 2021`, and a line of its own for each later year "
        "up to 2022"
    ],
    "s003_yes_for_true": ["write `key: true`"],
    "s004_funder_by_name": ["`Luxembourg` is the name of organisation `LU`: write its id, `LU`"],
    "r003_funder_by_name": ["`LUXEMBOURG` is the name of organisation `LU`: write its id, `LU`"],
    "s004_french_status": [
        "did you mean `ongoing`? (expected one of: planned, ongoing, finalising, completed, "
        "cancelled, suspended)"
    ],
    "s002_indented_too_deep": [
        "move `budget:` left to column 5, in line with `milestones:`, with its items"
    ],
    "r005_region_by_name": [
        "regions are written by their ISO 3166-2 code: `SN-DK` (Dakar, region)",
        "regions are written by their ISO 3166-2 code: `SN-TC` (Tambacounda, region)",
        "write it `SN-TH`",
        "did you mean `SN-KL` (Kaolack, region)?",
    ],
    "i005_written_the_french_way": [
        "write `value: 25`, without `%`: `measure: percent` says it is a percentage",
        "write `value: 12.5`, with a decimal point",
    ],
    "i008_percent_as_fraction": ["write `value: 28`: percentages are written from 0 to 100"],
}

MESSAGES = {
    "s003_decimal_comma_in_flow": "`spent: 74 300,50` is read as `spent: 74 300` and the field "
    "`50`: in `{...}` a comma separates fields",
    "s002_indented_too_deep": "`budget:` is a field of activity `GOV-01`, not of the milestone: "
    "indented one level too deep? The 2 items after it (lines 27–32) are then read as "
    "milestones.",
    "s004_french_status": "`en cours` is not a valid `status`",
}


def diagnostics(name: str) -> list[tuple[str, str]]:
    path = FIXTURES / "invalid" / f"{name}.yaml"
    result = check_bytes(path.read_bytes(), path.name).result
    return [(d.message, d.hint) for d in result.diagnostics]


@pytest.mark.parametrize("name", sorted(HINTS))
def test_the_hint_gives_the_value_that_works(name: str) -> None:
    assert [hint for _, hint in diagnostics(name)] == HINTS[name]


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_message_says_what_happened(name: str) -> None:
    assert [message for message, _ in diagnostics(name)] == [MESSAGES[name]]


@pytest.mark.parametrize("name", sorted(HINTS))
def test_following_the_hint_makes_the_finding_go(name: str) -> None:
    """The value the hint names, put in the file (or the line moved where it says), validates."""
    path = FIXTURES / "invalid" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    fixed = _apply(name, text)
    result = check_bytes(fixed.encode(), path.name).result
    assert [d.code for d in result.diagnostics] == [], result.diagnostics


_FIXES = {
    "y001_colon_in_typographic_quotes": [
        ("“Appui : régionalisation”", '"Appui : régionalisation"')
    ],
    "y001_apostrophe_in_single_quotes": [
        ("'Appui à l'Agence régionale'", '"Appui à l\'Agence régionale"')
    ],
    "s003_number_with_spaces": [("planned: 150 000", "planned: 150000")],
    "s003_decimal_comma": [("spent: 74 300,50", "spent: 74300.5")],
    "s003_decimal_comma_in_flow": [("spent: 74 300,50", "spent: 74300.5")],
    "s003_percent_sign": [("progress: 25%", "progress: 25")],
    "s003_year_range": [("year: 2021-2022", "year: 2021")],
    "s003_yes_for_true": [("key: yes", "key: true")],
    "s004_funder_by_name": [("funder: Luxembourg", "funder: LU")],
    "r003_funder_by_name": [("funder: LUXEMBOURG", "funder: LU")],
    "s004_french_status": [("status: en cours", "status: ongoing")],
    "r005_region_by_name": [
        ("[Dakar, Tambacounda, sn-th, Kaolak]", "[SN-DK, SN-TC, SN-TH, SN-KL]")
    ],
    "i005_written_the_french_way": [("value: 25 %", "value: 25"), ("value: 12,5", "value: 12.5")],
    "i008_percent_as_fraction": [("value: 0.28", "value: 28")],
    "s002_indented_too_deep": [("        budget:\n", "    budget:\n")],
}


def _apply(name: str, text: str) -> str:
    for before, after in _FIXES[name]:
        assert before in text, before
        text = text.replace(before, after, 1)
    return text


def test_every_hint_is_followed() -> None:
    assert set(_FIXES) == set(HINTS)
