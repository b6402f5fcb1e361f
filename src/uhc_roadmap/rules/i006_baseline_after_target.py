from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import indicators
from uhc_roadmap.rules.context import RuleContext


class I006(Rule, name="baseline-after-target", severity=Severity.ERROR):
    """An indicator's baseline is not dated before its target.

    Progress is measured along a line from the baseline to the target; a baseline dated on
    or after the target leaves no time to get there, and on-track figures cannot be drawn.
    The two dates are often swapped.

    Bad:
        indicators:
          - id: IND-DENS
            measure: number
            baseline: {value: 15.1, date: 2025-12-31}
            target: {value: 24, date: 2016-12-31}
    Good:
        indicators:
          - id: IND-DENS
            measure: number
            baseline: {value: 15.1, date: 2016-12-31}
            target: {value: 24, date: 2025-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator in indicators(ctx):
            baseline, target = indicator.baseline, indicator.target
            if baseline is None or target is None or baseline.date < target.date:
                continue
            yield Finding(
                (*path, "baseline", "date"),
                f"the baseline is dated {baseline.date.isoformat()}, not before the target "
                f"date {target.date.isoformat()}",
                "the baseline is the starting point: date it before the target",
            )
