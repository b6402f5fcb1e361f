from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import measured_values
from uhc_roadmap.rules.context import RuleContext


class I003(Rule, name="numeric-on-qualitative", severity=Severity.WARNING):
    """A qualitative indicator has a number as a value.

    Qualitative indicators are followed as text ("Draft submitted to the ministry"); their
    values are not plotted or compared. A number there is usually a numeric indicator whose
    `measure` was left as `qualitative`, whose figures would then be missing from reports.

    Bad:
        indicators:
          - id: IND-STRAT
            measure: qualitative
            values:
              - {date: 2020-11-30, value: 2}
    Good:
        indicators:
          - id: IND-STRAT
            measure: qualitative
            values:
              - {date: 2020-11-30, value: "Projet soumis au ministère"}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator, what, value in measured_values(ctx):
            if indicator.measure == "qualitative" and isinstance(value, float):
                yield Finding(
                    path,
                    f"{what} is the number {value:g} on a qualitative indicator",
                    "use `measure: number` or `percent`, or quote the value to keep it as text",
                )
