"""One run, all findings: the rules run on the items that validated, never on the others."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import FIXTURES, check_text
from uhc_roadmap.bulk.check import check_files
from uhc_roadmap.bulk.jobs import Job
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading import load_document
from uhc_roadmap.model.partial import failed_items, partial_roadmap
from uhc_roadmap.validation import RuleSelection, ValidationOptions, check_bytes

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
SECOND = """  - id: GOV-02
    axis: GOV
    title: Contrats-programmes
    status: planned
    depends_on: [GOV-01, GOV-9]
    planned: {start: 2023-01-01, end: 2023-06-30}
    lead: MS
    milestones:
      - {title: Modèle adopté, due: 2023-06-30}
"""


def roadmap(first_activity_extra: str = "", rest: str = SECOND) -> str:
    """The minimal roadmap, a line added to its activity GOV-01, and a second activity."""
    text = MINIMAL
    if first_activity_extra:
        text = text.replace(
            "    status: ongoing\n", f"    status: ongoing\n{first_activity_extra}", 1
        )
    return text.replace("activities:\n", "activities:\n" + rest, 1)


def codes(text: str, **options: object) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in check_text(text, **options).diagnostics]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_unknown_field_in_one_activity_and_an_unknown_dependency_in_another_in_one_run() -> None:
    text = roadmap("    stauts: completed\n")
    assert codes(text) == [("R004", line_of(text, "GOV-9")), ("S002", line_of(text, "stauts"))]


def test_the_valid_roadmap_gives_the_rule_finding_alone() -> None:
    text = roadmap()
    assert codes(text) == [("R004", line_of(text, "GOV-9"))]


def test_an_activity_that_did_not_validate_is_still_a_known_id_and_gets_no_rule_finding() -> None:
    # GOV-01 is ongoing without an actual start (T002) and does not validate: only S002 is said.
    text = roadmap("    stauts: completed\n").replace("    actual: {start: 2021-02-01}\n", "", 1)
    found = check_text(text).diagnostics
    assert [d.code for d in found] == ["R004", "S002"]
    assert "GOV-01" not in found[0].message


def test_findings_after_a_left_out_item_are_placed_on_their_own_lines() -> None:
    # The invalid activity comes first: the second one is item 0 of the partial roadmap.
    invalid_first = MINIMAL.replace("    status: ongoing\n", "    status: ongoing\n    stauts: x\n")
    text = invalid_first + SECOND.replace("GOV-02", "GOV-03")
    [r004] = [d for d in check_text(text).diagnostics if d.code == "R004"]
    assert (r004.line, r004.col) == (line_of(text, "GOV-9"), 26)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # An axis that did not validate is still defined: its activities name a known axis.
        (
            "  - id: GOV\n    title: Gouvernance\n",
            "  - id: GOV\n    title: [a]\n  - {id: X, title: X}\n",
        ),
        # An organisation that did not validate is still a known lead.
        ("type: government}", "type: ministry}"),
    ],
    ids=["axis", "organisation"],
)
def test_references_to_items_left_out_are_not_unknown(before: str, after: str) -> None:
    text = roadmap().replace(before, after, 1)
    assert text != roadmap()
    found = [d.code for d in check_text(text).diagnostics]
    assert len([c for c in found if c.startswith("S")]) == 1, found
    assert not {"R002", "R003"} & set(found), found
    assert "R004" in found  # the rules did run on the activities


def test_an_axis_whose_only_activities_did_not_validate_is_not_empty() -> None:
    text = roadmap("    stauts: x\n", rest="").replace(
        "  - id: GOV\n    title: Gouvernance\n",
        "  - id: GOV\n    title: Gouvernance\n  - id: FIN\n    title: Financement\n",
    )
    text = text.replace("    axis: GOV\n", "    axis: FIN\n", 1)
    found = [d.code for d in check_text(text).diagnostics]
    assert found == ["Q004", "S002"]  # GOV is empty; FIN has an activity, left out


def test_an_activity_measured_by_an_indicator_left_out_has_an_indicator() -> None:
    no_milestone = roadmap(rest="").replace(
        "    milestones:\n      - {title: Atelier national, due: 2022-03-31, done_on: 2022-03-15}\n",
        "",
    )
    broken_indicator = (
        "indicators:\n  - {id: IND-01, title: T, activity: GOV-01, measure: qualitative, "
        "values: [{date: 2021-12-31}]}\n"
    )
    assert [d.code for d in check_text(no_milestone).diagnostics] == ["Q002"]
    assert [d.code for d in check_text(no_milestone + broken_indicator).diagnostics] == ["S001"]


def test_an_error_outside_the_items_stops_every_rule() -> None:
    text = roadmap().replace("as_of: 2022-06-30", "as_of: 2022-06")
    assert codes(text) == [("S007", line_of(text, "as_of"))]


def test_when_what_is_left_does_not_validate_no_rule_runs() -> None:
    # The only axis is invalid: a roadmap without axes is not one.
    text = roadmap().replace("    title: Gouvernance\n", "    title: [a]\n", 1)
    assert [c for c, _ in codes(text)] == ["S003"]


def test_rule_findings_on_a_partial_roadmap_follow_selection_and_suppression() -> None:
    text = roadmap("    stauts: x\n")
    ignored = RuleSelection(ignore=frozenset({"R004"}))
    assert [c for c, _ in codes(text, selection=ignored)] == ["S002"]
    relevelled = RuleSelection(severities={"R004": Severity.WARNING})
    found = check_text(text, selection=relevelled).diagnostics
    assert (found[0].code, found[0].severity) == ("R004", Severity.WARNING)
    silenced = text.replace("[GOV-01, GOV-9]", "[GOV-01, GOV-9]  # uhc-roadmap: disable=R004")
    assert [c for c, _ in codes(silenced)] == ["S002"]


def test_unused_suppressions_are_not_judged_while_items_are_left_out() -> None:
    # The suppression in GOV-01 may be needed once GOV-01 validates.
    text = roadmap("    stauts: x  # uhc-roadmap: disable=T003\n")
    assert [c for c, _ in codes(text, warn_unused_ignores=True)] == ["R004", "S002"]


def test_the_partial_roadmap_and_what_was_left_out() -> None:
    text = roadmap("    stauts: x\n")
    loaded = load_document(text.encode(), "f.yaml")
    assert loaded.data is not None
    failed = failed_items([{"loc": ("activities", 1, "stauts")}])
    assert failed == {"activities": {1}}
    partial = partial_roadmap(loaded.data, loaded.source_map, failed)
    assert partial is not None
    assert [a.id for a in partial.roadmap.activities] == ["GOV-02"]
    assert partial.withheld.of("activities") == {"GOV-01"}
    assert partial.withheld.axes_used == {"GOV"}
    assert partial.source_map.position(("activities", 0, "id")) == (
        line_of(text, "- id: GOV-02"),
        9,
    )
    assert failed_items([{"loc": ("phase", "end")}]) is None
    assert failed_items([{"loc": ("axes",)}]) is None


def test_a_partial_result_measured_against_today_is_not_cached_for_ever() -> None:
    text = roadmap("    stauts: x\n").replace("as_of: 2022-06-30\n", "")
    checked = check_bytes(text.encode(), "f.yaml")
    assert checked.roadmap is None
    assert checked.checked is not None
    assert checked.depends_on_today(ValidationOptions())
    assert not checked.depends_on_today(ValidationOptions(as_of=date(2022, 1, 1)))
    [result] = check_files([Job("f.yaml", text.encode())], ValidationOptions(), workers=1)
    assert [d.code for d in result.diagnostics] == ["R004", "S002"]
