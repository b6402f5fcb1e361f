"""diff_roadmaps: what changed between two versions, by activity id, on fixture pairs."""

from __future__ import annotations

from datetime import date

from tests.authoring.conftest import case, roadmap_from_text
from uhc_roadmap.authoring.diff import (
    ActivitySummary,
    Amounts,
    BudgetChange,
    DateChange,
    DateSlip,
    FieldChange,
    FileDiff,
    ListChange,
    Measurement,
    MilestoneChange,
    TitleChange,
    diff_roadmaps,
)


def test_review_reports_every_kind_of_change() -> None:
    diff = diff_roadmaps(*case("review"))
    assert diff.lang == "fr"
    assert diff.roadmap == (
        FieldChange("phase.end", "2022-12-31", "2023-06-30", 181),
        FieldChange("as_of", "2021-06-30", "2022-03-31", 274),
    )
    assert diff.added == (
        ActivitySummary("HRH-02", "HRH", "planned", "Formation des médecins de famille"),
    )
    assert diff.removed == (
        ActivitySummary("FIN-02", "FIN", "ongoing", "Comptes nationaux de la santé"),
    )
    assert [c.id for c in diff.changed] == ["GOV-01", "GOV-02", "FIN-01", "HRH-01"]
    assert diff.indicators_added == ("IND-02",)
    assert diff.indicators_removed == ()
    assert not diff.is_empty


def test_status_change_actual_end_and_milestone_completion() -> None:
    gov01 = diff_roadmaps(*case("review")).changed[0]
    assert gov01.status == ("ongoing", "completed")
    assert gov01.actual == (DateChange("end", None, date(2021, 11, 30)),)
    assert gov01.milestones == (
        MilestoneChange(
            "GOV-01.M2",
            "Plans régionaux adoptés",
            (date(2021, 6, 30), date(2021, 6, 30)),
            (None, date(2021, 9, 15)),
        ),
    )
    assert gov01.milestones[0].kind == "done"
    assert gov01.milestones[0].days_late == 77
    assert (gov01.slips, gov01.budget, gov01.axis, gov01.titles) == ((), (), None, ())


def test_slips_in_days_and_milestones_without_id_matched_by_title() -> None:
    gov02 = diff_roadmaps(*case("review")).changed[1]
    assert gov02.slips == (
        DateSlip("start", date(2021, 9, 1), date(2022, 1, 1)),
        DateSlip("end", date(2022, 6, 30), date(2022, 9, 30)),
    )
    assert [s.days for s in gov02.slips] == [122, 92]
    [milestone] = gov02.milestones
    assert milestone.id is None
    assert milestone.due == (date(2022, 3, 31), date(2022, 6, 30))
    assert (milestone.kind, milestone.days_late) == ("done", -122)
    assert gov02.status is None


def test_budget_per_year_and_funder() -> None:
    fin01 = diff_roadmaps(*case("review")).changed[2]
    assert fin01.budget == (
        BudgetChange(2018, "EU", "USD", Amounts(60000, 0, 20000), Amounts(60000, 0, 45000.5)),
        BudgetChange(2019, "EU", "USD", Amounts(40000, 0, 0), Amounts(55000, 30000, 0)),
        BudgetChange(2021, "WHO-MA", "USD", None, Amounts(15000, 0, 0)),
    )


def test_a_quarterly_update_names_every_field_it_changes() -> None:
    diff = diff_roadmaps(*case("quarterly"))
    assert diff.currency == "XOF"
    [fin01] = diff.changed
    assert fin01.status == ("ongoing", "completed")
    assert fin01.progress == (40, 100)
    assert fin01.actual == (DateChange("end", None, date(2022, 6, 15)),)
    assert [(m.id, m.kind, m.done_on) for m in fin01.milestones] == [
        ("FIN-01.M1", "done", (None, date(2022, 5, 12))),
        ("FIN-01.M2", "changed", (date(2021, 10, 5), date(2021, 9, 28))),
    ]
    assert fin01.budget == (
        BudgetChange(2021, "EU", "XOF", Amounts(60000, 50000, 41200), Amounts(60000, 50000, 52400)),
        BudgetChange(2022, "EU", "XOF", Amounts(40000, 0, 0), Amounts(40000, 15000, 0)),
    )
    assert fin01.lead == ("MSAS", "WHO")
    assert fin01.partners == ListChange(added=("LU",))
    assert fin01.regions == ListChange(added=("SN-TC",))
    assert fin01.depends_on is None
    [values] = diff.indicator_values
    assert values.added == (Measurement(date(2022, 6, 30), 27.8),)
    assert (values.baseline, values.target) == (None, None)


