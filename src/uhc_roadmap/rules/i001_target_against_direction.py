from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import indicators, numeric_ends
from uhc_roadmap.rules.context import RuleContext


class I001(Rule, name="target-against-direction", severity=Severity.ERROR):
    """An indicator's target lies on the wrong side of its baseline for its `direction`.

    `direction` says whether success means a higher (`increase`, the default) or a lower
    (`decrease`) value. A target below the baseline of an increasing indicator makes every
    achievement figure meaningless: progress would count as regress. Often `direction:
    decrease` was forgotten.

    Bad:
        indicators:
          - id: IND-OOP
            measure: percent
            baseline: {value: 50.7, date: 2015-12-31}
            target: {value: 30, date: 2030-12-31}
    Good:
        indicators:
          - id: IND-OOP
            measure: percent
            direction: decrease
            baseline: {value: 50.7, date: 2015-12-31}
            target: {value: 30, date: 2030-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator in indicators(ctx):
            ends = numeric_ends(indicator)
            if ends is None:
                continue
            baseline, target = ends
            increasing = indicator.direction == "increase"
            if (increasing and target < baseline) or (not increasing and target > baseline):
                other = "decrease" if increasing else "increase"
                relation = "below" if increasing else "above"
                yield Finding(
                    (*path, "target", "value"),
                    f"target {target:g} is {relation} the baseline {baseline:g}, but the "
                    f"indicator's direction is `{indicator.direction}`",
                    f"set `direction: {other}` if a {'lower' if increasing else 'higher'} "
                    "value is the goal, or correct the target",
                )
