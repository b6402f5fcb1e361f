from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class Q002(Rule, name="no-milestone-or-indicator", severity=Severity.INFO):
    """An activity has neither a milestone nor an indicator.

    Without one, progress can only be read from `status` and `progress`, which a reviewer
    cannot check against anything. Cancelled activities are left out.

    Bad:
        activities:
          - id: COORD-01
            status: ongoing
    Good:
        activities:
          - id: COORD-01
            status: ongoing
            milestones:
              - {title: Première réunion du groupe, due: 2017-03-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        measured = {i.activity for i in ctx.roadmap.indicators if i.activity is not None}
        measured |= ctx.withheld.activities_measured
        for path, activity in activities(ctx):
            if activity.milestones or activity.id in measured or activity.status == "cancelled":
                continue
            yield Finding(
                (*path, "id"),
                f"{activity.id} has no milestone and no indicator",
                f"add a milestone (`milestones:`) or an indicator with `activity: {activity.id}`",
            )
