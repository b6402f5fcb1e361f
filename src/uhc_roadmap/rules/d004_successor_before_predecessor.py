from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class D004(Rule, name="successor-before-predecessor", severity=Severity.WARNING):
    """An activity is planned to start before an activity it depends on is planned to end.

    `depends_on` means "cannot start until that one is done" (the national debate needs
    the survey's report). A plan that starts the successor first contradicts its own
    dependencies. Starting on the day the predecessor ends is allowed.

    Bad:
        activities:
          - id: HRH-01
            planned: {start: 2017-01-01, end: 2017-12-31}
          - id: HRH-02
            planned: {start: 2017-10-01, end: 2018-12-31}
            depends_on: [HRH-01]
    Good:
        activities:
          - id: HRH-01
            planned: {start: 2017-01-01, end: 2017-12-31}
          - id: HRH-02
            planned: {start: 2018-05-01, end: 2018-12-31}
            depends_on: [HRH-01]
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in activities(ctx):
            start = activity.planned.start
            for dependency in dict.fromkeys(activity.depends_on):
                predecessor = ctx.activities.get(dependency)
                if predecessor is None or predecessor is activity:
                    continue
                if start < predecessor.planned.end:
                    yield Finding(
                        (*path, "planned", "start"),
                        f"{activity.id} is planned to start on {start.isoformat()}, before "
                        f"{dependency}, which it depends on, ends on "
                        f"{predecessor.planned.end.isoformat()}",
                        f"start {activity.id} later, end {dependency} earlier, or remove the "
                        "dependency if the work can overlap",
                    )
