"""docs/rules.md is generated from the rules' docstrings and must not drift from them."""

from __future__ import annotations

from markdown_it import MarkdownIt

from tests.conftest import ROOT
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules import ALL_RULES, RETIRED, Rule
from uhc_roadmap.rules.b001_spent_above_planned import B001
from uhc_roadmap.rules.docs import explain, listing, option_docs, parse_doc, rules_markdown
from uhc_roadmap.rules.r001_duplicate_id import R001

RULES_MD = ROOT / "docs" / "rules.md"


def test_docs_rules_md_matches_the_rules() -> None:
    committed = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert committed == rules_markdown(), (
        "docs/rules.md is out of date; regenerate it with "
        "`.venv/bin/uhc-roadmap rules --markdown > docs/rules.md`"
    )


def test_markdown_has_a_section_and_examples_for_every_rule() -> None:
    tokens = MarkdownIt().parse(rules_markdown())
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h3"
    ]
    assert headings == [f"{r.code} {r.name}" for r in ALL_RULES]
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 2 * len(ALL_RULES)
    assert {t.info for t in fences} == {"yaml"}


def test_summary_table_links_to_each_section() -> None:
    text = rules_markdown()
    for rule in ALL_RULES:
        anchor = f"{rule.code.lower()}-{rule.name}"
        assert f"](#{anchor})" in text
        assert f"### {rule.code} {rule.name}" in text


def test_options_are_documented_with_their_defaults() -> None:
    [tolerance] = option_docs(B001)
    assert (tolerance.name, tolerance.type, tolerance.default) == ("tolerance", "number", "0")
    assert "Percent above" in tolerance.description
    assert "| `tolerance` | number | `0` |" in rules_markdown()
    assert option_docs(R001) == []


def test_parse_doc_cuts_summary_body_and_examples() -> None:
    class Q999(Rule, name="example", severity=Severity.INFO):
        """Summary line.

        Why it matters, over
        two lines.

        Bad:
            a: 1
              b: 2
        Good:
            a: 2
        """

    doc = parse_doc(Q999)
    assert doc.summary == "Summary line."
    assert doc.body == "Why it matters, over\ntwo lines."
    assert doc.bad == "a: 1\n  b: 2"
    assert doc.good == "a: 2"


def test_listing_is_aligned_one_line_per_rule() -> None:
    lines = listing().splitlines()
    assert len(lines) == len(ALL_RULES)
    columns = {line.index(rule.summary()) for line, rule in zip(lines, ALL_RULES, strict=True)}
    assert len(columns) == 1, "summaries start in one column"


def test_explain_shows_everything_a_user_needs() -> None:
    text = explain(B001)
    assert text.startswith("B001 spent-above-planned (warning, budget)\n")
    assert "\nBad:\n    budget:\n" in text
    assert "\nGood:\n" in text
    assert "[tool.uhc-roadmap.rules.B001]" in text
    assert "tolerance = 0" in text


def test_retired_codes_are_listed_with_their_reason() -> None:
    retired = rules_markdown().split("\n## Retired codes\n", 1)[1]
    for code, reason in RETIRED.items():
        assert f"| {code} | {reason} |" in retired


def test_fixable_rules_say_so_in_the_listing_the_explanation_and_the_markdown() -> None:
    from uhc_roadmap.editing.fixes import FIXABLE
    from uhc_roadmap.rules import RULES_BY_CODE

    assert set(FIXABLE) <= set(RULES_BY_CODE)
    markdown = rules_markdown()
    for line, rule in zip(listing().splitlines(), ALL_RULES, strict=True):
        assert line.endswith("[fixable]") == (rule.code in FIXABLE), line
    for code in FIXABLE:
        section = markdown.split(f"### {code} ", 1)[1].split("\n### ", 1)[0]
        assert "Fixable by `uhc-roadmap validate --fix`" in section
        assert "Fixable by" in explain(RULES_BY_CODE[code])
    assert "Fixable" not in explain(B001)
