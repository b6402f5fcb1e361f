from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import OverrunOptions, overruns
from uhc_roadmap.rules.context import RuleContext


class B001(Rule, name="spent-above-planned", severity=Severity.WARNING, options=OverrunOptions):
    """A budget line has spent more than was planned.

    Overspending happens (exchange rates, a larger workshop) but should be a decision, not
    a typing slip of a digit; budget execution rates above 100 % also distort reports.
    `tolerance` (percent) accepts small overruns.

    Bad:
        budget:
          - {year: 2018, funder: EU, planned: 50000, spent: 62000}
    Good:
        budget:
          - {year: 2018, funder: EU, planned: 50000, spent: 48000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        hint = "check the amounts, or raise `planned` if the budget was revised"
        return overruns(ctx, "spent", "planned", tolerance, hint)
