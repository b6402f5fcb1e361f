from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.model import Text
from uhc_roadmap.model.written import PercentField, number_hint
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import measured_values
from uhc_roadmap.rules.context import RuleContext


class I005(Rule, name="text-value-on-numeric", severity=Severity.ERROR):
    """A number or percent indicator has text as a value.

    Numeric indicators are plotted and compared with their target; a text value ("12
    regions", "45%", a quoted "12") cannot be. Write the bare number and put the unit in
    `unit`.

    Bad:
        indicators:
          - id: IND-PRS
            measure: number
            unit: regions
            baseline: {value: 0, date: 2016-12-31}
            target: {value: "12 régions", date: 2022-12-31}
    Good:
        indicators:
          - id: IND-PRS
            measure: number
            unit: regions
            baseline: {value: 0, date: 2016-12-31}
            target: {value: 12, date: 2022-12-31}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, indicator, what, value in measured_values(ctx):
            if indicator.measure != "qualitative" and isinstance(value, Text):
                shown = value.get(ctx.roadmap.default_language, ctx.roadmap.default_language)[0]
                percent: PercentField = (
                    "indicator" if indicator.measure == "percent" else "not percent"
                )
                hint = number_hint("value", shown, percent=percent)
                yield Finding(
                    path,
                    f'{what} is the text "{shown}" on a {indicator.measure} indicator',
                    hint or "write a bare number without quotes; the unit goes in `unit`",
                )
