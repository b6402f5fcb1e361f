"""Every rule documents itself, and its documented examples do what they say."""

from __future__ import annotations

import pytest

from tests.conftest import check_text
from tests.rules.rule_examples import complete, fragment_text
from uhc_roadmap.rules import ALL_RULES, Rule
from uhc_roadmap.rules.docs import parse_doc

# Examples that cannot be run as written; each is covered by a fixture instead.
NOT_RUNNABLE = {
    "Y005": "the bad file is bytes that are not UTF-8, which a docstring cannot hold",
    "Y011": "the bad example elides 10,000 levels of nesting",
    "Y012": "the bad example elides 5,000 digits",
    "Y013": "needs --warn-unused-ignores and a comment, which completing the example drops",
}


def codes_of(rule: type[Rule], example: str) -> list[str]:
    """Codes found in the example: Y examples are read as written, others completed first."""
    text = fragment_text(example) if rule.family == "Y" else complete(example)
    return [d.code for d in check_text(text).diagnostics]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_docstring_has_summary_why_bad_and_good(rule: type[Rule]) -> None:
    doc = parse_doc(rule)
    first_line = rule.documentation().splitlines()[0]
    assert first_line == doc.summary, "a one-line summary first"
    assert doc.summary.endswith(".")
    assert doc.body, "a paragraph saying why the rule exists"
    assert doc.bad.strip(), "a Bad: example"
    assert doc.good.strip(), "a Good: example"
    assert doc.bad != doc.good


@pytest.mark.parametrize(
    "rule",
    # X examples describe cells of a workbook, not YAML: tests/spreadsheets/test_reader.py
    # builds a workbook for each X code and checks that it gives the code.
    [r for r in ALL_RULES if r.code not in NOT_RUNNABLE and r.family != "X"],
    ids=lambda r: r.code,
)
def test_bad_example_fails_and_good_example_passes(rule: type[Rule]) -> None:
    doc = parse_doc(rule)
    bad, good = codes_of(rule, doc.bad), codes_of(rule, doc.good)
    assert rule.code in bad, f"the Bad example gives {bad}"
    assert rule.code not in good, f"the Good example gives {good}"
    if rule.family not in "YS":  # the roadmap was read, so the rule really ran on it
        structural = [c for c in bad + good if c[0] in "YS"]
        assert structural == [], "examples of semantic rules must be valid roadmaps"
    if rule.family == "S":
        assert not [c for c in good if c[0] in "YS"], f"the Good example gives {good}"


def test_completion_builds_a_clean_roadmap_around_an_empty_example() -> None:
    """The base the examples are laid over has no finding of its own but the one Q002 info.

    (Its activity has no milestone, so that Q002's own Bad example can leave them out.)
    """
    assert [d.code for d in check_text(complete("{}")).diagnostics] == ["Q002"]


def test_completion_places_fragments_by_their_fields() -> None:
    import json

    activity = json.loads(complete("status: ongoing"))["activities"][0]
    assert activity["status"] == "ongoing"
    assert activity["axis"] == "GOV"
    line = json.loads(complete("budget:\n  - {planned: 5}"))["activities"][0]["budget"][0]
    assert line == {"year": 2017, "funder": "EU", "planned": 5}
    indicator = json.loads(complete("measure: percent"))["indicators"][0]
    assert indicator["measure"] == "percent"
    two = json.loads(complete("- id: A-1\n- id: A-2"))["activities"]
    assert [a["id"] for a in two] == ["A-1", "A-2"]
