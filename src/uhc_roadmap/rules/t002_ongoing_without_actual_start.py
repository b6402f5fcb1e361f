from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import missing_actual
from uhc_roadmap.rules.context import RuleContext

STARTED = ("ongoing", "finalising")


class T002(Rule, name="ongoing-without-actual-start", severity=Severity.INFO):
    """An ongoing or finalising activity has no actual start date.

    Work under way has started on some day; recording it lets reports show late starts.
    Often not known exactly for older work, hence only info.

    Bad:
        status: ongoing
    Good:
        status: ongoing
        actual: {start: 2019-03-01}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in missing_actual(ctx, STARTED, "start"):
            yield Finding(
                path,
                f"{activity.id} is {activity.status} but has no actual start date",
                "add `actual: {start: YYYY-MM-DD}` with the day the work began",
            )
