from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities, indicators, unknown_references
from uhc_roadmap.rules.context import RuleContext


class R004(Rule, name="unknown-activity", severity=Severity.ERROR):
    """A dependency or an indicator names an activity that the roadmap does not define.

    A dependency on an activity that does not exist can be neither checked nor drawn, and an
    indicator of one measures nothing. The closest defined id is suggested.

    Bad:
        - id: HRH-02
        - id: HRH-03
          depends_on: [HRH-2]
    Good:
        - id: HRH-02
        - id: HRH-03
          depends_on: [HRH-02]
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from unknown_references(
            _activity_references(ctx), "activity", ctx.defined("activities")
        )


def _activity_references(ctx: RuleContext) -> Iterator[tuple[DocPath, str | None]]:
    for path, activity in activities(ctx):
        for j, dependency in enumerate(activity.depends_on):
            yield (*path, "depends_on", j), dependency
    for path, indicator in indicators(ctx):
        yield (*path, "activity"), indicator.activity
