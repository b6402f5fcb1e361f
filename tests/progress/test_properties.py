"""Properties of the figures over generated roadmaps (hypothesis)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uhc_roadmap.model import Roadmap
from uhc_roadmap.model.types import STATUSES
from uhc_roadmap.progress import BudgetFigures, RoadmapProgress, compute_progress

START = date(2020, 1, 1)
AS_OF = date(2021, 6, 30)
AXES = ("A", "B")
FUNDERS = ("EU", "LU")

days = st.integers(min_value=0, max_value=1500).map(lambda n: START + timedelta(days=n))
money = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def budget_lines(draw: st.DrawFn) -> dict[str, Any]:
    planned = draw(money)
    line: dict[str, Any] = {
        "year": draw(st.integers(2020, 2023)),
        "funder": draw(st.sampled_from(FUNDERS)),
    }
    line["planned"] = planned
    if draw(st.booleans()):
        line["committed"] = draw(money)
    if draw(st.booleans()):
        line["spent"] = draw(money)
    if draw(st.integers(0, 5)) == 0:
        line["currency"] = "EUR"
    return line


@st.composite
def activities(draw: st.DrawFn, number: int, status: str | None = None) -> dict[str, Any]:
    start = draw(days)
    milestones = [
        {
            "title": "m",
            "due": draw(days),
            **({"done_on": draw(days)} if draw(st.booleans()) else {}),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    activity: dict[str, Any] = {
        "id": f"ACT-{number}",
        "axis": draw(st.sampled_from(AXES)),
        "title": "t",
        "status": status or draw(st.sampled_from(STATUSES)),
        "planned": {"start": start, "end": start + timedelta(days=draw(st.integers(1, 700)))},
        "regions": draw(st.lists(st.sampled_from(["MA-07", "MA-09", "PILOT"]), max_size=2)),
        "milestones": milestones,
        "budget": draw(st.lists(budget_lines(), max_size=3)),
    }
    if draw(st.booleans()):
        activity["progress"] = draw(st.floats(0, 100))
    if number > 0 and draw(st.booleans()):
        activity["depends_on"] = [f"ACT-{draw(st.integers(0, number - 1))}"]
    return activity


def roadmap(activity_list: list[dict[str, Any]]) -> Roadmap:
    return Roadmap.model_validate(
        {
            "schema_version": "1",
            "country": "MA",
            "title": "t",
            "languages": ["en"],
            "phase": {"id": "P", "start": START, "end": date(2024, 12, 31)},
            "currency": "USD",
            "organisations": [{"id": f, "name": f, "type": "funder"} for f in FUNDERS],
            "axes": [{"id": a, "title": a} for a in AXES],
            "activities": activity_list,
            "region_groups": {"PILOT": ["MA-07", "MA-09"]},
        }
    )


@st.composite
def roadmaps(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(0, 8))
    return [draw(activities(i)) for i in range(count)]


def shares(report: RoadmapProgress) -> list[float | None]:
    found = [report.completion.by_count, report.completion.by_budget]
    for axis in report.axes:
        found += [axis.completion.by_count, axis.completion.by_budget]
    found += [a.completion for a in report.activities]
    return found


@settings(max_examples=150, deadline=None)
@given(roadmaps())
def test_completion_stays_within_0_and_1(activity_list: list[dict[str, Any]]) -> None:
    report = compute_progress(roadmap(activity_list), AS_OF)
    assert all(0.0 <= s <= 1.0 for s in shares(report) if s is not None)


def rates(report: RoadmapProgress) -> dict[str, object]:
    """Every figure that cancelled work must not move."""
    budget = report.budget
    return {
        "completion": report.completion,
        "axes": [(a.completion, a.budget, a.overdue, a.blocked) for a in report.axes],
        "total": budget.total,
        "rows": (budget.by_axis, budget.by_funder, budget.by_year, budget.by_region),
        "other": budget.other_currencies,
        "overdue": report.overdue,
        "late": report.late_start,
        "blocked": report.blocked,
        "milestones": (report.milestones_upcoming, report.milestones_late),
    }


@settings(max_examples=150, deadline=None)
@given(roadmaps(), st.data())
def test_adding_a_cancelled_activity_changes_no_rate(
    activity_list: list[dict[str, Any]], data: st.DataObject
) -> None:
    cancelled = data.draw(activities(len(activity_list), status="cancelled"))
    before = compute_progress(roadmap(activity_list), AS_OF)
    after = compute_progress(roadmap([*activity_list, cancelled]), AS_OF)
    assert rates(after) == rates(before)
    assert after.statuses.cancelled == before.statuses.cancelled + 1


def _sum(figures: list[BudgetFigures]) -> BudgetFigures:
    return sum(figures, BudgetFigures())


def _close(a: BudgetFigures, b: BudgetFigures) -> bool:
    return all(
        x == pytest.approx(y, rel=1e-9, abs=1e-6)
        for x, y in zip(
            (a.planned, a.committed, a.spent), (b.planned, b.committed, b.spent), strict=True
        )
    )


@settings(max_examples=150, deadline=None)
@given(roadmaps())
def test_budget_breakdowns_add_up_and_rates_agree(activity_list: list[dict[str, Any]]) -> None:
    report = compute_progress(roadmap(activity_list), AS_OF)
    budget = report.budget
    for rows in (budget.by_axis, budget.by_funder, budget.by_year, budget.by_region):
        assert _close(_sum([r.figures for r in rows]), budget.total)
        for row in rows:
            figures = row.figures
            expected = figures.spent / figures.planned if figures.planned else None
            if expected is not None and not math.isfinite(expected):
                expected = None  # an overflowing rate (a planned 1e-311) is not computable
            assert figures.execution_rate == expected
    by_axis = {r.key: r.figures for r in budget.by_axis}
    assert all(a.budget == by_axis.get(a.id, BudgetFigures()) for a in report.axes)
