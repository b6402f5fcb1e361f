from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import missing_actual
from uhc_roadmap.rules.context import RuleContext


class T001(Rule, name="completed-without-actual-end", severity=Severity.WARNING):
    """A completed activity has no actual end date.

    Reports measure delays by comparing the actual end with the planned one; without it a
    completed activity cannot be counted as on time or late.

    Bad:
        status: completed
        actual: {start: 2017-03-01}
    Good:
        status: completed
        actual: {start: 2017-03-01, end: 2018-02-28}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in missing_actual(ctx, ("completed",), "end"):
            yield Finding(
                path,
                f"{activity.id} is completed but has no actual end date",
                "add `end:` to `actual` with the day the work was finished",
            )
