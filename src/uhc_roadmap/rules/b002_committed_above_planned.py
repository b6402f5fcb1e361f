from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import OverrunOptions, overruns
from uhc_roadmap.rules.context import RuleContext


class B002(Rule, name="committed-above-planned", severity=Severity.WARNING, options=OverrunOptions):
    """A budget line has committed more than was planned.

    Commitments beyond the plan are either a revised budget that the roadmap does not show
    yet or a typing mistake. `tolerance` (percent) accepts small overruns.

    Bad:
        budget:
          - {year: 2020, funder: LU, planned: 30000, committed: 45000}
    Good:
        budget:
          - {year: 2020, funder: LU, planned: 30000, committed: 30000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        hint = "check the amounts, or raise `planned` if the budget was revised"
        return overruns(ctx, "committed", "planned", tolerance, hint)
