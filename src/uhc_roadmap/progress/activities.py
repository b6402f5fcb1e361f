"""Activity-level figures: completion, overdue, late start and blocked (docs/figures.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from uhc_roadmap.model import Activity
from uhc_roadmap.progress.results import (
    ActivityProgress,
    BudgetFigures,
    BudgetRow,
    Completion,
    CompletionSource,
)

FINALISING_COMPLETION = 0.9
"""A finalising activity without ``progress``: the work is done, the sign-off is not (IATI 3)."""

CLOSED = frozenset({"completed", "cancelled"})
"""Statuses under which an activity can be neither overdue nor blocked."""


def milestones_done(activity: Activity, as_of: date) -> int:
    """Milestones reached on or before the reference date."""
    return sum(1 for m in activity.milestones if m.done_on is not None and m.done_on <= as_of)


def completion(activity: Activity, as_of: date) -> tuple[float | None, CompletionSource]:
    """The fraction of the activity done at ``as_of``, and which rule gave it."""
    status = activity.status
    if status == "completed":
        return 1.0, "status"
    if status == "cancelled":
        return None, "status"
    if status == "planned":
        return 0.0, "status"
    if activity.progress is not None:
        return activity.progress / 100, "progress"
    if status == "finalising":
        return FINALISING_COMPLETION, "finalising"
    if activity.milestones:
        return milestones_done(activity, as_of) / len(activity.milestones), "milestones"
    return 0.0, "none"


def overdue_days(activity: Activity, as_of: date) -> int | None:
    """Days past the planned end, for work that is still open."""
    if activity.status in CLOSED or activity.planned.end >= as_of:
        return None
    return (as_of - activity.planned.end).days


def late_start_days(activity: Activity, as_of: date) -> int | None:
    """Days past the planned start, for work that has not started."""
    if activity.status != "planned" or activity.planned.start >= as_of:
        return None
    return (as_of - activity.planned.start).days


def blocked_by(activity: Activity, statuses: Mapping[str, str], as_of: date) -> tuple[str, ...]:
    """Dependencies not completed, for open work that is due to have started (unknown ids are
    a validation error). Before its planned start an activity waits by plan, not blocked."""
    if activity.status in CLOSED or activity.planned.start > as_of:
        return ()
    return tuple(d for d in activity.depends_on if statuses.get(d, "completed") != "completed")


def planned_budget(activity: Activity, currency: str | None) -> float:
    """Planned amounts of the lines in the roadmap's currency (weights of by_budget)."""
    return sum(b.planned for b in activity.budget if b.currency in (None, currency))


def by_funder(
    activity: Activity, currency: str | None, funders: Sequence[str], label: Callable[[str], str]
) -> tuple[BudgetRow, ...]:
    """The activity's lines in ``currency`` added up by funder, in the order of ``funders``."""
    totals: dict[str, BudgetFigures] = {}
    for line in activity.budget:
        if line.currency in (None, currency):
            amount = BudgetFigures(line.planned, line.committed or 0.0, line.spent or 0.0)
            totals[line.funder] = totals.get(line.funder, BudgetFigures()) + amount
    order = {funder: i for i, funder in enumerate(funders)}
    keys = sorted(totals, key=lambda k: (order.get(k, len(order)), k))
    return tuple(BudgetRow(k, label(k), totals[k]) for k in keys)


def activity_progress(
    activity: Activity,
    title: str,
    as_of: date,
    statuses: Mapping[str, str],
    currency: str | None,
    funders: Sequence[str] = (),
    label: Callable[[str], str] = str,
) -> ActivityProgress:
    done, source = completion(activity, as_of)
    return ActivityProgress(
        id=activity.id,
        axis=activity.axis,
        title=title,
        status=activity.status,
        completion=done,
        completion_source=source,
        planned_start=activity.planned.start,
        planned_end=activity.planned.end,
        planned_budget=planned_budget(activity, currency),
        milestones_done=milestones_done(activity, as_of),
        milestones_total=len(activity.milestones),
        overdue_days=overdue_days(activity, as_of),
        late_start_days=late_start_days(activity, as_of),
        blocked_by=blocked_by(activity, statuses, as_of),
        by_funder=by_funder(activity, currency, funders, label),
    )


def combined(activities: Iterable[ActivityProgress]) -> Completion:
    """Mean completion by count and weighted by planned budget, cancelled work left out."""
    counted = [(a.completion, a.planned_budget) for a in activities if a.completion is not None]
    weight = sum(w for _, w in counted)
    by_count = _unit(sum(c for c, _ in counted) / len(counted)) if counted else None
    by_budget = _unit(sum(c * w for c, w in counted) / weight) if weight > 0 else None
    return Completion(by_count, by_budget, len(counted), weight)


def _unit(share: float) -> float:
    """Keep a mean of fractions within 0-1 despite floating-point rounding."""
    return min(1.0, max(0.0, share))
