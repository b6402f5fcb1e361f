from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import indicators, numeric_ends
from uhc_roadmap.rules.context import RuleContext


class I007(Rule, name="target-equals-baseline", severity=Severity.WARNING):
    """An indicator's target equals its baseline.

    Achievement is (latest − baseline) / (target − baseline), which cannot be computed when
    the two are equal, so reports show no progress figure for the indicator. If the aim is
    to keep a level, track it as a qualitative indicator or set a target that shows the
    ambition.

    Bad:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 95, date: 2016-12-31}
            target: {value: 95, date: 2022-12-31}
    Good:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 92, date: 2016-12-31}
            target: {value: 95, date: 2022-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator in indicators(ctx):
            ends = numeric_ends(indicator)
            if ends is not None and ends[0] == ends[1]:
                yield Finding(
                    (*path, "target", "value"),
                    f"the target equals the baseline ({ends[0]:g}), so achievement cannot "
                    "be measured",
                    "set a target that differs from the baseline",
                )