def test_a_milestone_reopened_added_and_removed_and_lists_reordered() -> None:
    old, new = case("quarterly")
    fin01 = diff_roadmaps(new, old).changed[0]
    assert [m.kind for m in fin01.milestones] == ["reopened", "changed"]
    assert fin01.partners == ListChange(removed=("LU",))
    base = new.activities[0]
    _first, second = base.milestones
    moved = base.model_copy(update={"milestones": [second], "partners": ["LU", "WHO"]})
    reordered = new.model_copy(update={"activities": [moved]})
    change = diff_roadmaps(new, reordered).changed[0]
    assert [(m.id, m.kind) for m in change.milestones] == [("FIN-01.M1", "removed")]
    assert change.partners is None  # the same partners in another order
    added = diff_roadmaps(reordered, new).changed[0].milestones
    assert [(m.id, m.kind, m.days_late) for m in added] == [("FIN-01.M1", "added", 42)]


def test_baseline_and_target_changes() -> None:
    _, new = case("quarterly")
    indicator = new.indicators[0]
    target = indicator.target.model_copy(update={"value": 50.0}) if indicator.target else None
    revised = new.model_copy(
        update={"indicators": [indicator.model_copy(update={"target": target})]}
    )
    [values] = diff_roadmaps(new, revised).indicator_values
    assert values.target == (
        Measurement(date(2023, 12, 31), 45),
        Measurement(date(2023, 12, 31), 50),
    )
    assert values.added == values.revised == values.removed == ()


def test_axis_and_title_compared_per_language() -> None:
    hrh01 = diff_roadmaps(*case("review")).changed[3]
    assert hrh01.axis == ("HRH", "GOV")
    assert hrh01.titles == (
        TitleChange("en", "HRH strategy", "Human resources for health strategy"),
    )
    assert hrh01.title == "Stratégie RHS"


def test_indicator_values_added_and_revised() -> None:
    (values,) = diff_roadmaps(*case("review")).indicator_values
    assert values.id == "IND-01"
    assert values.added == (
        Measurement(date(2021, 12, 31), 9.0),
        Measurement(date(2021, 12, 31), 1.0, "MA-07"),
    )
    assert values.revised == (
        (Measurement(date(2020, 12, 31), 5.0), Measurement(date(2020, 12, 31), 6.0)),
    )


def test_the_same_roadmap_written_differently_has_no_differences() -> None:
    old, new = case("reformatted")
    diff = diff_roadmaps(old, new)
    assert diff.is_empty, diff
    assert FileDiff("a", "b", diff).status == "unchanged"


def test_a_renamed_id_is_a_removal_and_an_addition() -> None:
    diff = diff_roadmaps(*case("renamed"))
    assert [a.id for a in diff.removed] == ["GOV-01"]
    assert [a.id for a in diff.added] == ["GOV-1A"]
    assert diff.changed == ()


def test_titles_are_shown_in_the_language_asked_for() -> None:
    diff = diff_roadmaps(*case("review"), lang="en")
    assert diff.added[0].title == "Family doctor training"
    assert diff.changed[0].title == "Support to regionalisation"


def test_direction_matters() -> None:
    old, new = case("review")
    backwards = diff_roadmaps(new, old)
    assert [a.id for a in backwards.added] == ["FIN-02"]
    assert backwards.changed[1].slips[0].days == -122
    assert [m.kind for m in backwards.changed[0].milestones] == ["reopened"]
    assert backwards.indicators_removed == ("IND-02",)
    (values,) = backwards.indicator_values
    assert values.added == ()
    assert values.removed == (
        Measurement(date(2021, 12, 31), 9.0),
        Measurement(date(2021, 12, 31), 1.0, "MA-07"),
    )


def test_plain_text_and_map_in_the_default_language_are_the_same_title() -> None:
    base = """schema_version: "1"
country: MA
title: T
languages: [fr, en]
phase: {id: P, start: 2020-01-01, end: 2021-12-31}
organisations: [{id: MS, name: M, type: government}]
axes: [{id: GOV, title: G}]
activities:
  - {id: A-1, axis: GOV, title: TITLE, status: planned, planned: {start: 2020-01-01, end: 2020-12-31}}
"""
    plain = roadmap_from_text(base.replace("TITLE", "Atelier"))
    mapped = roadmap_from_text(base.replace("TITLE", "{fr: Atelier}"))
    english = roadmap_from_text(base.replace("TITLE", "{fr: Atelier, en: Workshop}"))
    assert diff_roadmaps(plain, mapped).is_empty
    assert diff_roadmaps(plain, english).changed[0].titles == (TitleChange("en", None, "Workshop"),)


def test_file_added_since_the_revision() -> None:
    assert FileDiff("x@HEAD", "x", None).status == "added"
