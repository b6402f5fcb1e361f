"""Every figure of tests/fixtures/progress/small.yaml, worked out by hand (docs/figures.md).

Reference date 2022-06-30. Activities (completion, USD planned budget):
A-01 completed 1.0 (1000), A-02 ongoing progress 50 -> 0.5 (3000), A-03 planned 0.0 (0),
B-01 ongoing, 2 of 4 milestones done by 2022-06-30 -> 0.5 (2000; plus EUR 700 left out),
B-02 cancelled (5000, left out), B-03 finalising without progress -> 0.9 (4000),
B-04 suspended progress 20 -> 0.2 (no budget).
"""

from __future__ import annotations

from datetime import date

import pytest

from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import BudgetFigures, RoadmapProgress, compute_progress

AS_OF = date(2022, 6, 30)


@pytest.fixture(scope="module")
def report(small: Roadmap) -> RoadmapProgress:
    return compute_progress(small, AS_OF, "en")


def by_id(report: RoadmapProgress) -> dict[str, object]:
    return {a.id: a for a in report.activities}


def test_activity_completion_rules(report: RoadmapProgress) -> None:
    found = {a.id: (a.completion, a.completion_source) for a in report.activities}
    assert found == {
        "A-01": (1.0, "status"),
        "A-02": (0.5, "progress"),
        "A-03": (0.0, "status"),
        "B-01": (0.5, "milestones"),
        "B-02": (None, "status"),
        "B-03": (0.9, "finalising"),
        "B-04": (0.2, "progress"),
    }


def test_overall_completion_by_count_and_by_budget(report: RoadmapProgress) -> None:
    # by count: (1 + 0.5 + 0 + 0.5 + 0.9 + 0.2) / 6; by budget: 7100 / 10000
    assert report.completion.by_count == pytest.approx(3.1 / 6)
    assert report.completion.by_budget == pytest.approx(0.71)
    assert report.completion.activities == 6
    assert report.completion.weight == 10000


def test_completion_per_axis(report: RoadmapProgress) -> None:
    axis_a, axis_b = report.axes
    # A: (1 + 0.5 + 0) / 3 and (1000 + 1500 + 0) / 4000
    assert axis_a.completion.by_count == pytest.approx(0.5)
    assert axis_a.completion.by_budget == pytest.approx(0.625)
    # B: (0.5 + 0.9 + 0.2) / 3 and (1000 + 3600 + 0) / 6000; B-02 cancelled is left out
    assert axis_b.completion.by_count == pytest.approx(1.6 / 3)
    assert axis_b.completion.by_budget == pytest.approx(4600 / 6000)
    assert (axis_a.overdue, axis_a.blocked, axis_b.overdue, axis_b.blocked) == (1, 1, 1, 0)


def test_activities_by_status(report: RoadmapProgress) -> None:
    counts = dict(report.statuses.items())
    assert counts == {
        "planned": 1,
        "ongoing": 2,
        "finalising": 1,
        "completed": 1,
        "cancelled": 1,
        "suspended": 1,
    }
    assert report.statuses.total == 7
    assert dict(report.axes[1].statuses.items())["cancelled"] == 1


def test_overdue_late_start_and_blocked(report: RoadmapProgress) -> None:
    # B-04 ended 2021-12-31 (181 days), A-02 ended 2022-03-31 (91 days); B-03 ends on the day
    # itself and B-02 is cancelled, so neither is overdue.
    assert [(a.id, a.overdue_days) for a in report.overdue] == [("B-04", 181), ("A-02", 91)]
    # A-03 was to start on 2022-05-01: 60 days ago.
    assert [(a.id, a.late_start_days) for a in report.late_start] == [("A-03", 60)]
    # A-03 waits for A-02 (ongoing); B-04's dependency A-01 is completed.
    assert [(a.id, a.blocked_by) for a in report.blocked] == [("A-03", ("A-02",))]


def test_milestones_upcoming_and_late(report: RoadmapProgress) -> None:
    assert [(m.id, m.days) for m in report.milestones_upcoming] == [(None, 0), ("A-03.M1", 46)]
    # B-01.M2 was reached on 2022-05-10; B-02's milestone belongs to a cancelled activity.
    assert [(m.id, m.days) for m in report.milestones_late] == [("B-01.M3", -15)]
    assert report.window_days == 90


def test_an_activity_is_not_blocked_before_its_planned_start(small: Roadmap) -> None:
    """Issue 17, item 17: A-03 starts on 2022-05-01 and waits for A-02 (ongoing)."""
    eve = compute_progress(small, date(2022, 4, 30), "en")
    assert [a.id for a in eve.blocked] == []
    day = compute_progress(small, date(2022, 5, 1), "en")
    assert [(a.id, a.blocked_by) for a in day.blocked] == [("A-03", ("A-02",))]


def test_a_suspended_activity_has_no_upcoming_milestone(small: Roadmap) -> None:
    """Issue 17, item 17: B-04 is suspended; its milestone due 2021-09-30 is not coming, but
    once past its date, unreached, it is late all the same."""
    pending = small.model_copy(deep=True)
    pending.activities[-1].milestones[0].done_on = None
    before = compute_progress(pending, date(2021, 9, 1), "en")
    assert "B-04" not in [m.activity for m in before.milestones_upcoming]
    resumed = pending.model_copy(deep=True)
    resumed.activities[-1].status = "ongoing"
    found = compute_progress(resumed, date(2021, 9, 1), "en").milestones_upcoming
    assert [(m.activity, m.days) for m in found] == [("B-04", 29)]
    after = compute_progress(pending, date(2021, 10, 31), "en")
    assert [(m.activity, m.days) for m in after.milestones_late] == [("B-04", -31)]


