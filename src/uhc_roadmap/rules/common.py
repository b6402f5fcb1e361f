"""What several rules share: walks over the roadmap and findings worded alike.

Each walk yields the items a rule checks together with their document path, so that a rule
reads as its condition and its message. A rule imports its helpers from here, never from a
sibling rule: rule modules stay independent, and a helper has one home.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date

from pydantic import Field

from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import Activity, BudgetLine, Indicator, Text
from uhc_roadmap.model.written import HINTS
from uhc_roadmap.rules.base import Finding, RuleOptions
from uhc_roadmap.rules.context import RuleContext
from uhc_roadmap.suggest import did_you_mean, named

_KNOWN_SHOWN = 12


def activities(ctx: RuleContext) -> Iterator[tuple[DocPath, Activity]]:
    """Each activity with its path, ``("activities", i)``."""
    for i, activity in enumerate(ctx.roadmap.activities):
        yield ("activities", i), activity


def indicators(ctx: RuleContext) -> Iterator[tuple[DocPath, Indicator]]:
    """Each indicator with its path, ``("indicators", i)``."""
    for i, indicator in enumerate(ctx.roadmap.indicators):
        yield ("indicators", i), indicator


def budget_lines(ctx: RuleContext) -> Iterator[tuple[DocPath, BudgetLine]]:
    """Each budget line of each activity with its path, ``("activities", i, "budget", j)``."""
    for path, activity in activities(ctx):
        for j, line in enumerate(activity.budget):
            yield (*path, "budget", j), line


def activity_dates(
    ctx: RuleContext, *, planned: bool, actual: bool
) -> Iterator[tuple[DocPath, str, date]]:
    """Activities' dates with their paths and the words a message names them by.

    ``planned``: the planned start and end and the milestones' due dates; ``actual``: the
    actual start and end and the milestones' ``done_on``, where given.
    """
    for path, activity in activities(ctx):
        if planned:
            yield (*path, "planned", "start"), "planned start", activity.planned.start
            yield (*path, "planned", "end"), "planned end", activity.planned.end
        if actual and activity.actual is not None:
            if activity.actual.start is not None:
                yield (*path, "actual", "start"), "actual start", activity.actual.start
            if activity.actual.end is not None:
                yield (*path, "actual", "end"), "actual end", activity.actual.end
        for j, milestone in enumerate(activity.milestones):
            at = (*path, "milestones", j)
            if planned:
                yield (*at, "due"), "milestone due date", milestone.due
            if actual and milestone.done_on is not None:
                yield (*at, "done_on"), "milestone `done_on`", milestone.done_on


def missing_actual(
    ctx: RuleContext, statuses: Collection[str], field: str
) -> Iterator[tuple[DocPath, Activity]]:
    """Activities whose status is one of ``statuses`` but whose ``actual.<field>`` is not given.

    The path is that of ``actual`` where the activity has one (the date goes there), else that
    of ``status``.
    """
    for path, activity in activities(ctx):
        if activity.status not in statuses:
            continue
        if activity.actual is None:
            yield (*path, "status"), activity
        elif getattr(activity.actual, field) is None:
            yield (*path, "actual"), activity


def measured_values(ctx: RuleContext) -> Iterator[tuple[DocPath, Indicator, str, float | Text]]:
    """Every indicator's baseline, target and values, with their paths and the words a message
    names them by ("baseline", "the value of 2020-12-31")."""
    for path, indicator in indicators(ctx):
        if indicator.baseline is not None:
            yield (*path, "baseline", "value"), indicator, "baseline", indicator.baseline.value
        if indicator.target is not None:
            yield (*path, "target", "value"), indicator, "target", indicator.target.value
        for j, point in enumerate(indicator.values):
            what = f"the value of {point.date.isoformat()}"
            yield (*path, "values", j, "value"), indicator, what, point.value


def numeric_ends(indicator: Indicator) -> tuple[float, float] | None:
    """Baseline and target values when both are numbers (the other cases are other rules')."""
    baseline, target = indicator.baseline, indicator.target
    if indicator.measure == "qualitative" or baseline is None or target is None:
        return None
    if isinstance(baseline.value, Text) or isinstance(target.value, Text):
        return None
    return baseline.value, target.value


def amount(value: float) -> str:
    """An amount as people write it: 12,500 or 12,500.5."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


class OverrunOptions(RuleOptions):
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False)
    """Percent above the planned amount that is accepted without a finding."""


def overruns(
    ctx: RuleContext, field: str, limit_field: str, tolerance: float, hint: str
) -> Iterator[Finding]:
    """A finding for each budget line whose ``field`` exceeds its ``limit_field`` by more than
    ``tolerance`` percent (spent or committed above planned, spent above committed)."""
    for path, line in budget_lines(ctx):
        value, limit = getattr(line, field), getattr(line, limit_field)
        if value is not None and limit is not None and value > limit * (1 + tolerance / 100):
            yield Finding(
                (*path, field),
                f"{field} {amount(value)} is more than the {amount(limit)} {limit_field} "
                f"for {line.year} ({line.funder})",
                hint,
            )


def unknown_references(
    references: Iterable[tuple[DocPath, str | None]],
    kind: str,
    known: Collection[str],
    names: Mapping[str, Iterable[str]] | None = None,
) -> Iterator[Finding]:
    """A finding for each reference to an id that is not defined, with the closest known id,
    or the id of the item whose name the reference is (``names``: id -> its names).

    ``references`` are (path, id) pairs; an absent reference (None) is not checked.
    """
    choices = sorted(known)
    for path, ident in references:
        if ident is not None and ident not in known:
            meant = named(ident, names or {})
            if len(meant) == 1:
                hint = HINTS["named"] % {"value": ident, "kind": kind, "id": meant[0]}
            else:
                hint = did_you_mean(ident, choices, otherwise=_known(kind, choices))
            yield Finding(path, f"unknown {kind} `{ident}`", hint)


def names_of(items: Iterable[tuple[str, Text]]) -> dict[str, list[str]]:
    """Id -> its name in every language, for ``unknown_references``."""
    found: dict[str, list[str]] = {}
    for ident, text in items:
        found.setdefault(ident, []).extend(text.values.values())
    return found


def _known(kind: str, choices: list[str]) -> str:
    if not choices:
        return f"no {kind} is defined in this roadmap"
    more = ", ..." if len(choices) > _KNOWN_SHOWN else ""
    return f"known {kind} ids: {', '.join(choices[:_KNOWN_SHOWN])}{more}"
