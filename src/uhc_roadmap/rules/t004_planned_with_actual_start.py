from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class T004(Rule, name="planned-with-actual-start", severity=Severity.WARNING):
    """A planned activity has actual dates, so it has in fact started.

    `planned` means not started yet; an actual start says otherwise, and reports would
    show the activity as a late start while the work is under way.

    Bad:
        status: planned
        actual: {start: 2021-02-01}
    Good:
        status: ongoing
        actual: {start: 2021-02-01}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, activity in activities(ctx):
            actual = activity.actual
            if activity.status != "planned" or actual is None:
                continue
            field = "start" if actual.start is not None else "end"
            if getattr(actual, field) is None:
                continue
            yield Finding(
                (*path, "actual", field),
                f"{activity.id} is planned (not started) but has an actual {field} date",
                "update the status (ongoing, completed...), or remove the actual dates",
            )
