from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule, RuleOptions
from uhc_roadmap.rules.context import RuleContext


class OverrunOptions(RuleOptions):
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False)
    """Percent above the planned amount that is accepted without a finding."""


def amount(value: float) -> str:
    """An amount as people write it: 12,500 or 12,500.5."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def over(value: float, limit: float, tolerance: float) -> bool:
    return value > limit * (1 + tolerance / 100)


class B001(Rule):
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

    code = "B001"
    name = "spent-above-planned"
    severity = Severity.WARNING
    family = "B"
    options_model = OverrunOptions

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        for i, activity in enumerate(ctx.roadmap.activities):
            for j, line in enumerate(activity.budget):
                if line.spent is not None and over(line.spent, line.planned, tolerance):
                    yield Finding(
                        ("activities", i, "budget", j, "spent"),
                        f"spent {amount(line.spent)} is more than the {amount(line.planned)} "
                        f"planned for {line.year} ({line.funder})",
                        "check the amounts, or raise `planned` if the budget was revised",
                    )
