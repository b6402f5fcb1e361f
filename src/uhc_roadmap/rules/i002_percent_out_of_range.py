from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.model import Text
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import measured_values
from uhc_roadmap.rules.context import RuleContext


class I002(Rule, name="percent-out-of-range", severity=Severity.ERROR):
    """A value of a percent indicator is outside 0–100.

    A share cannot be negative or above the whole. A value such as 0.45 written for 45 %
    passes this check (I008 warns when the indicator's other values show it), so write
    percents as numbers from 0 to 100 throughout.

    Bad:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 62, date: 2016-12-31}
            target: {value: 120, date: 2022-12-31}
    Good:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 62, date: 2016-12-31}
            target: {value: 80, date: 2022-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator, what, value in measured_values(ctx):
            if indicator.measure != "percent" or isinstance(value, Text) or 0 <= value <= 100:
                continue
            yield Finding(
                path,
                f"{what} is {value:g}, outside 0–100 for a percent indicator",
                "write the percent as a number from 0 to 100, or use `measure: number`",
            )
