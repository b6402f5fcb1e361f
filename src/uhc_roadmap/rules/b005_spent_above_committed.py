from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import OverrunOptions, overruns
from uhc_roadmap.rules.context import RuleContext


class B005(Rule, name="spent-above-committed", severity=Severity.INFO, options=OverrunOptions):
    """A budget line has spent more than was committed.

    Money is normally committed before it is spent; spending beyond the commitments
    usually means `committed` was not updated. `tolerance` (percent) accepts small gaps.

    Bad:
        budget:
          - {year: 2021, funder: LU, planned: 70000, committed: 20000, spent: 26000}
    Good:
        budget:
          - {year: 2021, funder: LU, planned: 70000, committed: 50000, spent: 26000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        hint = "update `committed` to what has been committed so far"
        return overruns(ctx, "spent", "committed", tolerance, hint)
