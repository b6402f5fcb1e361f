from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext


class Q004(Rule, name="empty-axis", severity=Severity.WARNING):
    """An axis has no activity.

    An axis without activities shows as an empty section, with no progress or budget, in
    every report. Either its activities are missing or the axis was dropped from the plan.

    Bad:
        axes:
          - {id: GOV, title: Gouvernance}
          - {id: FIN, title: Financement}
        activities:
          - id: GOV-01
            axis: GOV
    Good:
        axes:
          - {id: GOV, title: Gouvernance}
        activities:
          - id: GOV-01
            axis: GOV
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        used = {activity.axis for activity in ctx.roadmap.activities} | ctx.withheld.axes_used
        for i, axis in enumerate(ctx.roadmap.axes):
            if axis.id not in used:
                yield Finding(
                    ("axes", i, "id"),
                    f"axis {axis.id} has no activity",
                    f"add activities with `axis: {axis.id}`, or remove the axis",
                )
