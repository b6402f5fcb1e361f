from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import indicators
from uhc_roadmap.rules.context import RuleContext


class I004(Rule, name="value-after-reference-date", severity=Severity.WARNING):
    """An indicator value is dated after the reference date.

    A measured value describes the past; at the reference date (`--as-of`, else `as_of`,
    else today) a later one cannot have been measured. Usually a target or a projection was
    entered under `values`, or `as_of` was not moved forward with the data.

    Bad:
        as_of: 2021-09-30
        indicators:
          - id: IND-PRS
            measure: qualitative
            values:
              - {date: 2021-12-31, value: "Plans validés"}
    Good:
        as_of: 2021-09-30
        indicators:
          - id: IND-PRS
            measure: qualitative
            values:
              - {date: 2021-06-30, value: "Plans validés"}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        reference = ctx.reference_date
        for path, indicator in indicators(ctx):
            for j, point in enumerate(indicator.values):
                if point.date > reference:
                    yield Finding(
                        (*path, "values", j, "date"),
                        f"value dated {point.date.isoformat()}, after the reference date "
                        f"{reference.isoformat()}",
                        "targets go in `target`; otherwise correct the date or move `as_of`",
                    )
