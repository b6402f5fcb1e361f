from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.model import Activity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class T003(Rule, name="progress-contradicts-status", severity=Severity.INFO):
    """`progress` contradicts the activity's status.

    Work done on a planned activity, less than all of a completed one, or all of one that is
    not completed. Reports count a completed activity as 100 % and a planned one as 0 %, whatever
    `progress` says, so a contradicting value is silently ignored there. A suspended or
    cancelled activity may keep the progress it had reached.

    Bad:
        status: planned
        progress: 40
    Good:
        status: ongoing
        actual: {start: 2019-03-01}
        progress: 40
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in activities(ctx):
            problem = _contradiction(activity)
            if problem:
                yield Finding((*path, "progress"), *problem)


def _contradiction(activity: Activity) -> tuple[str, str] | None:
    progress, status = activity.progress, activity.status
    if progress is None or status == "cancelled":
        return None
    shown = f"{progress:g} %"
    if status == "planned" and progress > 0:
        return (
            f"{activity.id} is planned (not started) but its progress is {shown}",
            "set the status to `ongoing`, or remove `progress`",
        )
    if status == "completed" and progress < 100:
        return (
            f"{activity.id} is completed but its progress is {shown}",
            "remove `progress` (completed counts as 100 %), or correct the status",
        )
    if status != "completed" and progress >= 100:
        return (
            f"{activity.id} is {status} but its progress is 100 %",
            "set the status to `completed` with an actual end date, or lower `progress`",
        )
    return None