def test_milestone_window_is_configurable(small: Roadmap) -> None:
    wide = compute_progress(small, AS_OF, "en", window_days=123)
    assert [m.id for m in wide.milestones_upcoming] == [None, "A-03.M1", "B-01.M4"]
    narrow = compute_progress(small, AS_OF, "en", window_days=0)
    assert [m.days for m in narrow.milestones_upcoming] == [0]


def test_a_milestone_reached_after_the_reference_date_is_not_done_yet(small: Roadmap) -> None:
    earlier = compute_progress(small, date(2022, 5, 1), "en")
    b01 = next(a for a in earlier.activities if a.id == "B-01")
    assert (b01.milestones_done, b01.completion) == (1, 0.25)


def test_budget_totals_and_rates(report: RoadmapProgress) -> None:
    budget = report.budget
    assert budget.currency == "USD"
    assert budget.total == BudgetFigures(10000, 8500, 6000)
    assert budget.total.execution_rate == pytest.approx(0.6)
    assert budget.total.commitment_rate == pytest.approx(0.85)
    assert budget.cancelled == BudgetFigures(5000, 0, 0)


def test_budget_in_another_currency_is_kept_apart(report: RoadmapProgress) -> None:
    (eur,) = report.budget.other_currencies
    assert (eur.currency, eur.figures, eur.lines) == ("EUR", BudgetFigures(700, 0, 100), 1)


def test_budget_by_axis_funder_and_year(report: RoadmapProgress) -> None:
    budget = report.budget
    assert {r.key: r.figures for r in budget.by_axis} == {
        "A": BudgetFigures(4000, 3000, 1900),
        "B": BudgetFigures(6000, 5500, 4100),
    }
    assert [(r.key, r.label, r.figures) for r in budget.by_funder] == [
        ("EU", "European Union", BudgetFigures(3000, 2500, 1400)),
        ("LU", "Luxembourg", BudgetFigures(7000, 6000, 4600)),
    ]
    assert {r.key: r.figures for r in budget.by_year} == {
        "2021": BudgetFigures(5000, 5000, 4500),
        "2022": BudgetFigures(5000, 3500, 1500),
    }
    assert report.axes[0].budget.execution_rate == pytest.approx(1900 / 4000)


def test_execution_to_date_counts_the_years_up_to_the_reference_date(small: Roadmap) -> None:
    """Issue 17, item 18: at the end of 2021, the 2022 lines are not yet due to be spent.
    Lines of 2021: A-01 1000/1000/900 and B-03 4000/4000/3600 (B-02 is cancelled)."""
    found = compute_progress(small, date(2021, 12, 31), "en").budget
    assert (found.through_year, found.to_date) == (2021, BudgetFigures(5000, 5000, 4500))
    assert found.to_date.execution_rate == pytest.approx(0.9)
    assert found.total.execution_rate == pytest.approx(0.6)  # the whole phase, beside it
    axes = compute_progress(small, date(2021, 12, 31), "en").axes
    assert [a.budget_to_date for a in axes] == [
        BudgetFigures(1000, 1000, 900),
        BudgetFigures(4000, 4000, 3600),
    ]


def test_budget_by_activity_year_and_funder(report: RoadmapProgress) -> None:
    cells = [(c.activity, c.year, c.funder, c.currency, c.figures) for c in report.budget.cells]
    assert cells == [
        ("A-01", 2021, "EU", None, BudgetFigures(1000, 1000, 900)),
        ("A-02", 2022, "LU", None, BudgetFigures(3000, 2000, 1000)),
        ("A-03", 2022, "EU", None, BudgetFigures(0, 0, 0)),
        ("B-01", 2022, "EU", None, BudgetFigures(2000, 1500, 500)),
        ("B-01", 2022, "EU", "EUR", BudgetFigures(700, 0, 100)),
        ("B-03", 2021, "LU", None, BudgetFigures(4000, 4000, 3600)),
    ]
    b01 = next(a for a in report.activities if a.id == "B-01")
    assert [(r.key, r.figures) for r in b01.by_funder] == [("EU", BudgetFigures(2000, 1500, 500))]


def test_budget_by_region_splits_an_activity_evenly(report: RoadmapProgress) -> None:
    # A-02 (PILOT = MA-07 + MA-09) puts half of 3000/2000/1000 in each region.
    rows = {r.key: (r.label, r.figures) for r in report.budget.by_region}
    assert rows == {
        "national": ("National", BudgetFigures(6000, 5500, 4100)),
        "MA-07": ("Marrakech-Safi", BudgetFigures(2500, 2000, 1400)),
        "MA-09": ("Souss-Massa region", BudgetFigures(1500, 1000, 500)),
    }
    total = sum((r.figures for r in report.budget.by_region), BudgetFigures())
    assert total == report.budget.total


def test_zero_budget_has_no_rate_and_no_weight(report: RoadmapProgress) -> None:
    a03 = next(a for a in report.activities if a.id == "A-03")
    assert a03.planned_budget == 0
    assert BudgetFigures(0, 0, 0).execution_rate is None
    assert BudgetFigures(0, 0, 0).commitment_rate is None


def test_labels_follow_the_language(small: Roadmap) -> None:
    french = compute_progress(small, AS_OF, "fr")
    assert (french.country_name, french.title, french.axes[0].title) == (
        "Maroc",
        "Petite feuille de route",
        "Axe A",
    )
    assert french.budget.by_region[0].label == "National"
    assert french.budget.by_funder[0].label == "Union européenne"
    assert compute_progress(small, AS_OF).lang == "en"


def test_reference_date_defaults_to_as_of(small: Roadmap) -> None:
    assert compute_progress(small).as_of == date(2022, 6, 30)
