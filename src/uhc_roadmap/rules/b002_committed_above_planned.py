from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import OverrunOptions, amount, overruns
from uhc_roadmap.rules.context import RuleContext


class B002(Rule):
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

    code = "B002"
    name = "committed-above-planned"
    severity = Severity.WARNING
    options_model = OverrunOptions

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        for path, line, committed, planned in overruns(ctx, "committed", "planned", tolerance):
            yield Finding(
                path,
                f"committed {amount(committed)} is more than the "
                f"{amount(planned)} planned for {line.year} ({line.funder})",
                "check the amounts, or raise `planned` if the budget was revised",
            )
