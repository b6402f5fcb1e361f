from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class D005(Rule, name="milestone-outside-activity", severity=Severity.INFO):
    """A milestone is due outside its activity's planned period.

    A milestone marks a step of its activity, so it normally falls between the planned
    start and end. One that does not is often a mistyped year, or belongs to another
    activity. Follow-up steps after the end are sometimes intended, hence only info.

    Bad:
        planned: {start: 2019-04-01, end: 2019-12-31}
        milestones:
          - {title: Recommandations publiées, due: 2020-12-31}
    Good:
        planned: {start: 2019-04-01, end: 2019-12-31}
        milestones:
          - {title: Recommandations publiées, due: 2019-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in activities(ctx):
            planned = activity.planned
            if planned.start > planned.end:
                continue  # D001 reports the period itself
            for j, milestone in enumerate(activity.milestones):
                if planned.start <= milestone.due <= planned.end:
                    continue
                side = "before" if milestone.due < planned.start else "after"
                yield Finding(
                    (*path, "milestones", j, "due"),
                    f"milestone due on {milestone.due.isoformat()}, {side} {activity.id}'s "
                    f"planned period ({planned.start.isoformat()} to {planned.end.isoformat()})",
                    "correct the due date, or widen the activity's planned period",
                )
