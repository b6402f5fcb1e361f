from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities, indicators, names_of, unknown_references
from uhc_roadmap.rules.context import RuleContext


class R002(Rule, name="unknown-axis", severity=Severity.ERROR):
    """An activity or indicator names an axis that the roadmap does not define.

    An activity outside every defined axis is missing from all per-axis figures. The closest
    defined id is suggested.

    Bad:
        axes: [{id: GOV, title: Gouvernance}]
        activities:
          - id: FIN-01
            axis: FIN
    Good:
        axes: [{id: GOV, title: Gouvernance}, {id: FIN, title: Financement}]
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        names = names_of((axis.id, axis.title) for axis in ctx.roadmap.axes)
        yield from unknown_references(_axis_references(ctx), "axis", ctx.defined("axes"), names)


def _axis_references(ctx: RuleContext) -> Iterator[tuple[DocPath, str | None]]:
    for path, activity in activities(ctx):
        yield (*path, "axis"), activity.axis
    for path, indicator in indicators(ctx):
        yield (*path, "axis"), indicator.axis
