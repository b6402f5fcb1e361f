"""Milestones not reached at the reference date: due within a window, or already late."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from uhc_roadmap.model import Activity, Milestone, Roadmap, Text
from uhc_roadmap.progress.activities import CLOSED
from uhc_roadmap.progress.results import MilestoneDue

DEFAULT_WINDOW_DAYS = 90

Resolve = Callable[[Text], str]


def pending(milestone: Milestone, as_of: date) -> bool:
    """Not reached on or before the reference date."""
    return milestone.done_on is None or milestone.done_on > as_of


def _due(activity: Activity, milestone: Milestone, as_of: date, text: Resolve) -> MilestoneDue:
    return MilestoneDue(
        activity=activity.id,
        activity_title=text(activity.title),
        id=milestone.id,
        title=text(milestone.title),
        due=milestone.due,
        days=(milestone.due - as_of).days,
    )


def milestones_due(
    roadmap: Roadmap, as_of: date, window_days: int, text: Resolve
) -> tuple[tuple[MilestoneDue, ...], tuple[MilestoneDue, ...]]:
    """(upcoming, late): pending milestones of open activities, by due date.

    Upcoming: due from the reference date to ``window_days`` after it, both days included,
    for work that is going on: a suspended activity's milestones are not coming. Late: due
    before the reference date. Milestones of completed or cancelled activities are left out:
    that work is closed.
    """
    found = [
        (activity.status, _due(activity, milestone, as_of, text))
        for activity in roadmap.activities
        if activity.status not in CLOSED
        for milestone in activity.milestones
        if pending(milestone, as_of)
    ]
    found.sort(key=lambda pair: (pair[1].due, pair[1].activity))
    upcoming = tuple(
        m for status, m in found if 0 <= m.days <= window_days and status != "suspended"
    )
    late = tuple(m for _, m in found if m.days < 0)
    return upcoming, late
